/**
 * The fixtures of Glance's v2 resource tests (glance/tests/unit/utils.py and
 * the `_db_fixture` helpers of the v2 test modules), on the real SQLite db
 * api and the real filesystem + http stores instead of Glance's simple
 * driver and FakeStoreAPI. Differences that show in expectations:
 * - the http store serves any URL (its bytes are the URL itself), so
 *   BASE_URI locations exist and their size is the URL's length;
 * - creation times come from a clock that ticks one second per row, where
 *   the simple driver used the wall clock.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSchema } from '../../../src/shared/db/schema.js';
import { createStore } from '../../../src/shared/store/index.js';
import type { GlanceStore } from '../../../src/shared/store/api.js';
import { SeededIds } from '../../../src/shared/world.js';
import type { Settings } from '../../../src/shared/settings.js';
import { bindDbApi, type DbApi } from '../../../src/legacy/db/sqlalchemy-api.js';
import { RequestContext } from '../../../src/legacy/context.js';
import type { GatewayDeps } from '../../../src/legacy/gateway.js';
import { makeRequest, type Request } from '../../../src/legacy/api/v2/images.js';
import { WSGIHTTPException, httpErrorMessage } from '../../../src/legacy/webob.js';
import { ManualClock } from './db.js';
import { FakePolicyEnforcer } from './fake-policy.js';
import { FakeNotifier } from './fake-notifier.js';
import { mutableSettings, type MutableSettings } from './mutable-settings.js';

export const UUID1 = 'c80a1a6c-bd1f-41c5-90ee-81afedb1d58d';
export const UUID2 = 'a85abd86-55b3-4d5b-b0b4-5d0a6e6042fc';
export const UUID3 = '971ec09a-8067-4bc8-a91f-ae3557f1c4c7';
export const UUID4 = '6bbe7cc2-eae7-4c0f-b50d-a7160b0c6a86';

export const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
export const TENANT2 = '2c014f32-55eb-467d-8fcb-4bd706012f81';
export const TENANT3 = '5a3e60e8-cfa9-4a9e-a90a-62b42cea92b8';
export const TENANT4 = 'c6c87f25-8a94-47ed-8c83-053c25f42df4';

export const USER1 = '54492ba0-f4df-4e4e-be62-27f4d76b29cf';
export const USER2 = '0b3b3006-cb76-4517-ae32-51397e22c754';
export const USER3 = '2hss8dkl-d8jh-88yd-uhs9-879sdjsd8skd';

export const CHKSUM = '93264c3edf5972c9f1cb309543d38a5c';
export const CHKSUM1 = '43254c3edf6972c9f1cb309543d38a8c';

export const BASE_URI = 'http://storeurl.com/container';

/** Everything a v2 controller test builds its controllers from. */
export interface V2World {
  readonly db: Database.Database;
  readonly api: DbApi;
  readonly clock: ManualClock;
  readonly settings: MutableSettings;
  readonly store: GlanceStore;
  readonly storeRoot: string;
  readonly policy: FakePolicyEnforcer;
  readonly notifier: FakeNotifier;
  /** Glance's `Controller(db, policy, notifier, store)` arguments. */
  deps(): GatewayDeps;
  close(): void;
}

export function v2World(overrides: Partial<Settings> = {}): V2World {
  const storeRoot = mkdtempSync(join(tmpdir(), 'peel-v2-'));
  const db = new Database(':memory:');
  createSchema(db);
  const clock = new ManualClock(Date.UTC(2012, 4, 16, 15, 27, 36));
  const settings = mutableSettings(overrides);
  const ids = new SeededIds(11);
  const api = bindDbApi({ db, clock, settings, ids });
  const store = createStore(storeRoot);
  const policy = new FakePolicyEnforcer();
  const notifier = new FakeNotifier();
  return {
    db, api, clock, settings, store, storeRoot, policy, notifier,
    deps: () => ({ db_api: api, store_api: store, notifier, policy_enforcer: policy, settings, clock, ids }),
    close() {
      db.close();
      rmSync(storeRoot, { recursive: true, force: true });
    },
  };
}

export interface FakeRequestOptions {
  readonly is_admin?: boolean;
  readonly user?: string | null;
  readonly roles?: string[];
  readonly tenant?: string | null;
  readonly read_only?: boolean;
  readonly params?: ReadonlyArray<readonly [string, string]>;
}

/** @see glance/tests/unit/utils.py get_fake_request */
export function getFakeRequest(opts: FakeRequestOptions = {}): Request {
  return makeRequest(getFakeContext(opts), opts.params ?? []);
}

/** @see glance/tests/unit/utils.py get_fake_context */
export function getFakeContext(opts: FakeRequestOptions = {}): RequestContext {
  return new RequestContext({
    user: opts.user === undefined ? USER1 : opts.user,
    tenant: opts.tenant === undefined ? TENANT1 : opts.tenant,
    roles: opts.roles ?? ['member'],
    is_admin: opts.is_admin ?? false,
    read_only: opts.read_only ?? false,
  });
}

/** The admin context the db fixtures are written with (Glance passes None to the simple driver). */
export function adminContext(): RequestContext {
  return new RequestContext({ is_admin: true });
}

/** @see glance/tests/unit/v2/test_images_resource.py _db_fixture */
export function dbFixture(id: string, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, name: null, visibility: 'shared', properties: {}, checksum: null, owner: null, status: 'queued',
    tags: [], size: null, virtual_size: null, locations: [], protected: false, disk_format: null,
    container_format: null, deleted: false, min_ram: null, min_disk: null, ...kwargs,
  };
}

/** `db.image_create(None, fixture)`, tags written separately as the simple driver's fixture does; one clock tick per row. */
export function createImages(w: V2World, fixtures: ReadonlyArray<Record<string, unknown>>): void {
  for (const fixture of fixtures) {
    const { tags, ...values } = fixture;
    w.clock.tick();
    w.api.imageCreate(adminContext(), values);
    if (Array.isArray(tags) && tags.length > 0) w.api.imageTagSetAll(adminContext(), String(values['id']), tags as string[]);
  }
}

/** `db.image_member_create(None, {image_id, member, ...})`. */
export function createMembers(w: V2World, members: ReadonlyArray<Record<string, unknown>>): void {
  for (const member of members) {
    w.clock.tick();
    w.api.imageMemberCreate(adminContext(), member);
  }
}

/** Runs `fn` and returns the webob error it raised (fails if none, or another kind). */
export function httpError(fn: () => unknown): WSGIHTTPException {
  try {
    fn();
  } catch (e) {
    if (e instanceof WSGIHTTPException) return e;
    throw e;
  }
  throw new Error('expected a webob HTTP error, none was raised');
}

/** The status and trace text of a webob error `fn` raises. */
export function httpErrorOf(fn: () => unknown): { status: number; message: string; name: string } {
  const e = httpError(fn);
  return { status: e.status, message: httpErrorMessage(e), name: e.pyName };
}

/** glance/tests/unit/utils.py's own UUID2 (test_images_resource.py's UUID3). */
export const UTILS_UUID2 = '971ec09a-8067-4bc8-a91f-ae3557f1c4c7';

/**
 * `FakeDB()` with its initial rows: two queued images of TENANT1 (the first
 * with a queued location and tags ping, pong) and two members of the first.
 * @see glance/tests/unit/utils.py FakeDB.init_db
 */
export function initFakeDb(w: V2World): void {
  createImages(w, [
    { id: UUID1, owner: TENANT1, status: 'queued', locations: [{ url: `${BASE_URI}/${UUID1}`, metadata: {}, status: 'queued' }], disk_format: 'raw', container_format: 'bare', tags: ['ping', 'pong'] },
    { id: UTILS_UUID2, owner: TENANT1, status: 'queued', disk_format: 'raw', container_format: 'bare' },
  ]);
  createMembers(w, [
    { image_id: UUID1, member: TENANT1, can_share: true },
    { image_id: UUID1, member: TENANT2, can_share: false },
  ]);
}
