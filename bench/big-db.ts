/**
 * Large databases for the index-latency bench, written straight into the
 * shared schema in one transaction: the same rows an image.create, an upload
 * and member.create/update write (images, properties, tags, locations,
 * members), with SQLAlchemy's datetime text. Going through the models would
 * take minutes at 100k images; the rows are what matters to a listing.
 */
import type Database from 'better-sqlite3';
import { createSchema, formatDbDatetime } from '../src/shared/db/schema.js';
import { SCENARIO_EPOCH_MS } from '../src/shared/world.js';
import { imageId } from './harness.js';
import { Rng } from './rng.js';

export const BIG_SPACE = 0xb16;
export const BIG_PROJECTS = 50;
const DISTROS = ['ubuntu', 'fedora', 'cirros', 'debian', 'centos'] as const;
const MEMBER_STATUSES = ['accepted', 'accepted', 'pending', 'rejected'] as const;

export interface BigDbStats {
  readonly images: number;
  readonly properties: number;
  readonly tags: number;
  readonly locations: number;
  readonly members: number;
}

/** The visibility of the n-th image: mostly private, some shared, public and community. */
function visibilityOf(rng: Rng): string {
  const x = rng.next();
  if (x < 0.7) return 'private';
  if (x < 0.85) return 'shared';
  return x < 0.95 ? 'public' : 'community';
}

interface Inserts {
  image: Database.Statement;
  property: Database.Statement;
  tag: Database.Statement;
  location: Database.Statement;
  member: Database.Statement;
}

function prepareInserts(db: Database.Database): Inserts {
  return {
    image: db.prepare(
      `INSERT INTO images (created_at, updated_at, deleted_at, deleted, id, name, disk_format, container_format, size,
        virtual_size, status, visibility, checksum, min_disk, min_ram, owner, protected)
       VALUES (?, ?, NULL, 0, ?, ?, 'qcow2', 'bare', ?, NULL, ?, ?, ?, ?, 0, ?, 0)`,
    ),
    property: db.prepare('INSERT INTO image_properties (created_at, updated_at, deleted_at, deleted, image_id, name, value) VALUES (?, ?, NULL, 0, ?, ?, ?)'),
    tag: db.prepare('INSERT INTO image_tags (created_at, updated_at, deleted_at, deleted, image_id, value) VALUES (?, ?, NULL, 0, ?, ?)'),
    location: db.prepare(
      "INSERT INTO image_locations (created_at, updated_at, deleted_at, deleted, image_id, value, meta_data, status) VALUES (?, ?, NULL, 0, ?, ?, '{}', 'active')",
    ),
    member: db.prepare('INSERT INTO image_members (created_at, updated_at, deleted_at, deleted, image_id, member, can_share, status) VALUES (?, ?, NULL, 0, ?, ?, 0, ?)'),
  };
}

/**
 * Writes `count` images owned by BIG_PROJECTS projects (p-0 … p-49). About
 * a tenth are active with data in the file store under `storeRoot`; every
 * shared image has two members, so visibility checks do real work.
 */
export function seedBigDb(db: Database.Database, count: number, storeRoot: string, seed = 7): BigDbStats {
  // Building each index once after the rows are in is several times faster
  // than keeping every index up to date row by row; the schema is the same.
  dropSecondaryIndexes(db);
  const ins = prepareInserts(db);
  const rng = new Rng(seed);
  const stats = { images: 0, properties: 0, tags: 0, locations: 0, members: 0 };
  db.transaction(() => {
    for (let n = 0; n < count; n++) writeImage(ins, rng, n, storeRoot, stats);
  })();
  createSchema(db);
  db.exec('ANALYZE');
  return stats;
}

function dropSecondaryIndexes(db: Database.Database): void {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").pluck().all() as string[];
  for (const name of names) db.exec(`DROP INDEX "${name}"`);
}

function writeImage(ins: Inserts, rng: Rng, n: number, storeRoot: string, stats: Record<keyof BigDbStats, number>): void {
  // Microseconds apart from one image to the next, as real rows are.
  const at = formatDbDatetime(new Date(SCENARIO_EPOCH_MS + n * 37), (n * 37_000 + rng.int(1000)) % 1_000_000);
  const id = imageId(BIG_SPACE, n);
  const owner = `p-${rng.int(BIG_PROJECTS)}`;
  const visibility = visibilityOf(rng);
  const active = rng.next() < 0.9;
  const size = active ? 1024 + rng.int(1 << 20) : null;
  const checksum = active ? id.replace(/-/g, '').slice(0, 32) : null;
  ins.image.run(at, at, id, `image-${rng.int(100_000)}`, size, active ? 'active' : 'queued', visibility, checksum, rng.int(40), owner);
  stats.images++;
  const properties: Array<[string, string]> = [
    ['os_distro', rng.pick(DISTROS)], ['os_version', String(10 + rng.int(20))], ['hw_disk_bus', 'virtio'],
  ];
  for (const [name, value] of properties) ins.property.run(at, at, id, name, value);
  stats.properties += properties.length;
  for (const tag of new Set([`t${rng.int(20)}`, `team-${owner}`])) {
    ins.tag.run(at, at, id, tag);
    stats.tags++;
  }
  if (active) {
    ins.location.run(at, at, id, `file://${storeRoot}/${id}`);
    stats.locations++;
  }
  if (visibility === 'shared') stats.members += writeMembers(ins, rng, at, id, owner);
}

function writeMembers(ins: Inserts, rng: Rng, at: string, id: string, owner: string): number {
  const members = new Set<string>();
  while (members.size < 2) {
    const m = `p-${rng.int(BIG_PROJECTS)}`;
    if (m !== owner) members.add(m);
  }
  for (const m of members) ins.member.run(at, at, id, m, rng.pick(MEMBER_STATUSES));
  return members.size;
}
