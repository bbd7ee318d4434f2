/**
 * The use cases timed one by one. Each prepares a batch of operations on a
 * seeded world (untimed: e.g. the queued images an upload needs), and one
 * operation is a list of steps (upload+download is two steps).
 */
import { imageId, member, type BenchStep, type BenchWorld } from './harness.js';
import { createStep, PROJECTS, type SeededImage } from './seed-state.js';

export type Operation = readonly BenchStep[];

export interface Batch {
  readonly bw: BenchWorld;
  readonly seeded: readonly SeededImage[];
  /** Distinct per round, so ids never collide between rounds. */
  readonly round: number;
  readonly size: number;
}

export interface UseCase {
  readonly name: string;
  /** Operations per timed batch, relative to the bench's base budget. */
  readonly weight: number;
  prepare(batch: Batch): Operation[];
}

const OWNER = PROJECTS[0];
export const MIB = 1024 * 1024;
const ONE_MIB_TEXT = 'x'.repeat(MIB);

const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const freshId = (space: number, b: Batch, i: number): string => imageId(space, b.round * 1_000_000 + i);
const owned = (b: Batch): SeededImage[] => b.seeded.filter((s) => s.owner === OWNER);

/** Creates `n` queued images of the owner untimed; returns their ids. */
function queuedImages(b: Batch, space: number, visibility: string): string[] {
  return times(b.size, (i) => {
    const id = freshId(space, b, i);
    b.bw.step(createStep(OWNER, id, i, visibility));
    return id;
  });
}

const create: UseCase = {
  name: 'create',
  weight: 1,
  prepare: (b) => times(b.size, (i) => [createStep(OWNER, freshId(10, b, i), i)]),
};

const show: UseCase = {
  name: 'show',
  weight: 2,
  prepare: (b) => {
    const visible = b.seeded.filter((s) => s.owner === OWNER || s.visibility !== 'private');
    return times(b.size, (i) => [{ as: member(OWNER), op: 'image.show', args: { image_id: visible[i % visible.length]?.id } }]);
  },
};

const index: UseCase = {
  name: 'index (page of 25)',
  weight: 0.5,
  prepare: (b) => times(b.size, () => [{ as: member(OWNER), op: 'image.index', args: { limit: 25 } }]),
};

const update: UseCase = {
  name: 'update (PATCH)',
  weight: 1,
  prepare: (b) => {
    const mine = owned(b);
    return times(b.size, (i) => [{
      as: member(OWNER),
      op: 'image.update',
      args: {
        image_id: mine[i % mine.length]?.id,
        changes: [
          { op: 'replace', path: ['name'], value: `renamed-${b.round}-${i}` },
          { op: 'replace', path: ['os_version'], value: String(i % 30) },
        ],
      },
    }]);
  },
};

const uploadDownload: UseCase = {
  name: 'upload+download 1 MiB',
  weight: 0.1,
  prepare: (b) =>
    queuedImages(b, 11, 'private').map((id) => [
      { as: member(OWNER), op: 'image.upload', args: { image_id: id, data: ONE_MIB_TEXT, size: MIB } },
      { as: member(OWNER), op: 'image.download', args: { image_id: id } },
    ]),
};

const memberAddAccept: UseCase = {
  name: 'member add+accept',
  weight: 1,
  prepare: (b) => {
    const images = queuedImages({ ...b, size: Math.ceil(b.size / 50) }, 12, 'shared');
    return times(b.size, (i) => {
      const image_id = images[i % images.length];
      const project = `p-member-${b.round}-${i}`;
      return [
        { as: member(OWNER), op: 'member.create', args: { image_id, member_id: project } },
        { as: member(project), op: 'member.update', args: { image_id, member_id: project, status: 'accepted' } },
      ];
    });
  },
};

const remove: UseCase = {
  name: 'delete',
  weight: 1,
  prepare: (b) => queuedImages(b, 13, 'private').map((image_id) => [{ as: member(OWNER), op: 'image.delete', args: { image_id } }]),
};

export const USE_CASES: readonly UseCase[] = [create, show, index, update, uploadDownload, memberAddAccept, remove];
