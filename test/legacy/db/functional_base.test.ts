// Port of glance/tests/functional/db/base.py (Glance 16.0.0) as
// test_sqlalchemy.py runs it: the driver tests against the sqlalchemy api
// on SQLite (here: the port on better-sqlite3, :memory:).
//
// Fixture times: Glance spaces some fixtures 5 microseconds apart; a JS
// Date holds milliseconds, so the port spaces them 1 ms apart (same order).
// Glance's tests rely on the wall clock moving between writes; the port's
// clock is explicit and ticks where a test compares timestamps.
//
// not ported: DBPurgeTests.test_db_purge - purge_deleted_rows (glance-manage db purge) is not part of the image domain port
// not ported: DBPurgeTests.test_purge_fk_constraint_failure - same: purge_deleted_rows
import { beforeEach, describe, expect, it } from 'vitest';
import { type DbContext, type ImageRecord, type MemberRecord } from '../../../src/legacy/db/sqlalchemy-api.js';
import {
  Duplicate,
  Forbidden,
  Invalid,
  InvalidFilterOperatorValue,
  InvalidFilterRangeValue,
  InvalidParameterValue,
  InvalidSortKey,
  NotFound,
  TaskNotFound,
} from '../../../src/legacy/exception.js';
import { SeededIds } from '../../../src/shared/world.js';
import { dbContext, freshDb, type TestDb } from '../__test-helpers__/db.js';

// Sorted, so ties on created_at fall back to array order (Glance sorts uuid4s).
const [UUID1, UUID2, UUID3] = [
  '1b1f5d2c-0000-4000-8000-000000000001',
  '2c2f5d2c-0000-4000-8000-000000000002',
  '3d3f5d2c-0000-4000-8000-000000000003',
] as const;

const ids = new SeededIds(42);
const uuid = (): string => ids.uuid4();
const BAD = 'Bad \u{1F62A}';

function buildImageFixture(t: TestDb, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  const default_datetime = t.clock.now();
  const image: Record<string, unknown> = {
    id: uuid(), name: 'fake image #2', status: 'active', disk_format: 'vhd', container_format: 'ovf',
    is_public: true, created_at: default_datetime, updated_at: default_datetime, deleted_at: null,
    deleted: false, checksum: null, min_disk: 5, min_ram: 256, size: 19,
    locations: [{ url: 'file:///tmp/glance-tests/2', metadata: {}, status: 'active' }],
    properties: {},
  };
  if ('visibility' in kwargs) delete image['is_public'];
  return { ...image, ...kwargs };
}

function buildTaskFixture(t: TestDb, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  const default_datetime = t.clock.now();
  return {
    id: uuid(), type: 'import', status: 'pending', input: { ping: 'pong' }, owner: uuid(), message: null,
    expires_at: null, created_at: default_datetime, updated_at: default_datetime,
    ...kwargs,
  };
}

const locationsWithoutIds = (image: ImageRecord): Array<Record<string, unknown>> =>
  image.locations.map((l) => {
    expect(l).toHaveProperty('id');
    const { id: _id, ...rest } = l;
    void _id;
    return rest;
  });

const withoutMeta = (m: MemberRecord): Record<string, unknown> => {
  const { id: _i, created_at: _c, updated_at: _u, ...rest } = m;
  void _i; void _c; void _u;
  return rest;
};

describe('DriverTests', () => {
  let t: TestDb;
  let adm_context: DbContext;
  let context: DbContext;
  let fixtures: Array<Record<string, unknown>>;

  beforeEach(() => {
    t = freshDb();
    adm_context = dbContext({ is_admin: true });
    context = dbContext({ is_admin: false });
    const dt1 = t.clock.now();
    const dt2 = new Date(dt1.getTime() + 1);
    fixtures = [
      { id: UUID1, created_at: dt1, updated_at: dt1, properties: { foo: 'bar', far: 'boo' }, protected: true, size: 13 },
      { id: UUID2, created_at: dt1, updated_at: dt2, size: 17 },
      { id: UUID3, created_at: dt2, updated_at: dt2 },
    ].map((f) => buildImageFixture(t, f));
    for (const f of fixtures) t.api.imageCreate(adm_context, f);
    t.clock.tick();
  });

  const idsOf = (images: ImageRecord[]): string[] => images.map((i) => i.id);
  const sorted = (xs: string[]): string[] => [...xs].sort();
  const tenantCtx = (tenant: string): DbContext => dbContext({ owner: tenant });

  it('test_image_create_requires_status: Invalid without a status', () => {
    expect(() => t.api.imageCreate(context, { name: 'mark', size: 12 })).toThrow(Invalid);
    expect(t.api.imageCreate(context, { name: 'mark', size: 12, status: 'queued' }).status).toBe('queued');
  });

  it('test_image_create_defaults: column defaults and no tags key', () => {
    const create_time = t.clock.now();
    const image = t.api.imageCreate(context, { status: 'queued', created_at: create_time, updated_at: create_time });
    expect(image.name).toBeNull();
    expect(image.container_format).toBeNull();
    expect(image.min_ram).toBe(0);
    expect(image.min_disk).toBe(0);
    expect(image.owner).toBeNull();
    expect(image.visibility).toBe('shared');
    expect(image.size).toBeNull();
    expect(image.checksum).toBeNull();
    expect(image.disk_format).toBeNull();
    expect(image.locations).toEqual([]);
    expect(image.protected).toBe(false);
    expect(image.deleted).toBe(false);
    expect(image.deleted_at).toBeNull();
    expect(image.properties).toEqual([]);
    expect(image.created_at).toEqual(create_time);
    expect(image.updated_at).toEqual(create_time);
    expect(image.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(image).not.toHaveProperty('tags');
  });

  it('test_image_create_duplicate_id: Duplicate', () => {
    expect(() => t.api.imageCreate(context, { id: UUID1, status: 'queued' })).toThrow(Duplicate);
  });

  it('test_image_create_with_locations: locations stored in order', () => {
    const locations = [{ url: 'a', metadata: {}, status: 'active' }, { url: 'b', metadata: {}, status: 'active' }];
    const image = t.api.imageCreate(context, { status: 'queued', locations });
    expect(image.locations.map(({ url, metadata, status }) => ({ url, metadata, status }))).toEqual(locations);
  });

  it('test_image_create_without_locations: an empty list is accepted', () => {
    expect(t.api.imageCreate(context, { status: 'queued', locations: [] }).locations).toEqual([]);
  });

  it('test_image_create_with_location_data: metadata stored', () => {
    const data = [{ url: 'a', metadata: { key: 'value' }, status: 'active' }, { url: 'b', metadata: {}, status: 'active' }];
    const image = t.api.imageCreate(context, { status: 'queued', locations: data });
    expect(image.locations.map(({ url, metadata, status }) => ({ url, metadata, status }))).toEqual(data);
  });

  it('test_image_create_properties: properties stored', () => {
    const image = t.api.imageCreate(context, { status: 'queued', properties: { ping: 'pong' } });
    expect(image.properties.map((p) => ({ name: p.name, value: p.value }))).toEqual([{ name: 'ping', value: 'pong' }]);
  });

  it('test_image_create_unknown_attributes: Invalid (no status)', () => {
    expect(() => t.api.imageCreate(context, { ping: 'pong' })).toThrow(Invalid);
  });

  it('test_image_create_bad_name: 4-byte characters are Invalid', () => {
    expect(() => t.api.imageCreate(context, { name: 'A name with forbidden symbol \u{1F62A}', size: 12, status: 'queued' })).toThrow(Invalid);
  });

  it('test_image_create_bad_checksum: Invalid (the missing status decides)', () => {
    expect(() => t.api.imageCreate(context, { checksum: '42'.repeat(42) })).toThrow(Invalid);
    expect(() => t.api.imageCreate(context, { checksum: '\u042f'.repeat(32) })).toThrow(Invalid);
  });

  it('test_image_create_bad_int_params: Invalid', () => {
    for (const param of ['min_disk', 'min_ram']) {
      expect(() => t.api.imageCreate(context, { [param]: 2 ** 31 + 42 })).toThrow(Invalid);
    }
  });

  it('test_image_create_bad_property: 4-byte values and names are Invalid', () => {
    expect(() => t.api.imageCreate(context, { status: 'queued', properties: { bad: BAD } })).toThrow(Invalid);
    expect(() => t.api.imageCreate(context, { status: 'queued', properties: { [BAD]: 'ok' } })).toThrow(Invalid);
  });

  it('test_image_create_bad_location: a 4-byte url is Invalid', () => {
    const data = [{ url: 'a', metadata: { key: 'value' }, status: 'active' }, { url: 'Bad \u{1F60A}', metadata: {}, status: 'active' }];
    expect(() => t.api.imageCreate(context, { status: 'queued', locations: data })).toThrow(Invalid);
  });

  it('test_image_update_core_attribute: status changes and updated_at moves', () => {
    const image = t.api.imageUpdate(adm_context, UUID3, { status: 'queued' });
    expect(image.status).toBe('queued');
    expect(image.created_at).not.toEqual(image.updated_at);
  });

  it('test_image_update_with_locations: locations get ids', () => {
    const locations = [{ url: 'a', metadata: {}, status: 'active' }, { url: 'b', metadata: {}, status: 'active' }];
    const image = t.api.imageUpdate(adm_context, UUID3, { locations });
    expect(image.locations).toHaveLength(2);
    expect(locationsWithoutIds(image)).toEqual(locations);
  });

  it('test_image_update_with_location_data: metadata kept', () => {
    const data = [{ url: 'a', metadata: { key: 'value' }, status: 'active' }, { url: 'b', metadata: {}, status: 'active' }];
    const image = t.api.imageUpdate(adm_context, UUID3, { locations: data });
    expect(image.locations).toHaveLength(2);
    expect(locationsWithoutIds(image)).toEqual(data);
  });

  it('test_image_update: properties and status', () => {
    const image = t.api.imageUpdate(adm_context, UUID3, { status: 'queued', properties: { ping: 'pong' } });
    expect(image.properties.map((p) => ({ name: p.name, value: p.value }))).toEqual([{ name: 'ping', value: 'pong' }]);
    expect(image.status).toBe('queued');
    expect(image.created_at).not.toEqual(image.updated_at);
  });

  it('test_image_update_properties: new properties join the old', () => {
    const image = t.api.imageUpdate(adm_context, UUID1, { properties: { ping: 'pong' } });
    expect(Object.fromEntries(image.properties.map((p) => [p.name, p.value]))).toEqual({ ping: 'pong', foo: 'bar', far: 'boo' });
    expect(image.created_at).not.toEqual(image.updated_at);
  });

  it('test_image_update_purge_properties: purged properties come back deleted', () => {
    const image = t.api.imageUpdate(adm_context, UUID1, { properties: { ping: 'pong' } }, true);
    const props = new Map(image.properties.map((p) => [p.name, p]));
    expect(props.get('ping')?.value).toBe('pong');
    expect(props.get('ping')?.deleted).toBe(false);
    expect(props.get('foo')?.value).toBe('bar');
    expect(props.get('foo')?.deleted).toBe(true);
  });

  it('test_image_update_bad_name: Invalid', () => {
    expect(() => t.api.imageUpdate(adm_context, UUID1, { name: 'A new name with forbidden symbol \u{1F62A}' })).toThrow(Invalid);
  });

  it('test_image_update_bad_property: Invalid values and names', () => {
    expect(() => t.api.imageUpdate(adm_context, UUID1, { status: 'queued', properties: { bad: BAD } })).toThrow(Invalid);
    expect(() => t.api.imageUpdate(adm_context, UUID1, { status: 'queued', properties: { [BAD]: 'ok' } })).toThrow(Invalid);
  });

  it('test_image_update_bad_location: Invalid url', () => {
    const data = [{ url: 'a', metadata: { key: 'value' }, status: 'active' }, { url: 'Bad \u{1F60A}', metadata: {}, status: 'active' }];
    expect(() => t.api.imageUpdate(adm_context, UUID1, { status: 'queued', locations: data })).toThrow(Invalid);
  });

  it('test_update_locations_direct: image_location_update refuses a 4-byte url', () => {
    const image = t.api.imageUpdate(adm_context, UUID1, { locations: [{ url: 'a', metadata: { key: 'value' }, status: 'active' }] });
    expect(image.locations).toHaveLength(1);
    const loc_id = image.locations[0]?.id;
    expect(loc_id).toBeDefined();
    const bad = { url: 'Bad \u{1F60A}', metadata: {}, status: 'active', id: loc_id };
    expect(() => t.api.imageLocationUpdate(adm_context, UUID1, bad)).toThrow(Invalid);
  });

  it('test_image_property_delete: the deleted property has deleted_at', () => {
    const created = t.api.imagePropertyCreate(context, { name: 'ping', value: 'pong', image_id: UUID1 });
    const prop = t.api.imagePropertyDelete(context, created.name, UUID1);
    expect(prop.deleted_at).not.toBeNull();
    expect(prop.deleted).toBe(true);
  });

  it('test_image_get: by id', () => {
    expect(t.api.imageGet(context, UUID1).id).toBe(fixtures[0]?.['id']);
  });

  it('test_image_get_disallow_deleted: NotFound for a deleted image', () => {
    t.api.imageDestroy(adm_context, UUID1);
    expect(() => t.api.imageGet(context, UUID1)).toThrow(NotFound);
  });

  it('test_image_get_allow_deleted: admins see deleted images', () => {
    t.api.imageDestroy(adm_context, UUID1);
    const image = t.api.imageGet(adm_context, UUID1);
    expect(image.id).toBe(UUID1);
    expect(image.deleted).toBe(true);
  });

  it('test_image_get_force_allow_deleted: force_show_deleted', () => {
    t.api.imageDestroy(adm_context, UUID1);
    expect(t.api.imageGet(context, UUID1, { forceShowDeleted: true }).id).toBe(UUID1);
  });

  it("test_image_get_not_owned: another tenant's private image is Forbidden", () => {
    const TENANT1 = uuid();
    const TENANT2 = uuid();
    const image = t.api.imageCreate(tenantCtx(TENANT1), { status: 'queued', owner: TENANT1 });
    expect(() => t.api.imageGet(tenantCtx(TENANT2), image.id)).toThrow(Forbidden);
  });

  it('test_image_get_not_found: NotFound', () => {
    expect(() => t.api.imageGet(context, uuid())).toThrow(NotFound);
  });

  it('test_image_get_all: all three', () => {
    expect(t.api.imageGetAll(context)).toHaveLength(3);
  });

  it('test_image_get_all_with_filter: id filter', () => {
    expect(idsOf(t.api.imageGetAll(context, { filters: { id: UUID1 } }))).toEqual([UUID1]);
  });

  it('test_image_get_all_with_filter_user_defined_property: property filter', () => {
    expect(idsOf(t.api.imageGetAll(context, { filters: { foo: 'bar' } }))).toEqual([UUID1]);
  });

  it('test_image_get_all_with_filter_nonexistent_userdef_property: no such property', () => {
    expect(t.api.imageGetAll(context, { filters: { faz: 'boo' } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_userdef_prop_nonexistent_value: no such value', () => {
    expect(t.api.imageGetAll(context, { filters: { foo: 'baz' } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_multiple_user_defined_properties: both must match', () => {
    expect(idsOf(t.api.imageGetAll(context, { filters: { foo: 'bar', far: 'boo' } }))).toEqual([UUID1]);
  });

  it('test_image_get_all_with_filter_nonexistent_user_defined_property: one missing excludes', () => {
    expect(t.api.imageGetAll(context, { filters: { foo: 'bar', faz: 'boo' } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_user_deleted_property: a deleted property no longer matches', () => {
    const prop = t.api.imagePropertyCreate(context, { name: 'poo', value: 'bear', image_id: UUID1 });
    const images = t.api.imageGetAll(context, { filters: { properties: { poo: 'bear' } } });
    expect(images).toHaveLength(1);
    t.api.imagePropertyDelete(context, prop.name, (images[0] as ImageRecord).id);
    expect(t.api.imageGetAll(context, { filters: { properties: { poo: 'bear' } } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_undefined_property: no match', () => {
    expect(t.api.imageGetAll(context, { filters: { poo: 'bear' } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_protected: boolean column filter', () => {
    expect(t.api.imageGetAll(context, { filters: { protected: true } })).toHaveLength(1);
    expect(t.api.imageGetAll(context, { filters: { protected: false } })).toHaveLength(2);
  });

  const isotime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

  it('test_image_get_all_with_filter_comparative_created_at: lt the first creation', () => {
    const anchor = isotime(fixtures[0]?.['created_at'] as Date);
    expect(t.api.imageGetAll(context, { filters: { created_at: 'lt:' + anchor } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_comparative_updated_at: lt the first update', () => {
    const anchor = isotime(fixtures[0]?.['updated_at'] as Date);
    expect(t.api.imageGetAll(context, { filters: { updated_at: 'lt:' + anchor } })).toHaveLength(0);
  });

  it('test_filter_image_by_invalid_operator: InvalidFilterOperatorValue', () => {
    expect(() => t.api.imageGetAll(context, { filters: { status: 'lala:active' } })).toThrow(InvalidFilterOperatorValue);
  });

  it('test_image_get_all_with_filter_in_status: in: one value', () => {
    expect(t.api.imageGetAll(context, { filters: { status: 'in:active' } })).toHaveLength(3);
  });

  it('test_image_get_all_with_filter_in_name: in: the name', () => {
    expect(t.api.imageGetAll(context, { filters: { name: `in:${String(fixtures[0]?.['name'])}` } })).toHaveLength(3);
  });

  it('test_image_get_all_with_filter_in_container_format: in: a list', () => {
    expect(t.api.imageGetAll(context, { filters: { container_format: 'in:ami,bare,ovf' } })).toHaveLength(3);
  });

  it('test_image_get_all_with_filter_in_disk_format: in: vhd', () => {
    expect(t.api.imageGetAll(context, { filters: { disk_format: 'in:vhd' } })).toHaveLength(3);
  });

  it('test_image_get_all_with_filter_in_id: in: two ids', () => {
    expect(t.api.imageGetAll(context, { filters: { id: `in:${UUID1},${UUID2}` } })).toHaveLength(2);
  });

  it('test_image_get_all_with_quotes: quoted values with commas and escaped quotes', () => {
    t.api.imageUpdate(adm_context, UUID3, { name: 'fake\\"name' });
    t.api.imageUpdate(adm_context, UUID2, { name: 'fake,name' });
    t.api.imageUpdate(adm_context, UUID1, { name: 'fakename' });
    const data = 'in:"fake\\"name",fakename,"fake,name"';
    expect(t.api.imageGetAll(context, { filters: { name: data } })).toHaveLength(3);
  });

  it('test_image_get_all_with_invalid_quotes: InvalidParameterValue', () => {
    for (const expr of ['in:"name', 'in:"name"name', 'in:name"dd"', 'in:na"me', 'in:"name""name"']) {
      expect(() => t.api.imageGetAll(context, { filters: { name: expr } })).toThrow(InvalidParameterValue);
    }
  });

  it('test_image_get_all_size_min_max: a range', () => {
    expect(idsOf(t.api.imageGetAll(context, { filters: { size_min: 10, size_max: 15 } }))).toEqual([UUID1]);
  });

  it('test_image_get_all_size_min: at least 15, newest first', () => {
    expect(idsOf(t.api.imageGetAll(context, { filters: { size_min: 15 } }))).toEqual([UUID3, UUID2]);
  });

  it('test_image_get_all_size_range: an empty range', () => {
    expect(t.api.imageGetAll(context, { filters: { size_max: 15, size_min: 20 } })).toHaveLength(0);
  });

  it('test_image_get_all_size_max: at most 15', () => {
    expect(idsOf(t.api.imageGetAll(context, { filters: { size_max: 15 } }))).toEqual([UUID1]);
  });

  it('test_image_get_all_with_filter_min_range_bad_value: InvalidFilterRangeValue', () => {
    expect(() => t.api.imageGetAll(context, { filters: { size_min: 'blah' } })).toThrow(InvalidFilterRangeValue);
  });

  it('test_image_get_all_with_filter_max_range_bad_value: InvalidFilterRangeValue', () => {
    expect(() => t.api.imageGetAll(context, { filters: { size_max: 'blah' } })).toThrow(InvalidFilterRangeValue);
  });

  it('test_image_get_all_marker: after the newest', () => {
    expect(t.api.imageGetAll(context, { marker: UUID3 })).toHaveLength(2);
  });

  it('test_image_get_all_marker_with_size: keyset paging on an integer key', () => {
    const images = t.api.imageGetAll(context, { sortKey: ['size'], marker: UUID3 });
    expect(images.map((i) => i.size)).toEqual([17, 13]);
  });

  it('test_image_get_all_marker_deleted: a deleted marker is NotFound', () => {
    t.api.imageDestroy(adm_context, UUID1);
    expect(() => t.api.imageGetAll(context, { marker: UUID1, filters: { deleted: false } })).toThrow(NotFound);
  });

  it('test_image_get_all_marker_deleted_showing_deleted_as_admin: admins page from a deleted marker', () => {
    t.api.imageDestroy(adm_context, UUID3);
    expect(t.api.imageGetAll(adm_context, { marker: UUID3 })).toHaveLength(2);
  });

  it('test_image_get_all_marker_deleted_showing_deleted: deleted=True lists deleted images after the marker', () => {
    t.api.imageDestroy(adm_context, UUID3);
    t.api.imageDestroy(adm_context, UUID1);
    expect(t.api.imageGetAll(context, { marker: UUID3, filters: { deleted: true } })).toHaveLength(1);
  });

  function nullMarker(column: string, dir: string): string[] {
    const TENANT1 = uuid();
    const ctxt1 = tenantCtx(TENANT1);
    const UUIDX = uuid();
    t.api.imageCreate(ctxt1, { id: UUIDX, status: 'queued', [column]: null, owner: TENANT1 });
    return sorted(idsOf(t.api.imageGetAll(ctxt1, { marker: UUIDX, sortKey: [column], sortDir: [dir] })));
  }

  it('test_image_get_all_marker_null_name_desc: nothing sorts below a NULL name', () => {
    expect(nullMarker('name', 'desc')).toEqual([]);
  });

  it('test_image_get_all_marker_null_disk_format_desc: nothing sorts below a NULL disk_format', () => {
    expect(nullMarker('disk_format', 'desc')).toEqual([]);
  });

  it('test_image_get_all_marker_null_container_format_desc: nothing sorts below a NULL container_format', () => {
    expect(nullMarker('container_format', 'desc')).toEqual([]);
  });

  it('test_image_get_all_marker_null_name_asc: everything sorts above a NULL name', () => {
    expect(nullMarker('name', 'asc')).toEqual(sorted([UUID3, UUID2, UUID1]));
  });

  it('test_image_get_all_marker_null_disk_format_asc: everything sorts above a NULL disk_format', () => {
    expect(nullMarker('disk_format', 'asc')).toEqual(sorted([UUID3, UUID2, UUID1]));
  });

  it('test_image_get_all_marker_null_container_format_asc: everything sorts above a NULL container_format', () => {
    expect(nullMarker('container_format', 'asc')).toEqual(sorted([UUID3, UUID2, UUID1]));
  });

  it('test_image_get_all_limit: 2, None (all) and 0 (none)', () => {
    expect(t.api.imageGetAll(context, { limit: 2 })).toHaveLength(2);
    expect(t.api.imageGetAll(context, { limit: null })).toHaveLength(3);
    expect(t.api.imageGetAll(context, { limit: 0 })).toHaveLength(0);
  });

  it("test_image_get_all_owned: the owner's private image plus the public ones", () => {
    const TENANT1 = uuid();
    const UUIDX = uuid();
    t.api.imageCreate(tenantCtx(TENANT1), { id: UUIDX, status: 'queued', owner: TENANT1 });
    const TENANT2 = uuid();
    t.api.imageCreate(tenantCtx(TENANT2), { id: uuid(), status: 'queued', owner: TENANT2 });
    expect(sorted(idsOf(t.api.imageGetAll(tenantCtx(TENANT1))))).toEqual(sorted([UUIDX, UUID3, UUID2, UUID1]));
  });

  it('test_image_get_all_owned_checksum: shared visibility with a checksum', () => {
    const TENANT1 = uuid();
    const ctxt1 = tenantCtx(TENANT1);
    const UUIDX = uuid();
    t.api.imageCreate(ctxt1, { id: UUIDX, status: 'queued', checksum: '91264c3edf5972c9f1cb309543d38a5c', owner: TENANT1 });
    t.api.imageMemberCreate(ctxt1, { image_id: UUIDX, member: TENANT1, can_share: false, status: 'accepted' });
    const TENANT2 = uuid();
    const ctxt2 = tenantCtx(TENANT2);
    const UUIDY = uuid();
    const CHECKSUM2 = '92264c3edf5972c9f1cb309543d38a5c';
    t.api.imageCreate(ctxt2, { id: UUIDY, status: 'queued', checksum: CHECKSUM2, owner: TENANT2 });
    t.api.imageMemberCreate(ctxt2, { image_id: UUIDY, member: TENANT2, can_share: false, status: 'accepted' });
    expect(idsOf(t.api.imageGetAll(ctxt2, { filters: { visibility: 'shared', checksum: CHECKSUM2 } }))).toEqual([UUIDY]);
  });

  function tagFixtures(): void {
    t.api.imageTagCreate(context, UUID1, 'x86');
    t.api.imageTagCreate(context, UUID1, '64bit');
    t.api.imageTagCreate(context, UUID2, 'power');
    t.api.imageTagCreate(context, UUID2, '64bit');
  }

  it('test_image_get_all_with_filter_tags: one tag on two images', () => {
    tagFixtures();
    expect(sorted(idsOf(t.api.imageGetAll(context, { filters: { tags: ['64bit'] } })))).toEqual([UUID1, UUID2]);
  });

  it('test_image_get_all_with_filter_multi_tags: every tag must be present', () => {
    tagFixtures();
    expect(idsOf(t.api.imageGetAll(context, { filters: { tags: ['64bit', 'power'] } }))).toEqual([UUID2]);
  });

  it('test_image_get_all_with_filter_tags_and_nonexistent: an unknown tag excludes', () => {
    t.api.imageTagCreate(context, UUID1, 'x86');
    expect(t.api.imageGetAll(context, { filters: { tags: ['x86', 'fake'] } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_deleted_tags: a deleted tag no longer matches', () => {
    const tag = t.api.imageTagCreate(context, UUID1, 'AIX');
    expect(t.api.imageGetAll(context, { filters: { tags: [tag] } })).toHaveLength(1);
    t.api.imageTagDelete(context, UUID1, tag);
    expect(t.api.imageGetAll(context, { filters: { tags: [tag] } })).toHaveLength(0);
  });

  it('test_image_get_all_with_filter_undefined_tags: no match', () => {
    expect(t.api.imageGetAll(context, { filters: { tags: ['fake'] } })).toHaveLength(0);
  });

  it('test_image_paginate: limit and marker walk the pages', () => {
    const now = t.clock.tick();
    const extra = [0, 1].map((i) => [uuid(), new Date(now.getTime() + i * 5000)] as const);
    for (const [id, dt] of extra) t.api.imageCreate(adm_context, buildImageFixture(t, { id, created_at: dt, updated_at: dt }));
    const newestFirst = [...extra].reverse().map(([id]) => id);
    let page = t.api.imageGetAll(context, { limit: 2 });
    expect(idsOf(page)).toEqual(newestFirst);
    page = t.api.imageGetAll(context, { limit: 2, marker: (page[page.length - 1] as ImageRecord).id });
    expect(idsOf(page)).toEqual([UUID3, UUID2]);
    page = t.api.imageGetAll(context, { limit: 2, marker: UUID2 });
    expect(idsOf(page)).toEqual([UUID1]);
  });

  it('test_image_get_all_invalid_sort_key: InvalidSortKey', () => {
    expect(() => t.api.imageGetAll(context, { sortKey: ['blah'] })).toThrow(InvalidSortKey);
  });

  it('test_image_get_all_limit_marker: limit 2', () => {
    expect(t.api.imageGetAll(context, { limit: 2 })).toHaveLength(2);
  });

  it('test_image_get_all_with_tag_returning: live tags ride along', () => {
    const expected: Record<string, string[]> = { [UUID1]: ['foo'], [UUID2]: ['bar'], [UUID3]: ['baz'] };
    for (const id of [UUID1, UUID2, UUID3]) t.api.imageTagCreate(context, id, (expected[id] as string[])[0] as string);
    let images = t.api.imageGetAll(context, { returnTag: true });
    expect(images).toHaveLength(3);
    for (const image of images) expect(image.tags).toEqual(expected[image.id]);
    t.api.imageTagDelete(context, UUID1, 'foo');
    expected[UUID1] = [];
    images = t.api.imageGetAll(context, { returnTag: true });
    expect(images).toHaveLength(3);
    for (const image of images) expect(image.tags).toEqual(expected[image.id]);
  });

  const locationData = (): Array<Record<string, unknown>> => [
    { url: 'a', metadata: { key: 'value' }, status: 'active' },
    { url: 'b', metadata: {}, status: 'active' },
  ];

  it('test_image_destroy: the image and all its children are soft-deleted', () => {
    const image = t.api.imageCreate(context, { status: 'queued', locations: locationData() });
    const IMG_ID = image.id;
    const prop = t.api.imagePropertyCreate(context, { name: 'ping', value: 'pong', image_id: IMG_ID });
    const TENANT2 = uuid();
    const member = t.api.imageMemberCreate(context, { image_id: IMG_ID, member: TENANT2, can_share: false });
    t.api.imageTagCreate(context, IMG_ID, 'snarf');
    expect(locationsWithoutIds(image)).toEqual(locationData());
    expect([prop.name, prop.value, prop.image_id, prop.deleted]).toEqual(['ping', 'pong', IMG_ID, false]);
    expect([member.member, member.image_id, member.can_share]).toEqual([TENANT2, IMG_ID, false]);
    expect(t.api.imageTagGetAll(context, IMG_ID)).toEqual(['snarf']);

    const destroyed = t.api.imageDestroy(adm_context, IMG_ID);
    expect(destroyed.deleted).toBe(true);
    expect(destroyed.deleted_at).toBeTruthy();
    expect(() => t.api.imageGet(context, IMG_ID)).toThrow(NotFound);
    expect(destroyed.locations).toEqual([]);
    const p = destroyed.properties[0];
    expect([p?.name, p?.image_id, p?.deleted]).toEqual(['ping', IMG_ID, true]);
    expect(t.api.imageMemberFind(context, { imageId: IMG_ID })).toEqual([]);
    expect(t.api.imageTagGetAll(context, IMG_ID)).toEqual([]);
  });

  it('test_image_destroy_with_delete_all: only the destroyed image loses its children', () => {
    const TENANT2 = uuid();
    const withChildren = (): string => {
      const image_id = t.api.imageCreate(context, { status: 'queued', locations: locationData() }).id;
      t.api.imagePropertyCreate(context, { name: 'ping', value: 'pong', image_id });
      t.api.imageMemberCreate(context, { image_id, member: TENANT2, can_share: false });
      t.api.imageTagCreate(context, image_id, 'snarf');
      return image_id;
    };
    const ACTIVE_IMG_ID = withChildren();
    const DEL_IMG_ID = withChildren();
    const deleted = t.api.imageDestroy(adm_context, DEL_IMG_ID);
    expect(deleted.deleted).toBe(true);
    expect(deleted.deleted_at).toBeTruthy();
    expect(() => t.api.imageGet(context, DEL_IMG_ID)).toThrow(NotFound);

    const active = t.api.imageGet(context, ACTIVE_IMG_ID);
    expect(active.deleted).toBe(false);
    expect(active.deleted_at).toBeFalsy();
    expect(locationsWithoutIds(active)).toEqual(locationData());
    expect(active.properties).toHaveLength(1);
    const prop = active.properties[0];
    expect([prop?.name, prop?.value, prop?.image_id, prop?.deleted, prop?.deleted_at]).toEqual(['ping', 'pong', ACTIVE_IMG_ID, false, null]);
    const members = t.api.imageMemberFind(context, { imageId: ACTIVE_IMG_ID });
    expect(members.map((m) => [m.member, m.image_id, m.can_share])).toEqual([[TENANT2, ACTIVE_IMG_ID, false]]);
    expect(t.api.imageTagGetAll(context, ACTIVE_IMG_ID)).toEqual(['snarf']);
  });

  function sharedWithMember(): { ctxt1: DbContext; ctxt2: DbContext; UUIDX: string; image: ImageRecord } {
    const TENANT1 = uuid();
    const TENANT2 = uuid();
    const ctxt1 = tenantCtx(TENANT1);
    // owner_is_tenant=False with user TENANT2: the owner is the user.
    const ctxt2 = tenantCtx(TENANT2);
    const UUIDX = uuid();
    const image = t.api.imageCreate(ctxt1, { id: UUIDX, status: 'queued', is_public: false, owner: TENANT1 });
    t.api.imageMemberCreate(ctxt1, { image_id: UUIDX, member: TENANT2, can_share: false });
    return { ctxt1, ctxt2, UUIDX, image };
  }

  it('test_image_get_multiple_members: get shows a pending share, listing follows member_status', () => {
    const { ctxt2, UUIDX } = sharedWithMember();
    expect(t.api.imageGet(ctxt2, UUIDX).id).toBe(UUIDX);
    expect(t.api.imageGetAll(ctxt2)).toHaveLength(3);
    expect(t.api.imageGetAll(ctxt2, { memberStatus: 'rejected' })).toHaveLength(3);
    expect(t.api.imageGetAll(ctxt2, { filters: { visibility: 'shared' } })).toHaveLength(0);
    expect(t.api.imageGetAll(ctxt2, { memberStatus: 'pending', filters: { visibility: 'shared' } })).toHaveLength(1);
    expect(t.api.imageGetAll(ctxt2, { memberStatus: 'all', filters: { visibility: 'shared' } })).toHaveLength(1);
    expect(t.api.imageGetAll(ctxt2, { memberStatus: 'pending' })).toHaveLength(4);
    expect(t.api.imageGetAll(ctxt2, { memberStatus: 'all' })).toHaveLength(4);
  });

  it('test_is_image_visible: a member sees the shared image until the membership is deleted', () => {
    const { ctxt1, ctxt2, UUIDX, image } = sharedWithMember();
    expect(t.api.isImageVisible(ctxt2, image)).toBe(true);
    const members = t.api.imageMemberFind(ctxt1, { imageId: UUIDX });
    t.api.imageMemberDelete(ctxt1, (members[0] as MemberRecord).id);
    expect(t.api.isImageVisible(ctxt2, image)).toBe(false);
  });

  it('test_is_community_image_visible: everyone sees a community image', () => {
    const TENANT1 = uuid();
    const owners = tenantCtx(TENANT1);
    const viewing = tenantCtx(uuid());
    const image = t.api.imageCreate(owners, { id: uuid(), status: 'queued', visibility: 'community', owner: TENANT1 });
    expect(t.api.isImageVisible(owners, image)).toBe(true);
    expect(t.api.isImageVisible(viewing, image)).toBe(true);
  });

  it('test_image_tag_create: returns the tag', () => {
    expect(t.api.imageTagCreate(context, UUID1, 'snap')).toBe('snap');
  });

  it('test_image_tag_create_bad_value: 4-byte tag is Invalid', () => {
    expect(() => t.api.imageTagCreate(context, UUID1, BAD)).toThrow(Invalid);
  });

  it('test_image_tag_set_all: tags in the order given', () => {
    expect(t.api.imageTagGetAll(context, UUID1)).toEqual([]);
    t.api.imageTagSetAll(context, UUID1, ['ping', 'pong']);
    expect(t.api.imageTagGetAll(context, UUID1)).toEqual(['ping', 'pong']);
  });

  it('test_image_tag_get_all: per image', () => {
    t.api.imageTagCreate(context, UUID1, 'snap');
    t.api.imageTagCreate(context, UUID1, 'snarf');
    t.api.imageTagCreate(context, UUID2, 'snarf');
    expect(t.api.imageTagGetAll(context, UUID1)).toEqual(['snap', 'snarf']);
    expect(t.api.imageTagGetAll(context, UUID2)).toEqual(['snarf']);
  });

  it('test_image_tag_get_all_no_tags: empty', () => {
    expect(t.api.imageTagGetAll(context, UUID1)).toEqual([]);
  });

  it('test_image_tag_get_all_non_existent_image: empty, no error', () => {
    expect(t.api.imageTagGetAll(context, uuid())).toEqual([]);
  });

  it('test_image_tag_delete: deleting twice is NotFound', () => {
    t.api.imageTagCreate(context, UUID1, 'snap');
    t.api.imageTagDelete(context, UUID1, 'snap');
    expect(() => t.api.imageTagDelete(context, UUID1, 'snap')).toThrow(NotFound);
  });

  it('test_image_member_create: a pending member with timestamps', () => {
    expect(t.api.imageMemberFind(context)).toEqual([]);
    const TENANT1 = uuid();
    t.api.imageMemberCreate(context, { member: TENANT1, image_id: UUID1 });
    const memberships = t.api.imageMemberFind(context);
    expect(memberships).toHaveLength(1);
    const actual = memberships[0] as MemberRecord;
    expect(actual.created_at).not.toBeNull();
    expect(actual.updated_at).not.toBeNull();
    expect(withoutMeta(actual)).toEqual({ member: TENANT1, image_id: UUID1, can_share: false, status: 'pending', deleted: false });
  });

  function memberUpdate(values: Record<string, unknown>, expected: Record<string, unknown>): void {
    const TENANT1 = uuid();
    const member = t.api.imageMemberCreate(context, { member: TENANT1, image_id: UUID1 });
    expect(withoutMeta(member)).toEqual({ member: TENANT1, image_id: UUID1, status: 'pending', can_share: false, deleted: false });
    t.clock.tick();
    const updated = t.api.imageMemberUpdate(context, member.id, values);
    expect(updated.created_at).not.toEqual(updated.updated_at);
    expect(withoutMeta(updated)).toEqual({ member: TENANT1, image_id: UUID1, ...expected });
    const found = t.api.imageMemberFind(context, { member: TENANT1, imageId: UUID1 });
    expect(withoutMeta(found[0] as MemberRecord)).toEqual({ member: TENANT1, image_id: UUID1, ...expected });
  }

  it('test_image_member_update: can_share changes', () => {
    memberUpdate({ can_share: true }, { status: 'pending', can_share: true, deleted: false });
  });

  it('test_image_member_update_status: status changes', () => {
    memberUpdate({ status: 'accepted' }, { status: 'accepted', can_share: false, deleted: false });
  });

  it('test_image_member_find: by member, image and status', () => {
    const TENANT1 = uuid();
    const TENANT2 = uuid();
    const memberFixtures = [
      { member: TENANT1, image_id: UUID1 },
      { member: TENANT1, image_id: UUID2, status: 'rejected' },
      { member: TENANT2, image_id: UUID1, status: 'accepted' },
    ];
    for (const f of memberFixtures) t.api.imageMemberCreate(context, { ...f });
    const simple = (xs: Array<{ member: string; image_id: string }>): Set<string> => new Set(xs.map((o) => `${o.member}|${o.image_id}`));
    const match = (expected: typeof memberFixtures, output: MemberRecord[]): void => expect(simple(output)).toEqual(simple(expected));
    const [f0, f1, f2] = memberFixtures as [typeof memberFixtures[0], typeof memberFixtures[0], typeof memberFixtures[0]];
    match([f0, f1], t.api.imageMemberFind(context, { member: TENANT1 }));
    match([f0, f2], t.api.imageMemberFind(adm_context, { imageId: UUID1 }));
    match([f2], t.api.imageMemberFind(context, { member: TENANT2, imageId: UUID1 }));
    match([f2], t.api.imageMemberFind(context, { status: 'accepted' }));
    match([f1], t.api.imageMemberFind(context, { status: 'rejected' }));
    match([f0], t.api.imageMemberFind(context, { status: 'pending' }));
    match([], t.api.imageMemberFind(context, { status: 'pending', imageId: UUID2 }));
    match([], t.api.imageMemberFind(context, { member: TENANT2, imageId: uuid() }));
  });

  it('test_image_member_count: live members of the image', () => {
    t.api.imageMemberCreate(context, { member: uuid(), image_id: UUID1 });
    expect(t.api.imageMemberCount(context, UUID1)).toBe(1);
  });

  it('test_image_member_count_invalid_image_id: None is Invalid', () => {
    t.api.imageMemberCreate(context, { member: uuid(), image_id: UUID1 });
    expect(() => t.api.imageMemberCount(context, null as unknown as string)).toThrow(Invalid);
  });

  it('test_image_member_count_empty_image_id: "" is Invalid', () => {
    t.api.imageMemberCreate(context, { member: uuid(), image_id: UUID1 });
    expect(() => t.api.imageMemberCount(context, '')).toThrow(Invalid);
  });

  it('test_image_member_delete: the member disappears from find', () => {
    const member = t.api.imageMemberCreate(context, { member: uuid(), image_id: UUID1, can_share: true });
    expect(t.api.imageMemberFind(context)).toHaveLength(1);
    t.api.imageMemberDelete(context, member.id);
    expect(t.api.imageMemberFind(context)).toHaveLength(0);
  });
});

describe('DriverQuotaTests', () => {
  let t: TestDb;
  let owner_id1: string;
  let context1: DbContext;
  let owner1_fixtures: Array<Record<string, unknown>>;

  beforeEach(() => {
    t = freshDb();
    owner_id1 = uuid();
    context1 = dbContext({ owner: owner_id1 });
    const dt1 = t.clock.now();
    const dt2 = new Date(dt1.getTime() + 1);
    owner1_fixtures = [
      { id: UUID1, created_at: dt1, updated_at: dt1, size: 13, owner: owner_id1 },
      { id: UUID2, created_at: dt1, updated_at: dt2, size: 17, owner: owner_id1 },
      { id: UUID3, created_at: dt2, updated_at: dt2, size: 7, owner: owner_id1 },
    ].map((f) => buildImageFixture(t, f));
    for (const f of owner1_fixtures) t.api.imageCreate(context1, f);
  });

  const total = (): number => owner1_fixtures.reduce((sum, f) => sum + (f['size'] as number), 0);

  function imageWithTwoLocations(id: string, size: number): void {
    const fixture = buildImageFixture(t, { id, created_at: t.clock.now(), updated_at: t.clock.now(), size, owner: owner_id1 });
    (fixture['locations'] as unknown[]).push({ url: 'file:///some/path/file', metadata: {}, status: 'active' });
    t.api.imageCreate(context1, fixture);
  }

  it("test_storage_quota: the sum of the owner's sizes", () => {
    expect(t.api.userGetStorageUsage(context1, owner_id1)).toBe(total());
  });

  it('test_storage_quota_without_image_id: excluding one image', () => {
    const usage = t.api.userGetStorageUsage(context1, owner_id1, owner1_fixtures[0]?.['id'] as string);
    expect(usage).toBe(total() - (owner1_fixtures[0]?.['size'] as number));
  });

  it('test_storage_quota_multiple_locations: size counts once per location', () => {
    imageWithTwoLocations(uuid(), 53);
    expect(t.api.userGetStorageUsage(context1, owner_id1)).toBe(total() + 53 * 2);
  });

  it('test_storage_quota_deleted_image: a destroyed image no longer counts', () => {
    const image_id = uuid();
    imageWithTwoLocations(image_id, 53);
    expect(t.api.userGetStorageUsage(context1, owner_id1)).toBe(total() + 53 * 2);
    t.api.imageDestroy(context1, image_id);
    expect(t.api.userGetStorageUsage(context1, owner_id1)).toBe(total());
  });
});

describe('TaskTests', () => {
  let t: TestDb;
  let adm_context: DbContext;
  let owner: string;
  let context: DbContext;
  let fixtures: Array<Record<string, unknown>>;

  beforeEach(() => {
    t = freshDb();
    adm_context = dbContext({ is_admin: true, owner: 'admin' });
    owner = uuid();
    context = dbContext({ owner });
    fixtures = [
      {
        owner, type: 'import',
        input: { import_from: 'file:///a.img', import_from_format: 'qcow2', image_properties: { name: 'GreatStack 1.22', tags: ['lamp', 'custom'] } },
      },
      {
        owner, type: 'import',
        input: { import_from: 'file:///b.img', import_from_format: 'qcow2', image_properties: { name: 'GreatStack 1.23', tags: ['lamp', 'good'] } },
      },
      {
        owner, type: 'export',
        input: { export_uuid: 'deadbeef-dead-dead-dead-beefbeefbeef', export_to: 'swift://cloud.foo/myaccount/mycontainer/path', export_format: 'qcow2' },
      },
    ].map((f) => buildTaskFixture(t, f));
  });

  const createAll = (): void => {
    for (const f of fixtures) t.api.taskCreate(adm_context, buildTaskFixture(t, f));
  };

  it('test_task_get_all_with_filter: type filter', () => {
    createAll();
    const import_tasks = t.api.taskGetAll(adm_context, { filters: { type: 'import' } });
    expect(import_tasks).toHaveLength(2);
    for (const task of import_tasks) {
      expect(task.type).toBe('import');
      expect(task.owner).toBe(owner);
    }
  });

  it("test_task_get_all_as_admin: every owner's tasks", () => {
    createAll();
    expect(t.api.taskGetAll(adm_context)).toHaveLength(3);
  });

  it('test_task_get_all_marker: by id after the first', () => {
    createAll();
    const task_ids = t.api.taskGetAll(adm_context, { sortKey: 'id' }).map((x) => x.id);
    expect(t.api.taskGetAll(adm_context, { sortKey: 'id', marker: task_ids[0] as string })).toHaveLength(2);
  });

  it('test_task_get_all_limit: 2, None (all) and 0 (none)', () => {
    createAll();
    expect(t.api.taskGetAll(adm_context, { limit: 2 })).toHaveLength(2);
    expect(t.api.taskGetAll(adm_context, { limit: null })).toHaveLength(3);
    expect(t.api.taskGetAll(adm_context, { limit: 0 })).toHaveLength(0);
  });

  it("test_task_get_all_owned: only the caller's tasks", () => {
    const then = new Date(t.clock.now().getTime() + 365 * 86400000);
    const TENANT1 = uuid();
    const ctxt1 = dbContext({ owner: TENANT1 });
    t.api.taskCreate(ctxt1, { type: 'import', status: 'pending', input: '{"loc": "fake"}', owner: TENANT1, expires_at: then });
    const TENANT2 = uuid();
    t.api.taskCreate(dbContext({ owner: TENANT2 }), { type: 'export', status: 'pending', input: '{"loc": "fake"}', owner: TENANT2, expires_at: then });
    expect(new Set(t.api.taskGetAll(ctxt1).map((x) => x.owner))).toEqual(new Set([TENANT1]));
  });

  it('test_task_get: every field, info included', () => {
    const expires_at = t.clock.now();
    const image_id = uuid();
    const fixture = {
      owner, type: 'import', status: 'pending', input: '{"loc": "fake"}',
      result: `{'image_id': ${image_id}}`, message: 'blah', expires_at,
    };
    const created = t.api.taskCreate(adm_context, fixture);
    expect(created.id).toBeTruthy();
    const task = t.api.taskGet(adm_context, created.id);
    expect(task.id).toBe(created.id);
    expect(task.owner).toBe(owner);
    expect(task.type).toBe('import');
    expect(task.status).toBe('pending');
    expect(task.input).toBe(fixture.input);
    expect(task.result).toBe(fixture.result);
    expect(task.message).toBe(fixture.message);
    expect(task.expires_at).toEqual(expires_at);
  });

  it('test_task_get_all: stubs without info', () => {
    const now = t.clock.now();
    const then = new Date(now.getTime() + 365 * 86400000);
    const image_id = uuid();
    const mk = (n: number): Record<string, unknown> => ({
      owner, type: 'import', status: 'pending', input: `{"loc": "fake_${n}"}`, result: `{'image_id': ${image_id}}`,
      message: `blah_${n}`, expires_at: then, created_at: now, updated_at: now,
    });
    const fixture1 = mk(1);
    const fixture2 = mk(2);
    const task1 = t.api.taskCreate(adm_context, fixture1);
    const task2 = t.api.taskCreate(adm_context, fixture2);
    const byId: Record<string, Record<string, unknown>> = { [task1.id]: fixture1, [task2.id]: fixture2 };
    const tasks = t.api.taskGetAll(adm_context);
    expect(tasks).toHaveLength(2);
    expect(new Set(tasks.map((x) => x.id))).toEqual(new Set([task1.id, task2.id]));
    for (const task of tasks) {
      const fixture = byId[task.id] as Record<string, unknown>;
      expect(task.owner).toBe(owner);
      expect(task.type).toBe(fixture['type']);
      expect(task.status).toBe(fixture['status']);
      expect(task.expires_at).toEqual(fixture['expires_at']);
      expect(task.deleted).toBe(false);
      expect(task.deleted_at).toBeNull();
      expect(task.created_at).toEqual(fixture['created_at']);
      expect(task.updated_at).toEqual(fixture['updated_at']);
      for (const key of ['input', 'message', 'result']) expect(task).not.toHaveProperty(key);
    }
  });

  it('test_task_soft_delete: expired tasks of the caller are soft-deleted on listing', () => {
    const now = t.clock.now();
    const then = new Date(now.getTime() + 365 * 86400000);
    for (const [id, expires_at] of [['1', now], ['2', now], ['3', then], ['4', then]] as const) {
      t.api.taskCreate(adm_context, buildTaskFixture(t, { id, expires_at, owner: adm_context.owner }));
    }
    const tasks = t.api.taskGetAll(adm_context, { sortKey: 'id', sortDir: 'asc' });
    expect(tasks).toHaveLength(4);
    expect(tasks.map((x) => x.deleted)).toEqual([true, true, false, false]);
  });

  it('test_task_create: fields and input', () => {
    const task_id = uuid();
    const task = t.api.taskCreate(adm_context, buildTaskFixture(t, { id: task_id, owner, type: 'export', status: 'pending' }));
    expect(task.id).toBe(task_id);
    expect(task.owner).toBe(owner);
    expect(task.type).toBe('export');
    expect(task.status).toBe('pending');
    expect(task.input).toEqual({ ping: 'pong' });
  });

  it('test_task_create_with_all_task_info_null: null info', () => {
    const task_id = uuid();
    const task = t.api.taskCreate(adm_context, buildTaskFixture(t, {
      id: task_id, owner, type: 'export', status: 'pending', input: null, result: null, message: null,
    }));
    expect(task.id).toBe(task_id);
    expect(task.owner).toBe(owner);
    expect(task.type).toBe('export');
    expect(task.status).toBe('pending');
    expect(task.input).toBeNull();
    expect(task.result).toBeNull();
    expect(task.message).toBeNull();
  });

  it('test_task_update: status and message change, the rest stays', () => {
    const result = { foo: 'bar' };
    const task_values = buildTaskFixture(t, { owner, result });
    const created = t.api.taskCreate(adm_context, task_values);
    t.clock.tick();
    const task = t.api.taskUpdate(adm_context, created.id, { status: 'processing', message: 'This is a error string' });
    expect(task.id).toBe(created.id);
    expect(task.owner).toBe(owner);
    expect(task.type).toBe('import');
    expect(task.status).toBe('processing');
    expect(task.input).toEqual({ ping: 'pong' });
    expect(task.result).toEqual(result);
    expect(task.message).toBe('This is a error string');
    expect(task.deleted).toBe(false);
    expect(task.deleted_at).toBeNull();
    expect(task.expires_at).toBeNull();
    expect(task.created_at).toEqual(task_values['created_at']);
    expect((task.updated_at as Date).getTime()).toBeGreaterThan((task.created_at as Date).getTime());
  });

  it('test_task_update_with_all_task_info_null: null info stays null', () => {
    const task_values = buildTaskFixture(t, { owner, input: null, result: null, message: null });
    const created = t.api.taskCreate(adm_context, task_values);
    t.clock.tick();
    const task = t.api.taskUpdate(adm_context, created.id, { status: 'processing' });
    expect(task.id).toBe(created.id);
    expect(task.owner).toBe(owner);
    expect(task.type).toBe('import');
    expect(task.status).toBe('processing');
    expect(task.input).toBeNull();
    expect(task.result).toBeNull();
    expect(task.message).toBeNull();
    expect(task.deleted).toBe(false);
    expect(task.deleted_at).toBeNull();
    expect(task.expires_at).toBeNull();
    expect(task.created_at).toEqual(task_values['created_at']);
    expect((task.updated_at as Date).getTime()).toBeGreaterThan((task.created_at as Date).getTime());
  });

  it('test_task_delete: the deleted task is TaskNotFound for its owner', () => {
    const task = t.api.taskCreate(adm_context, buildTaskFixture(t, { owner }));
    expect(task.deleted).toBe(false);
    expect(task.deleted_at).toBeNull();
    t.api.taskDelete(adm_context, task.id);
    expect(() => t.api.taskGet(context, task.id)).toThrow(TaskNotFound);
  });

  it('test_task_delete_as_admin: force_show_deleted shows it', () => {
    const task = t.api.taskCreate(adm_context, buildTaskFixture(t, { owner }));
    expect(task.deleted).toBe(false);
    expect(task.deleted_at).toBeNull();
    t.api.taskDelete(adm_context, task.id);
    const del_task = t.api.taskGet(adm_context, task.id, { forceShowDeleted: true });
    expect(del_task.id).toBe(task.id);
    expect(del_task.deleted).toBe(true);
    expect(del_task.deleted_at).not.toBeNull();
  });
});

describe('VisibilityTests', () => {
  let t: TestDb;
  let admin_tenant: string;
  let tenant1: string;
  let tenant2: string;
  let admin_context: DbContext;
  let admin_none_context: DbContext;
  let tenant1_context: DbContext;
  let none_context: DbContext;

  beforeEach(() => {
    t = freshDb();
    admin_tenant = uuid();
    tenant1 = uuid();
    tenant2 = uuid();
    admin_context = dbContext({ is_admin: true, owner: admin_tenant });
    admin_none_context = dbContext({ is_admin: true, owner: null });
    tenant1_context = dbContext({ owner: tenant1 });
    none_context = dbContext({ owner: null });
    const owners: Array<[string, string | null]> = [
      ['Unowned', null], ['Admin Tenant', admin_tenant], ['Tenant 1', tenant1], ['Tenant 2', tenant2],
    ];
    for (const [label, owner] of owners) {
      for (const visibility of ['community', 'private', 'public', 'shared']) {
        t.api.imageCreate(admin_context, buildImageFixture(t, { name: `${label}, ${visibility}`, owner, visibility }));
      }
    }
  });

  type GetAll = Parameters<TestDb['api']['imageGetAll']>[1];
  const list = (ctx: DbContext, opts: GetAll = {}): ImageRecord[] => t.api.imageGetAll(ctx, opts);
  const all = (ctx: DbContext, opts: GetAll, n: number, each?: (i: ImageRecord) => void): void => {
    const images = list(ctx, opts);
    expect(images).toHaveLength(n);
    if (each) images.forEach(each);
  };
  const vis = (v: string) => (i: ImageRecord): void => expect(i.visibility).toBe(v);
  const visIn = (vs: string[]) => (i: ImageRecord): void => expect(vs).toContain(i.visibility);
  const ownedBy = (o: () => string) => (i: ImageRecord): void => expect(i.owner).toBe(o());
  const publicOrOwnedBy = (o: () => string) => (i: ImageRecord): void => {
    if (i.visibility !== 'public') expect(i.owner).toBe(o());
  };

  it('test_unknown_admin_sees_all_but_community: 12', () => all(admin_none_context, {}, 12));
  it('test_unknown_admin_is_public_true: the 4 public', () => all(admin_none_context, { isPublic: true }, 4, vis('public')));
  it('test_unknown_admin_is_public_false: 8 shared or private', () => all(admin_none_context, { isPublic: false }, 8, visIn(['shared', 'private'])));
  it('test_unknown_admin_is_public_none: 12', () => all(admin_none_context, {}, 12));
  it('test_unknown_admin_visibility_public: 4', () => all(admin_none_context, { filters: { visibility: 'public' } }, 4, vis('public')));
  it('test_unknown_admin_visibility_shared: 4', () => all(admin_none_context, { filters: { visibility: 'shared' } }, 4, vis('shared')));
  it('test_unknown_admin_visibility_private: 4', () => all(admin_none_context, { filters: { visibility: 'private' } }, 4, vis('private')));
  it('test_unknown_admin_visibility_community: 4', () => all(admin_none_context, { filters: { visibility: 'community' } }, 4, vis('community')));
  it("test_known_admin_sees_all_but_others_community_images: 13 (its own community image only)", () => all(admin_context, {}, 13));
  it('test_known_admin_is_public_true: 4 public', () => all(admin_context, { isPublic: true }, 4, vis('public')));
  it('test_known_admin_is_public_false: 9 non-public', () => all(admin_context, { isPublic: false }, 9, visIn(['shared', 'private', 'community'])));
  it('test_known_admin_is_public_none: 13', () => all(admin_context, {}, 13));
  it('test_admin_as_user_true: 7, public or its own', () =>
    all(admin_context, { adminAsUser: true }, 7, (i) => expect(i.visibility === 'public' || i.owner === admin_tenant).toBe(true)));
  it('test_known_admin_visibility_public: 4', () => all(admin_context, { filters: { visibility: 'public' } }, 4, vis('public')));
  it('test_known_admin_visibility_shared: 4', () => all(admin_context, { filters: { visibility: 'shared' } }, 4, vis('shared')));
  it('test_known_admin_visibility_private: 4', () => all(admin_context, { filters: { visibility: 'private' } }, 4, vis('private')));
  it('test_known_admin_visibility_community: 4', () => all(admin_context, { filters: { visibility: 'community' } }, 4, vis('community')));
  it('test_what_unknown_user_sees: the 4 public', () => all(none_context, {}, 4, vis('public')));
  it('test_unknown_user_is_public_true: 4 public', () => all(none_context, { isPublic: true }, 4, vis('public')));
  it('test_unknown_user_is_public_false: none', () => all(none_context, { isPublic: false }, 0));
  it('test_unknown_user_is_public_none: 4 public', () => all(none_context, {}, 4, vis('public')));
  it('test_unknown_user_visibility_public: 4', () => all(none_context, { filters: { visibility: 'public' } }, 4, vis('public')));
  it('test_unknown_user_visibility_shared: none', () => all(none_context, { filters: { visibility: 'shared' } }, 0));
  it('test_unknown_user_visibility_private: none', () => all(none_context, { filters: { visibility: 'private' } }, 0));
  it('test_unknown_user_visibility_community: 4', () => all(none_context, { filters: { visibility: 'community' } }, 4, vis('community')));
  it('test_what_tenant1_sees: 7, public or its own', () => all(tenant1_context, {}, 7, publicOrOwnedBy(() => tenant1)));
  it('test_tenant1_is_public_true: 4 public', () => all(tenant1_context, { isPublic: true }, 4, vis('public')));
  it('test_tenant1_is_public_false: its 3 non-public', () =>
    all(tenant1_context, { isPublic: false }, 3, (i) => {
      ownedBy(() => tenant1)(i);
      visIn(['private', 'shared', 'community'])(i);
    }));
  it('test_tenant1_is_public_none: 7', () => all(tenant1_context, {}, 7, publicOrOwnedBy(() => tenant1)));
  it('test_tenant1_visibility_public: 4', () => all(tenant1_context, { filters: { visibility: 'public' } }, 4, vis('public')));
  it('test_tenant1_visibility_shared: its own shared image', () =>
    all(tenant1_context, { filters: { visibility: 'shared' } }, 1, (i) => {
      vis('shared')(i);
      ownedBy(() => tenant1)(i);
    }));
  it('test_tenant1_visibility_private: its own private image', () =>
    all(tenant1_context, { filters: { visibility: 'private' } }, 1, (i) => {
      vis('private')(i);
      ownedBy(() => tenant1)(i);
    }));
  it('test_tenant1_visibility_community: every community image', () => all(tenant1_context, { filters: { visibility: 'community' } }, 4, vis('community')));

  function redHerring(): void {
    t.api.imageCreate(admin_context, buildImageFixture(t, {
      name: 'Red Herring', owner: tenant1, visibility: 'shared', properties: { is_public: 'silly' },
    }));
  }

  it('test_is_public_is_a_normal_filter_for_admin: is_public is a property filter', () => {
    redHerring();
    all(admin_context, { filters: { is_public: 'silly' } }, 1, (i) => expect(i.name).toBe('Red Herring'));
  });

  it('test_is_public_is_a_normal_filter_for_user: is_public is a property filter', () => {
    redHerring();
    all(tenant1_context, { filters: { is_public: 'silly' } }, 1, (i) => expect(i.name).toBe('Red Herring'));
  });

  it('test_admin_is_public_true_and_visibility_public: 4', () => all(admin_context, { isPublic: true, filters: { visibility: 'public' } }, 4));
  it('test_admin_is_public_false_and_visibility_public: 0', () => all(admin_context, { isPublic: false, filters: { visibility: 'public' } }, 0));
  it('test_admin_is_public_true_and_visibility_shared: 0', () => all(admin_context, { isPublic: true, filters: { visibility: 'shared' } }, 0));
  it('test_admin_is_public_false_and_visibility_shared: 4', () => all(admin_context, { isPublic: false, filters: { visibility: 'shared' } }, 4));
  it('test_admin_is_public_true_and_visibility_private: 0', () => all(admin_context, { isPublic: true, filters: { visibility: 'private' } }, 0));
  it('test_admin_is_public_false_and_visibility_private: 4', () => all(admin_context, { isPublic: false, filters: { visibility: 'private' } }, 4));
  it('test_admin_is_public_true_and_visibility_community: 0', () => all(admin_context, { isPublic: true, filters: { visibility: 'community' } }, 0));
  it('test_admin_is_public_false_and_visibility_community: 4', () => all(admin_context, { isPublic: false, filters: { visibility: 'community' } }, 4));
  it('test_tenant1_is_public_true_and_visibility_public: 4', () => all(tenant1_context, { isPublic: true, filters: { visibility: 'public' } }, 4));
  it('test_tenant1_is_public_false_and_visibility_public: 0', () => all(tenant1_context, { isPublic: false, filters: { visibility: 'public' } }, 0));
  it('test_tenant1_is_public_true_and_visibility_shared: 0', () => all(tenant1_context, { isPublic: true, filters: { visibility: 'shared' } }, 0));
  it('test_tenant1_is_public_false_and_visibility_shared: 1', () => all(tenant1_context, { isPublic: false, filters: { visibility: 'shared' } }, 1));
  it('test_tenant1_is_public_true_and_visibility_private: 0', () => all(tenant1_context, { isPublic: true, filters: { visibility: 'private' } }, 0));
  it('test_tenant1_is_public_false_and_visibility_private: 1', () => all(tenant1_context, { isPublic: false, filters: { visibility: 'private' } }, 1));
  it('test_tenant1_is_public_true_and_visibility_community: 0', () => all(tenant1_context, { isPublic: true, filters: { visibility: 'community' } }, 0));
  it('test_tenant1_is_public_false_and_visibility_community: 4', () => all(tenant1_context, { isPublic: false, filters: { visibility: 'community' } }, 4));
});

describe('MembershipVisibilityTests', () => {
  let t: TestDb;
  const ctxs: Record<string, { id: string; ctx: DbContext }> = {};
  const image_ids = new Map<string, string>();

  beforeEach(() => {
    t = freshDb();
    for (const name of ['owner1', 'owner2', 'tenant1', 'tenant2', 'tenant3', 'admin']) {
      const id = uuid();
      ctxs[name] = { id, ctx: dbContext({ owner: id, is_admin: name === 'admin' }) };
    }
    image_ids.clear();
    for (const owner of [id('owner1'), id('owner2')]) {
      createImage('not_shared', owner, []);
      createImage('shared-with-1', owner, [id('tenant1')]);
      createImage('shared-with-2', owner, [id('tenant2')]);
      createImage('shared-with-both', owner, [id('tenant1'), id('tenant2')]);
    }
  });

  function id(name: string): string {
    return (ctxs[name] as { id: string }).id;
  }
  function ctx(name: string): DbContext {
    return (ctxs[name] as { ctx: DbContext }).ctx;
  }

  function createImage(name: string, owner: string, members: string[]): void {
    const image = buildImageFixture(t, { name, owner, visibility: 'shared' });
    image_ids.set(`${owner}|${name}`, image['id'] as string);
    t.api.imageCreate(ctx('admin'), image);
    for (const member of members) t.api.imageMemberCreate(ctx('admin'), { image_id: image['id'], member });
  }

  function checkByMember(viewer: string, member: string, expected: Array<[string, string]>): void {
    const members = t.api.imageMemberFind(ctx(viewer), { member: id(member) });
    const facets = members.map((m) => {
      const image = t.api.imageGet(ctx('admin'), m.image_id);
      return `${String(image.owner)}|${String(image.name)}`;
    });
    expect(new Set(facets)).toEqual(new Set(expected.map(([o, n]) => `${id(o)}|${n}`)));
  }

  function checkByImage(viewer: string, expected: string[]): void {
    const image_id = image_ids.get(`${id('owner1')}|shared-with-both`) as string;
    const members = t.api.imageMemberFind(ctx(viewer), { imageId: image_id });
    expect(new Set(members.map((m) => m.member))).toEqual(new Set(expected.map(id)));
  }

  const allShares: Array<[string, string]> = [
    ['owner1', 'shared-with-1'], ['owner1', 'shared-with-both'], ['owner2', 'shared-with-1'], ['owner2', 'shared-with-both'],
  ];

  it("test_owner1_finding_user1_memberships: owner1 sees user1's memberships of its images", () => {
    checkByMember('owner1', 'tenant1', [['owner1', 'shared-with-1'], ['owner1', 'shared-with-both']]);
  });
  it('test_user1_finding_user1_memberships: user1 sees all its memberships', () => {
    checkByMember('tenant1', 'tenant1', allShares);
  });
  it("test_user2_finding_user1_memberships: user2 sees none of user1's", () => {
    checkByMember('tenant2', 'tenant1', []);
  });
  it("test_admin_finding_user1_memberships: admin sees all of user1's", () => {
    checkByMember('admin', 'tenant1', allShares);
  });
  it("test_owner1_finding_owner1s_image_members: the owner sees every member", () => {
    checkByImage('owner1', ['tenant1', 'tenant2']);
  });
  it("test_admin_finding_owner1s_image_members: admin sees every member", () => {
    checkByImage('admin', ['tenant1', 'tenant2']);
  });
  it("test_user1_finding_owner1s_image_members: a member sees only itself", () => {
    checkByImage('tenant1', ['tenant1']);
  });
  it("test_user2_finding_owner1s_image_members: a member sees only itself", () => {
    checkByImage('tenant2', ['tenant2']);
  });
  it("test_user3_finding_owner1s_image_members: a stranger sees nothing", () => {
    checkByImage('tenant3', []);
  });
});
