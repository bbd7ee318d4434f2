/**
 * The mixed workload: a seeded, realistic sequence of requests on a few
 * dozen images of several projects (reads dominate, then PATCH, tags,
 * members, data, creates and deletes). The generator tracks what the steps
 * should have done, so most requests are valid ones; the few that are not
 * (another project's private image, say) are part of a real mix too.
 */
import type { Caller } from '../src/shared/world.js';
import { imageId, member, type BenchStep } from './harness.js';
import { Rng } from './rng.js';
import { createStep } from './seed-state.js';

export interface MixedOptions {
  readonly images: number;
  readonly projects: number;
  readonly ops: number;
  readonly seed?: number;
}

export interface MixedScript {
  /** Steps that build the starting state (untimed). */
  readonly setup: readonly BenchStep[];
  /** The timed requests. */
  readonly ops: readonly BenchStep[];
}

interface ImageState {
  readonly id: string;
  readonly owner: string;
  readonly visibility: string;
  active: boolean;
  readonly tags: Set<string>;
  readonly props: Set<string>;
  readonly members: Map<string, string>;
}

const WEIGHTS = {
  show: 18, index: 10, indexFiltered: 8, update: 12, tagAdd: 6, tagDelete: 3, create: 7,
  memberCreate: 4, memberUpdate: 4, memberIndex: 3, upload: 3, download: 4, delete: 2, memberDelete: 1,
} as const;
type Kind = keyof typeof WEIGHTS;

const FILTERED_QUERIES: ReadonlyArray<Record<string, unknown>> = [
  { filters: { os_distro: 'ubuntu' } },
  { filters: { tags: ['t1'] } },
  { filters: { visibility: 'shared' }, member_status: 'all' },
  { sort_key: ['name'], sort_dir: ['asc'], limit: 10 },
  { filters: { status: 'active' }, sort_key: ['size'], sort_dir: ['desc'] },
  { filters: { os_version: '12', disk_format: 'qcow2' } },
];

const DATA = 'd'.repeat(4096);

class Generator {
  readonly images: ImageState[] = [];
  readonly steps: BenchStep[] = [];
  private created = 0;
  constructor(readonly rng: Rng, readonly projects: readonly string[]) {}

  create(owner: string, visibility: string): ImageState {
    const n = this.created++;
    const id = imageId(0x313, n);
    const step = createStep(owner, id, n, visibility);
    const image: ImageState = {
      id, owner, visibility, active: false, members: new Map(),
      tags: new Set((step.args['tags'] as string[]) ?? []),
      props: new Set(Object.keys((step.args['extra_properties'] as object) ?? {})),
    };
    this.steps.push(step);
    this.images.push(image);
    return image;
  }

  upload(image: ImageState): void {
    this.steps.push({ as: member(image.owner), op: 'image.upload', args: { image_id: image.id, data: DATA, size: DATA.length } });
    image.active = true;
  }

  addMember(image: ImageState, project: string): void {
    this.steps.push({ as: member(image.owner), op: 'member.create', args: { image_id: image.id, member_id: project } });
    image.members.set(project, 'pending');
  }

  setMemberStatus(image: ImageState, project: string, status: string): void {
    this.steps.push({ as: member(project), op: 'member.update', args: { image_id: image.id, member_id: project, status } });
    image.members.set(project, status);
  }

  project(): string {
    return this.rng.pick(this.projects);
  }

  visibility(): string {
    return this.rng.pick(['private', 'private', 'shared', 'shared', 'public']);
  }

  /** Mostly someone who can see the image; now and then anyone. */
  viewer(image: ImageState): Caller {
    const members = [...image.members].filter(([, s]) => s === 'accepted').map(([p]) => p);
    if (this.rng.next() < 0.2) return member(this.project());
    return member(members.length > 0 && this.rng.next() < 0.4 ? this.rng.pick(members) : image.owner);
  }

  pick(filter: (i: ImageState) => boolean = () => true): ImageState | undefined {
    const found = this.images.filter(filter);
    return found.length === 0 ? undefined : this.rng.pick(found);
  }
}

/** Builds the same script for the same options, every time. */
export function mixedScript(options: MixedOptions): MixedScript {
  const rng = new Rng(options.seed ?? 42);
  const projects = Array.from({ length: options.projects }, (_, i) => `p-${i}`);
  const g = new Generator(rng, projects);
  for (let i = 0; i < options.images; i++) seedOne(g);
  const setup = g.steps.splice(0);
  for (let i = 0; i < options.ops; i++) nextOp(g, rng.weighted(WEIGHTS));
  return { setup, ops: g.steps };
}

function seedOne(g: Generator): void {
  const owner = g.project();
  const visibility = g.visibility();
  const image = g.create(owner, visibility);
  if (g.images.length % 3 !== 0) g.upload(image);
  if (visibility !== 'shared') return;
  for (const p of g.projects.filter((p) => p !== owner).slice(0, 2)) {
    g.addMember(image, p);
    g.setMemberStatus(image, p, 'accepted');
  }
}

const OPS: Record<Kind, (g: Generator) => void> = {
  show: (g) => {
    const image = g.pick();
    if (image) g.steps.push({ as: g.viewer(image), op: 'image.show', args: { image_id: image.id } });
  },
  index: (g) => g.steps.push({ as: member(g.project()), op: 'image.index', args: { limit: 25 } }),
  indexFiltered: (g) => g.steps.push({ as: member(g.project()), op: 'image.index', args: pickQuery(g) }),
  update: (g) => {
    const image = g.pick();
    if (image) g.steps.push({ as: member(image.owner), op: 'image.update', args: { image_id: image.id, changes: patchFor(g, image) } });
  },
  tagAdd: (g) => {
    const image = g.pick();
    if (!image) return;
    const tag = `t${g.steps.length % 7}`;
    image.tags.add(tag);
    g.steps.push({ as: member(image.owner), op: 'tag.update', args: { image_id: image.id, tag_value: tag } });
  },
  tagDelete: (g) => {
    const image = g.pick((i) => i.tags.size > 0);
    const tag = image ? [...image.tags][0] : undefined;
    if (!image || tag === undefined) return;
    image.tags.delete(tag);
    g.steps.push({ as: member(image.owner), op: 'tag.delete', args: { image_id: image.id, tag_value: tag } });
  },
  create: (g) => {
    const visibility = g.visibility() === 'public' ? 'private' : g.visibility();
    g.create(g.project(), visibility);
  },
  memberCreate: (g) => {
    const image = g.pick((i) => i.visibility === 'shared');
    const project = image ? g.projects.find((p) => p !== image.owner && !image.members.has(p)) : undefined;
    if (image && project) g.addMember(image, project);
  },
  memberUpdate: (g) => {
    const image = g.pick((i) => [...i.members.values()].includes('pending'));
    const project = image ? [...image.members].find(([, s]) => s === 'pending')?.[0] : undefined;
    if (image && project) g.setMemberStatus(image, project, g.rng.next() < 0.8 ? 'accepted' : 'rejected');
  },
  memberIndex: (g) => {
    const image = g.pick((i) => i.visibility === 'shared');
    if (image) g.steps.push({ as: member(image.owner), op: 'member.index', args: { image_id: image.id } });
  },
  upload: (g) => {
    const image = g.pick((i) => !i.active);
    if (image) g.upload(image);
  },
  download: (g) => {
    const image = g.pick((i) => i.active);
    if (image) g.steps.push({ as: g.viewer(image), op: 'image.download', args: { image_id: image.id } });
  },
  delete: (g) => {
    const image = g.pick();
    if (!image || g.images.length < 10) return;
    g.images.splice(g.images.indexOf(image), 1);
    g.steps.push({ as: member(image.owner), op: 'image.delete', args: { image_id: image.id } });
  },
  memberDelete: (g) => {
    const image = g.pick((i) => i.members.size > 0);
    const project = image ? [...image.members.keys()][0] : undefined;
    if (!image || project === undefined) return;
    image.members.delete(project);
    g.steps.push({ as: member(image.owner), op: 'member.delete', args: { image_id: image.id, member_id: project } });
  },
};

function nextOp(g: Generator, kind: Kind): void {
  OPS[kind](g);
}

function pickQuery(g: Generator): Record<string, unknown> {
  return g.rng.pick(FILTERED_QUERIES);
}

/** One PATCH: rename, and add, change or remove one extra property. */
function patchFor(g: Generator, image: ImageState): unknown[] {
  const changes: unknown[] = [{ op: 'replace', path: ['name'], value: `name-${g.steps.length}` }];
  const x = g.rng.next();
  if (x < 0.4 && image.props.size < 12) {
    const key = `custom_${g.steps.length % 5}`;
    changes.push({ op: 'add', path: [key], value: String(g.steps.length) });
    image.props.add(key);
  } else if (x < 0.6) {
    const key = [...image.props].find((k) => k.startsWith('custom_'));
    if (key !== undefined) {
      changes.push({ op: 'remove', path: [key] });
      image.props.delete(key);
    }
  } else {
    changes.push({ op: 'replace', path: ['min_ram'], value: 512 * g.rng.int(8) });
  }
  return changes;
}
