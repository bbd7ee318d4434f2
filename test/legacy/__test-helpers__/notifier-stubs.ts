/**
 * The stubs of glance/tests/unit/test_notifier.py, subclassing the domain
 * classes as Glance does: an image whose data is '01234' + '56789', repos
 * that answer fixed values, a task whose succeed/fail do nothing and a
 * task stub whose run does nothing.
 */
import * as domain from '../../../src/legacy/domain.js';
import type { ImageData, ImageLike, MemberLike, TaskLike } from '../../../src/legacy/proxy.js';
import { GLANCE_DEFAULTS } from '../../../src/shared/settings.js';
import type { Clock } from '../../../src/shared/world.js';

const EPOCH = new Date(0);
const EPOCH_CLOCK: Clock = { now: () => EPOCH };

/** One Buffer per string, as Python tests pass lists of str. */
export function chunks(...parts: string[]): Buffer[] {
  return parts.map((p) => Buffer.from(p));
}

/** test_notifier.py ImageStub: get_data yields '01234', '56789'; set_data drains its input. */
export class ImageStub extends domain.Image {
  getDataCalls = 0;
  constructor(kwargs: domain.ImageInit) {
    super(kwargs, GLANCE_DEFAULTS);
  }
  override get_data(_offset = 0, _chunkSize: number | null = null): Iterable<Buffer> {
    this.getDataCalls += 1;
    return chunks('01234', '56789');
  }
  override set_data(data: ImageData, _size: number | null = null): void {
    for (const chunk of data) void chunk;
  }
}

function imageNamed(name: string): ImageStub {
  return new ImageStub({ image_id: name, status: 'queued', created_at: EPOCH, updated_at: EPOCH });
}

/** test_notifier.py ImageRepoStub: every call answers a fixed value. */
export class ImageRepoStub {
  static readonly fromGet = imageNamed('image_from_get');
  static readonly fromList = imageNamed('images_from_list');
  remove(_image: ImageLike): ImageLike {
    return ImageRepoStub.fromGet;
  }
  save(_image: ImageLike, _fromState?: string | null): ImageLike {
    return imageNamed('image_from_save');
  }
  add(_image: ImageLike): ImageLike {
    return imageNamed('image_from_add');
  }
  get(_imageId: string): ImageLike {
    return ImageRepoStub.fromGet;
  }
  list(_args?: unknown): ImageLike[] {
    return [ImageRepoStub.fromList];
  }
}

function memberNamed(name: string): domain.ImageMembership {
  return new domain.ImageMembership({ image_id: name, member_id: name, status: 'pending', created_at: EPOCH, updated_at: EPOCH });
}

/** test_notifier.py ImageMemberRepoStub. */
export class ImageMemberRepoStub {
  static readonly fromGet = memberNamed('image_member_from_get');
  static readonly fromList = memberNamed('image_members_from_list');
  remove(_member: MemberLike): MemberLike {
    return memberNamed('image_member_from_remove');
  }
  save(_member: MemberLike, _fromState?: string | null): MemberLike {
    return memberNamed('image_member_from_save');
  }
  add(_member: MemberLike): MemberLike {
    return memberNamed('image_member_from_add');
  }
  get(_memberId: string): MemberLike {
    return ImageMemberRepoStub.fromGet;
  }
  list(): MemberLike[] {
    return [ImageMemberRepoStub.fromList];
  }
}

/** test_notifier.py TaskStub: a domain TaskStub whose run does nothing. */
export class TaskStub extends domain.TaskStub {
  run(_executor: unknown): void {}
}

/** test_notifier.py Task: a domain Task whose succeed and fail do nothing. */
export class Task extends domain.Task {
  constructor(kwargs: domain.TaskInit, clock: Clock = EPOCH_CLOCK) {
    super(kwargs, GLANCE_DEFAULTS, clock);
  }
  override succeed(_result: unknown): void {}
  override fail(_message: unknown): void {}
}

function taskNamed(name: string): Task {
  return new Task({
    task_id: name, task_type: 'import', status: 'pending', owner: null, expires_at: null,
    created_at: EPOCH, updated_at: EPOCH, task_input: null, result: null, message: null,
  });
}

/** test_notifier.py TaskRepoStub. */
export class TaskRepoStub {
  remove(_task: TaskLike): TaskLike {
    return taskNamed('task_from_remove');
  }
  save(_task: TaskLike): TaskLike {
    return taskNamed('task_from_save');
  }
  add(_task: TaskLike): TaskLike {
    return taskNamed('task_from_add');
  }
  get(_taskId: string): TaskLike {
    return taskNamed('task_from_get');
  }
  list(): TaskLike[] {
    return [taskNamed('tasks_from_list')];
  }
}
