/**
 * The stubs of glance/tests/unit/test_notifier.py: an image whose data is
 * '01234' + '56789', repos that answer fixed values, a member and tasks.
 * Glance subclasses its domain classes for these; plain fakes with the
 * same attributes serve here, since the notifier only reads attributes
 * and forwards calls.
 */
import type { ImageData, ImageLike, ImageMemberLike, Location, TaskLike, TaskStubLike } from '../../../src/legacy/proxy.js';
import { PyDict, PyList, PySet, type PyMappingLike, type PySequenceLike, type PySetLike } from '../../../src/lib/pycollections.js';

const EPOCH = new Date(0);

/** Splits text into one-Buffer-per-string chunks, as Python tests pass lists of str. */
export function chunks(...parts: string[]): Buffer[] {
  return parts.map((p) => Buffer.from(p));
}

export interface ImageStubInit {
  image_id: string;
  name?: string | null;
  status?: string;
  size?: number | null;
  created_at?: Date;
  updated_at?: Date;
  owner?: string | null;
  visibility?: string;
  container_format?: string | null;
  disk_format?: string | null;
  virtual_size?: number | null;
  tags?: string[];
  min_ram?: number;
  min_disk?: number;
  checksum?: string | null;
  locations?: Location[];
  extra_properties?: Record<string, unknown>;
  protected?: boolean;
}

/** test_notifier.py ImageStub: get_data yields '01234', '56789'; set_data drains its input. */
export class ImageStub implements ImageLike {
  image_id: string;
  name: string | null;
  status: string;
  size: number | null;
  created_at: Date;
  updated_at: Date;
  owner: string | null;
  visibility: string;
  container_format: string | null;
  disk_format: string | null;
  virtual_size: number | null;
  min_ram: number;
  min_disk: number;
  checksum: string | null;
  protected: boolean;
  getDataCalls = 0;
  private _tags: PySetLike;
  private _locations: PySequenceLike<Location>;
  private _extra: PyMappingLike<unknown>;

  constructor(init: ImageStubInit) {
    this.image_id = init.image_id;
    this.name = init.name ?? null;
    this.status = init.status ?? 'queued';
    this.size = init.size ?? null;
    this.created_at = init.created_at ?? EPOCH;
    this.updated_at = init.updated_at ?? EPOCH;
    this.owner = init.owner ?? null;
    this.visibility = init.visibility ?? 'shared';
    this.container_format = init.container_format ?? null;
    this.disk_format = init.disk_format ?? null;
    this.virtual_size = init.virtual_size ?? null;
    this.min_ram = init.min_ram ?? 0;
    this.min_disk = init.min_disk ?? 0;
    this.checksum = init.checksum ?? null;
    this.protected = init.protected ?? false;
    this._tags = new PySet(init.tags ?? []);
    this._locations = new PyList(init.locations ?? []);
    this._extra = new PyDict(init.extra_properties ?? {});
  }

  get tags(): PySetLike {
    return this._tags;
  }
  set tags(v: unknown) {
    this._tags = new PySet(v as Iterable<string>);
  }
  get locations(): PySequenceLike<Location> {
    return this._locations;
  }
  set locations(v: unknown) {
    this._locations = new PyList(v as Iterable<Location>);
  }
  get extra_properties(): PyMappingLike<unknown> {
    return this._extra;
  }
  set extra_properties(v: unknown) {
    this._extra = new PyDict(v as Record<string, unknown>);
  }

  delete(): void {}
  deactivate(): void {}
  reactivate(): void {}
  set_data(data: ImageData, _size: number | null = null): void {
    for (const chunk of data) void chunk;
  }
  get_data(_offset = 0, _chunkSize: number | null = null): Iterable<Buffer> {
    this.getDataCalls += 1;
    return chunks('01234', '56789');
  }
}

/** A stand-in for what an inner repo returns: the notifier only wraps it. */
export type RepoStubResult = ImageLike;

function imageNamed(name: string): ImageStub {
  return new ImageStub({ image_id: name });
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

export interface MemberStubInit {
  id: number;
  image_id: string;
  member_id: string;
  status: string;
  created_at: Date;
  updated_at: Date;
}

/** A membership with glance.domain.ImageMembership's attributes. */
export class MemberStub implements ImageMemberLike {
  id: number;
  image_id: string;
  member_id: string;
  status: string;
  created_at: Date;
  updated_at: Date;
  constructor(init: MemberStubInit) {
    this.id = init.id;
    this.image_id = init.image_id;
    this.member_id = init.member_id;
    this.status = init.status;
    this.created_at = init.created_at;
    this.updated_at = init.updated_at;
  }
}

function memberNamed(name: string): MemberStub {
  return new MemberStub({ id: 0, image_id: name, member_id: name, status: 'pending', created_at: EPOCH, updated_at: EPOCH });
}

/** test_notifier.py ImageMemberRepoStub. */
export class ImageMemberRepoStub {
  static readonly fromGet = memberNamed('image_member_from_get');
  static readonly fromList = memberNamed('image_members_from_list');
  remove(_member: ImageMemberLike): ImageMemberLike {
    return memberNamed('image_member_from_remove');
  }
  save(_member: ImageMemberLike, _fromState?: string | null): ImageMemberLike {
    return memberNamed('image_member_from_save');
  }
  add(_member: ImageMemberLike): ImageMemberLike {
    return memberNamed('image_member_from_add');
  }
  get(_memberId: string): ImageMemberLike {
    return ImageMemberRepoStub.fromGet;
  }
  list(): ImageMemberLike[] {
    return [ImageMemberRepoStub.fromList];
  }
}

export interface TaskStubInit {
  task_id: string;
  type: string;
  status: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** test_notifier.py TaskStub: a glance.domain.TaskStub whose run does nothing. */
export class TaskStub implements TaskStubLike {
  task_id: string;
  type: string;
  status: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  constructor(init: TaskStubInit) {
    this.task_id = init.task_id;
    this.type = init.type;
    this.status = init.status;
    this.owner = init.owner;
    this.expires_at = init.expires_at;
    this.created_at = init.created_at;
    this.updated_at = init.updated_at;
  }
  run(_executor: unknown): void {}
}

export interface TaskInit extends TaskStubInit {
  task_input: unknown;
  result: unknown;
  message: unknown;
}

/**
 * test_notifier.py Task: a glance.domain.Task whose succeed and fail do
 * nothing; begin_processing and run keep the domain behaviour.
 */
export class TaskTestStub extends TaskStub implements TaskLike {
  task_input: unknown;
  result: unknown;
  private _message: unknown;
  constructor(init: TaskInit) {
    super(init);
    this.task_input = init.task_input;
    this.result = init.result;
    this._message = init.message;
  }
  get message(): string {
    return String(this._message ?? '');
  }
  set message(v: unknown) {
    this._message = v;
  }
  begin_processing(): void {
    if (this.status === 'pending') this.status = 'processing';
  }
  succeed(_result: unknown): void {}
  fail(_message: unknown): void {}
  override run(executor: unknown): void {
    (executor as { begin_processing(id: string): void }).begin_processing(this.task_id);
  }
}

function taskNamed(name: string): TaskTestStub {
  return new TaskTestStub({
    task_id: name, type: 'import', status: 'pending', owner: null, expires_at: null,
    created_at: EPOCH, updated_at: EPOCH, task_input: null, result: null, message: null,
  });
}

/** test_notifier.py TaskRepoStub. */
export class TaskRepoStub {
  static readonly fromGet = taskNamed('task_from_get');
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
    return TaskRepoStub.fromGet;
  }
  list(): TaskLike[] {
    return [taskNamed('tasks_from_list')];
  }
}
