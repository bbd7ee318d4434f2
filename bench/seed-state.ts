/**
 * Realistic state built through the models' own use cases (untimed): a few
 * projects, each owning images of every visibility with properties and
 * tags, some with data, shared ones with accepted members. The per-use-case
 * benchmarks run on top of it, so show and index read real rows.
 */
import { admin, imageId, member, type BenchStep, type BenchWorld } from './harness.js';

export const SEED_SPACE = 1;
export const PROJECTS = ['p-0', 'p-1', 'p-2', 'p-3'] as const;
const VISIBILITIES = ['private', 'shared', 'public', 'private', 'shared'] as const;
const DISTROS = ['ubuntu', 'fedora', 'cirros', 'debian'] as const;

export interface SeededImage {
  readonly id: string;
  readonly owner: string;
  readonly visibility: string;
}

/** The image.create step of a typical image: four properties, two tags. */
export function createStep(owner: string, id: string, n: number, visibility = 'private'): BenchStep {
  return {
    // Publicizing an image is an admin's right (policy publicize_image).
    as: visibility === 'public' ? admin(owner) : member(owner),
    op: 'image.create',
    args: {
      image: { id, name: `image-${n}`, visibility, disk_format: 'qcow2', container_format: 'bare', min_disk: n % 20 },
      extra_properties: {
        os_distro: DISTROS[n % DISTROS.length], os_version: String(10 + (n % 9)),
        hw_disk_bus: 'virtio', architecture: 'x86_64',
      },
      tags: [`t${n % 5}`, `team-${owner}`],
    },
  };
}

/** `perProject` images per project; returns what was created. */
export function seedState(bw: BenchWorld, perProject: number): SeededImage[] {
  const images: SeededImage[] = [];
  let n = 0;
  for (const owner of PROJECTS) {
    for (let i = 0; i < perProject; i++, n++) {
      const id = imageId(SEED_SPACE, n);
      const visibility = VISIBILITIES[n % VISIBILITIES.length] as string;
      bw.step(createStep(owner, id, n, visibility));
      if (n % 3 !== 0) bw.step({ as: member(owner), op: 'image.upload', args: { image_id: id, data: `bytes of ${id}` } });
      if (visibility === 'shared') shareWithOthers(bw, owner, id);
      images.push({ id, owner, visibility });
    }
  }
  return images;
}

/** The owner adds every other project; each accepts. */
function shareWithOthers(bw: BenchWorld, owner: string, id: string): void {
  for (const other of PROJECTS) {
    if (other === owner) continue;
    bw.step({ as: member(owner), op: 'member.create', args: { image_id: id, member_id: other } });
    bw.step({ as: member(other), op: 'member.update', args: { image_id: id, member_id: other, status: 'accepted' } });
  }
}
