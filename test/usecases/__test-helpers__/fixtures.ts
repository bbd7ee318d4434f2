/**
 * The fixtures of Glance's v2 resource tests (the setUp of
 * glance/tests/unit/v2/test_*_resource.py), written as rows of the shared
 * schema (src/shared/db/schema.ts) before a session opens. Rows, not API
 * calls, because the fixtures need what the API cannot make: fixed
 * checksums and sizes, ownerless or foreign-owned images, active images
 * without uploads, tasks of other tenants.
 *
 * Creation times: Glance's simple driver stamps rows with the wall clock in
 * creation order; here fixture row i is created at FIXTURE_EPOCH + i s,
 * a day before the scenario clock, so fixtures keep their relative order
 * and anything a case creates is newer, as in Glance.
 */
import type Database from 'better-sqlite3';
import { formatDbDatetime } from '../../../src/shared/db/schema.js';

export const UUID1 = 'c80a1a6c-bd1f-41c5-90ee-81afedb1d58d';
export const UUID2 = 'a85abd86-55b3-4d5b-b0b4-5d0a6e6042fc';
export const UUID3 = '971ec09a-8067-4bc8-a91f-ae3557f1c4c7';
export const UUID4 = '6bbe7cc2-eae7-4c0f-b50d-a7160b0c6a86';
export const UUID5 = '3eee7cc2-eae7-4c0f-b50d-a7160b0c62ed';

export const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
export const TENANT2 = '2c014f32-55eb-467d-8fcb-4bd706012f81';
export const TENANT3 = '5a3e60e8-cfa9-4a9e-a90a-62b42cea92b8';
export const TENANT4 = 'c6c87f25-8a94-47ed-8c83-053c25f42df4';

export const USER1 = '54492ba0-f4df-4e4e-be62-27f4d76b29cf';
export const USER2 = '0b3b3006-cb76-4517-ae32-51397e22c754';
export const USER3 = '2hss8dkl-d8jh-88yd-uhs9-879sdjsd8skd';

export const CHKSUM = '93264c3edf5972c9f1cb309543d38a5c';
export const CHKSUM1 = '43254c3edf6972c9f1cb309543d38a8c';

/** glance/tests/unit/utils.py BASE_URI: served by the http store (its bytes are the URL). */
export const BASE_URI = 'http://storeurl.com/container';

export const FIXTURE_EPOCH_MS = Date.UTC(2018, 1, 27, 0, 0, 0);

export interface LocationRow {
  readonly url: string;
  readonly metadata?: Record<string, unknown>;
  readonly status?: string;
}

/** @see glance/tests/unit/v2/test_images_resource.py _db_fixture */
export interface ImageRow {
  readonly id: string;
  readonly name?: string | null;
  readonly visibility?: string;
  readonly checksum?: string | null;
  readonly owner?: string | null;
  readonly status?: string;
  readonly size?: number | null;
  readonly virtual_size?: number | null;
  readonly protected?: boolean;
  readonly disk_format?: string | null;
  readonly container_format?: string | null;
  readonly min_ram?: number;
  readonly min_disk?: number;
  readonly deleted?: boolean;
  readonly properties?: Record<string, string>;
  readonly tags?: readonly string[];
  readonly locations?: readonly LocationRow[];
}

export interface MemberRow {
  readonly image_id: string;
  readonly member: string;
  readonly status?: string;
}

export interface TaskRow {
  readonly id: string;
  readonly owner: string;
  readonly type?: string;
  readonly status?: string;
  readonly input?: unknown;
  readonly expires_at?: Date | null;
}

const at = (i: number): string => formatDbDatetime(new Date(FIXTURE_EPOCH_MS + i * 1000));

/** Inserts images (with properties, tags and locations), row i created at FIXTURE_EPOCH + i s. */
export function insertImages(db: Database.Database, images: readonly ImageRow[]): void {
  images.forEach((img, i) => {
    const t = at(i);
    const deleted = img.deleted === true ? 1 : 0;
    db.prepare(
      `INSERT INTO images (created_at, updated_at, deleted_at, deleted, id, name, disk_format, container_format, size,
        virtual_size, status, visibility, checksum, min_disk, min_ram, owner, protected)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      t, t, deleted ? t : null, deleted, img.id, img.name ?? null, img.disk_format ?? null, img.container_format ?? null,
      img.size ?? null, img.virtual_size ?? null, img.status ?? 'queued', img.visibility ?? 'shared', img.checksum ?? null,
      img.min_disk ?? 0, img.min_ram ?? 0, img.owner ?? null, img.protected === true ? 1 : 0,
    );
    for (const [name, value] of Object.entries(img.properties ?? {})) {
      db.prepare(`INSERT INTO image_properties (created_at, updated_at, deleted, image_id, name, value) VALUES (?, ?, 0, ?, ?, ?)`)
        .run(t, t, img.id, name, value);
    }
    for (const value of img.tags ?? []) {
      db.prepare(`INSERT INTO image_tags (created_at, updated_at, deleted, image_id, value) VALUES (?, ?, 0, ?, ?)`).run(t, t, img.id, value);
    }
    for (const loc of img.locations ?? []) {
      db.prepare(`INSERT INTO image_locations (created_at, updated_at, deleted, image_id, value, meta_data, status) VALUES (?, ?, 0, ?, ?, ?, ?)`)
        .run(t, t, img.id, loc.url, JSON.stringify(loc.metadata ?? {}), loc.status ?? 'active');
    }
  });
}

/** Inserts member rows (status pending unless given), after the images. */
export function insertMembers(db: Database.Database, members: readonly MemberRow[], from = 100): void {
  members.forEach((m, i) => {
    const t = at(from + i);
    db.prepare(`INSERT INTO image_members (created_at, updated_at, deleted, image_id, member, can_share, status) VALUES (?, ?, 0, ?, ?, 0, ?)`)
      .run(t, t, m.image_id, m.member, m.status ?? 'pending');
  });
}

/**
 * Inserts tasks 5 s apart as test_tasks_resource.py _create_tasks does;
 * expires_at a year after creation unless given (the fixture's default).
 */
export function insertTasks(db: Database.Database, tasks: readonly TaskRow[]): void {
  tasks.forEach((task, i) => {
    const created = new Date(FIXTURE_EPOCH_MS + 5 * i * 1000);
    const expires = task.expires_at === undefined ? new Date(created.getTime() + 365 * 86400_000) : task.expires_at;
    const t = formatDbDatetime(created);
    db.prepare(`INSERT INTO tasks (created_at, updated_at, deleted, id, type, status, owner, expires_at) VALUES (?, ?, 0, ?, ?, ?, ?, ?)`)
      .run(t, t, task.id, task.type ?? 'import', task.status ?? 'pending', task.owner, expires === null ? null : formatDbDatetime(expires));
    db.prepare(`INSERT INTO task_info (task_id, input, result, message) VALUES (?, ?, NULL, NULL)`).run(task.id, JSON.stringify(task.input ?? {}));
  });
}

/** @see glance/tests/unit/v2/test_images_resource.py TestImagesController._create_images / _create_image_members */
export function imagesResourceFixture(db: Database.Database): void {
  insertImages(db, [
    {
      id: UUID1, owner: TENANT1, checksum: CHKSUM, name: '1', size: 256, virtual_size: 1024, visibility: 'public',
      locations: [{ url: `${BASE_URI}/${UUID1}` }], disk_format: 'raw', container_format: 'bare', status: 'active',
      tags: ['ping', 'pong'],
    },
    {
      id: UUID2, owner: TENANT1, checksum: CHKSUM1, name: '2', size: 512, virtual_size: 2048, visibility: 'public',
      disk_format: 'raw', container_format: 'bare', status: 'active', tags: ['redhat', '64bit', 'power'],
      properties: { hypervisor_type: 'kvm', foo: 'bar', bar: 'foo' },
    },
    { id: UUID3, owner: TENANT3, checksum: CHKSUM1, name: '3', size: 512, virtual_size: 2048, visibility: 'public', tags: ['windows', '64bit', 'x86'] },
    { id: UUID4, owner: TENANT4, name: '4', size: 1024, virtual_size: 3072 },
  ]);
  insertMembers(db, [
    { image_id: UUID4, member: TENANT2 },
    { image_id: UUID4, member: TENANT3, status: 'accepted' },
  ]);
}

/** @see glance/tests/unit/v2/test_image_members_resource.py TestImageMembersController._create_images / _create_image_members */
export function membersResourceFixture(db: Database.Database): void {
  insertImages(db, [
    { id: UUID1, owner: TENANT1, name: '1', size: 256, visibility: 'public', locations: [{ url: `${BASE_URI}/${UUID1}` }], tags: ['ping', 'pong'] },
    { id: UUID2, owner: TENANT1, name: '2', size: 512 },
    { id: UUID3, owner: TENANT3, name: '3', size: 512 },
    { id: UUID4, owner: TENANT4, name: '4', size: 1024 },
    { id: UUID5, owner: TENANT1, name: '5', size: 1024 },
  ]);
  insertMembers(db, [
    { image_id: UUID2, member: TENANT4 },
    { image_id: UUID3, member: TENANT4 },
    { image_id: UUID3, member: TENANT2 },
    { image_id: UUID4, member: TENANT1 },
  ]);
}

/** @see glance/tests/unit/v2/test_tasks_resource.py TestTasksController._create_tasks */
export function tasksResourceFixture(db: Database.Database): void {
  insertTasks(db, [
    { id: UUID1, owner: TENANT1 },
    { id: UUID2, owner: TENANT2 },
    { id: UUID3, owner: TENANT3 },
    { id: UUID4, owner: TENANT4 },
  ]);
}

/** `db.image_update(None, id, {'properties': {name: value}})` for a fixture image: one more live property row. */
export function addProperty(db: Database.Database, imageId: string, name: string, value: string): void {
  const t = formatDbDatetime(new Date(FIXTURE_EPOCH_MS + 3600_000));
  db.prepare(`INSERT INTO image_properties (created_at, updated_at, deleted, image_id, name, value) VALUES (?, ?, 0, ?, ?, ?)`).run(t, t, imageId, name, value);
}

/** Appends active locations to a fixture image (as earlier PATCHes would have left them). */
export function insertLocations(db: Database.Database, imageId: string, urls: readonly string[]): void {
  const t = formatDbDatetime(new Date(FIXTURE_EPOCH_MS + 3600_000));
  for (const url of urls) {
    db.prepare(`INSERT INTO image_locations (created_at, updated_at, deleted, image_id, value, meta_data, status) VALUES (?, ?, 0, ?, ?, '{}', 'active')`).run(t, t, imageId, url);
  }
}

/** The other ids of glance/tests/unit/utils.py (its UUID2 is the v2 modules' UUID3). */
export const UTILS_UUID2 = '971ec09a-8067-4bc8-a91f-ae3557f1c4c7';

/**
 * @see glance/tests/unit/utils.py FakeDB.init_db: two queued images of TENANT1 (the first with a
 * location in status 'queued', which the SQL driver does not read back), TENANT1 and TENANT2
 * as members of the first, tags ping and pong on it.
 */
export function fakeDbFixture(db: Database.Database): void {
  insertImages(db, [
    { id: UUID1, owner: TENANT1, status: 'queued', locations: [{ url: `${BASE_URI}/${UUID1}`, status: 'queued' }], disk_format: 'raw', container_format: 'bare', tags: ['ping', 'pong'] },
    { id: UTILS_UUID2, owner: TENANT1, status: 'queued', disk_format: 'raw', container_format: 'bare' },
  ]);
  insertMembers(db, [{ image_id: UUID1, member: TENANT1 }, { image_id: UUID1, member: TENANT2 }]);
}

/** The isotime a body shows for fixture row i's timestamps (FIXTURE_EPOCH + i s). */
export function fixtureIsotime(i: number): string {
  return new Date(FIXTURE_EPOCH_MS + i * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
