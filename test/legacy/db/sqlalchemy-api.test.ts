// Focused tests of the sqlalchemy api port: the sqlalchemy-only cases of
// glance/tests/functional/db/test_sqlalchemy.py, then Glance-on-SQLite
// behaviours (quirks included) that base.py does not pin down. Every
// expectation below was checked by running Glance 16.0.0's own sqlalchemy
// api (SQLAlchemy 1.4 on SQLite) on the same data. The base.py cases that
// test_sqlalchemy.py inherits are in functional_base.test.ts.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DBError,
  imageCreate,
  InvalidRequestError,
  NoResultFound,
  type DbContext,
} from '../../../src/legacy/db/sqlalchemy-api.js';
import { Conflict, Forbidden, ImageNotFound, Invalid, NotFound } from '../../../src/legacy/exception.js';
import { PyDict } from '../../../src/lib/pycollections.js';
import { MultiDict } from '../../../src/lib/webob/multidict.js';
import { AttributeError, KeyError, OverflowError } from '../../../src/lib/python.js';
import { ADMIN, dbContext, freshDb, type TestDb } from '../__test-helpers__/db.js';

const LONG_ID = '343f9ba5-0197-41be-9543-16bbb32e12aa-xxxxxx';

function raw(db: Database.Database, sql: string, ...params: unknown[]): unknown[] {
  return db.prepare(sql).raw().all(...params);
}

describe('TestSqlAlchemyDriver', () => {
  let t: TestDb;
  const context = dbContext();
  beforeEach(() => {
    t = freshDb();
  });

  it('test_get_image_with_invalid_long_image_id: NotFound before any query', () => {
    expect(() => t.api.imageGet(context, LONG_ID)).toThrow(NotFound);
  });

  it('test_image_tag_delete_with_invalid_long_image_id: NotFound', () => {
    expect(() => t.api.imageTagDelete(context, LONG_ID, 'fake')).toThrow(NotFound);
  });

  it('test_image_tag_get_all_with_invalid_long_image_id: NotFound', () => {
    expect(() => t.api.imageTagGetAll(context, LONG_ID)).toThrow(NotFound);
  });

  it('test_user_get_storage_usage_with_invalid_long_image_id: NotFound', () => {
    expect(() => t.api.userGetStorageUsage(context, 'fake_owner_id', LONG_ID)).toThrow(NotFound);
  });
});

describe('TestSqlAlchemyDBDataIntegrity', () => {
  let t: TestDb;
  beforeEach(() => {
    t = freshDb();
  });

  it('test_paginate_redundant_sort_keys: created_at is not repeated, id is appended', () => {
    // NOTE(quirk): image_get_all appends to the caller's sort_key list.
    const sortKey = ['created_at'];
    t.api.imageGetAll(dbContext(), { sortKey });
    expect(sortKey).toEqual(['created_at', 'id']);
  });

  it('test_paginate_non_redundant_sort_keys: created_at and id follow the given key', () => {
    const sortKey = ['name'];
    t.api.imageGetAll(dbContext(), { sortKey });
    expect(sortKey).toEqual(['name', 'created_at', 'id']);
  });
});

describe('image_get_all on SQLite', () => {
  let t: TestDb;
  const t1 = dbContext({ owner: 't1' });

  beforeEach(() => {
    t = freshDb();
    t.api.imageCreate(ADMIN, { id: 'a', status: 'active', owner: 't1', visibility: 'public', name: 'b', size: 5 });
    t.clock.tick();
    t.api.imageCreate(ADMIN, { id: 'b', status: 'active', owner: 't2', visibility: 'public', name: null, size: null });
    t.clock.tick();
    t.api.imageCreate(ADMIN, { id: 'c', status: 'killed', owner: 't1', visibility: 'public', name: 'a', size: 7 });
    t.clock.tick();
    t.api.imageCreate(ADMIN, { id: 'd', status: 'active', owner: 't2', visibility: 'shared', name: 'c', size: 1 });
    t.api.imageMemberCreate(ADMIN, { image_id: 'd', member: 't1', status: 'pending' });
  });

  const ids = (opts: Parameters<TestDb['api']['imageGetAll']>[1], ctx: DbContext = ADMIN): string[] =>
    t.api.imageGetAll(ctx, opts).map((i) => i.id);

  it('sorts NULL first ascending and last descending, as SQLite does', () => {
    expect(ids({ sortKey: ['name'], sortDir: ['asc'] })).toEqual(['b', 'c', 'a', 'd']);
    expect(ids({ sortKey: ['name'], sortDir: ['desc'] })).toEqual(['d', 'a', 'c', 'b']);
  });

  it('deleted=False also hides killed images', () => {
    expect(ids({ filters: { deleted: false } })).toEqual(['d', 'b', 'a']);
    expect(ids({})).toEqual(['d', 'c', 'b', 'a']);
  });

  it('lists a shared image only for the asked member status, while get shows it for any status', () => {
    expect(ids({}, t1)).toEqual(['c', 'b', 'a']);
    expect(ids({ memberStatus: 'pending' }, t1)).toEqual(['d', 'c', 'b', 'a']);
    // NOTE(quirk): is_image_visible ignores the member status on get.
    expect(t.api.imageGet(t1, 'd').id).toBe('d');
  });

  it('a marker whose integer sort value is NULL compares as text and lets every row through (desc)', () => {
    // NOTE(quirk): the NULL marker value becomes '' and SQLite orders any
    // integer below any text, so the "page after b" holds every image, b too.
    expect(ids({ sortKey: ['size'], sortDir: ['desc'], marker: 'b' })).toEqual(['c', 'a', 'd', 'b']);
    expect(ids({ sortKey: ['size'], sortDir: ['asc'], marker: 'b' })).toEqual([]);
  });

  it('paging with a marker by an Enum or Boolean key raises KeyError', () => {
    // NOTE(quirk): _get_default_column_value knows no 'enum' or 'boolean' type.
    expect(() => ids({ sortKey: ['visibility'], marker: 'a' })).toThrow(KeyError);
    expect(() => ids({ sortKey: ['protected'], marker: 'a' })).toThrow(KeyError);
    expect(ids({ sortKey: ['visibility'] })).toHaveLength(4);
  });

  it('pops visibility from the caller\'s filters and stretches sort_dir in place', () => {
    const filters: Record<string, unknown> = { visibility: 'public', deleted: false };
    const sortDir = ['asc'];
    t.api.imageGetAll(ADMIN, { filters, sortKey: ['name'], sortDir });
    expect(filters).toEqual({ deleted: false });
    expect(sortDir).toEqual(['asc', 'asc', 'asc']);
  });

  it('a filter naming a non-column class attribute compares in Python: a constant', () => {
    // NOTE(quirk): `Image.save == 'x'` is False (no rows), `Image.__tablename__ == 'images'` True.
    expect(ids({ filters: { save: 'x' } })).toEqual([]);
    expect(ids({ filters: { __tablename__: 'images' } })).toHaveLength(4);
    expect(() => ids({ filters: { locations: 'x' } })).toThrow(InvalidRequestError);
  });

  it('changes-since given as text fails in normalize_time (AttributeError)', () => {
    expect(() => ids({ filters: { 'changes-since': '2018' } })).toThrow(AttributeError);
  });

  it('the time filter keeps microseconds and timezone offsets', () => {
    expect(ids({ filters: { created_at: 'gt:2018-02-28T00:00:01.000001Z' } })).toEqual(['d', 'c']);
    expect(ids({ filters: { created_at: 'lte:2018-02-28T02:00:01+02:00' } })).toEqual(['b', 'a']);
    expect(ids({ filters: { created_at: '2018-02-28T00:00:01' } })).toEqual(['b']);
  });

  it('a time operator is looked up as a name, never through the object prototype', () => {
    expect(() => ids({ filters: { created_at: 'constructor:2018-02-28' } })).toThrow('Unable to filter on a unknown operator.');
  });

  it('a tags filter given as text is iterated character by character, as Python does', () => {
    t.api.imageTagSetAll(ADMIN, 'a', ['x', 'y']);
    t.api.imageTagSetAll(ADMIN, 'b', ['x']);
    expect(ids({ filters: { tags: 'xy' } })).toEqual(['a']);
  });

  it('a query MultiDict of filters: pops take the first value of a repeated key, the others stay as conditions', () => {
    // NOTE(quirk): visibility and checksum are popped (first value); the one
    // left behind is compared too, so two different values match nothing.
    const query = (...pairs: Array<[string, unknown]>) => new MultiDict<unknown>(pairs);
    expect(ids({ filters: query(['visibility', 'shared'], ['visibility', 'shared']) })).toEqual(['d']);
    expect(ids({ filters: query(['visibility', 'shared'], ['visibility', 'public']) })).toEqual([]);
    expect(ids({ filters: query(['visibility', 'bogus'], ['visibility', 'shared']) })).toEqual([]);
    // A plain property filter keeps its last value, as dict(...) of the pairs would.
    t.api.imagePropertyCreate(ADMIN, { image_id: 'a', name: 'os', value: 'x' });
    expect(ids({ filters: query(['os', 'y'], ['os', 'x']) })).toEqual(['a']);
  });

  it('the caller\'s query MultiDict loses only the first visibility value', () => {
    const filters = new MultiDict<unknown>([['visibility', 'public'], ['deleted', false], ['visibility', 'shared']]);
    t.api.imageGetAll(ADMIN, { filters });
    expect(filters.items()).toEqual([['deleted', false], ['visibility', 'shared']]);
  });

  it('tags given twice as a plain parameter compares the relationship to text (InvalidRequestError)', () => {
    const filters = new MultiDict<unknown>([['tags', 'a'], ['tags', 'b']]);
    expect(() => ids({ filters })).toThrow(InvalidRequestError);
  });

  it("a range filter reads its text as Python's int(): Unicode digits, any size, and SQLite refuses what exceeds 64 bits", () => {
    expect(ids({ filters: { size_min: '\u0665' } })).toEqual(['c', 'a']);
    expect(ids({ filters: { size_max: ' 5_0 ' } })).toEqual(['d', 'c', 'a']);
    expect(ids({ filters: { size_min: '9223372036854775807' } })).toEqual([]);
    expect(() => ids({ filters: { size_min: '9223372036854775808' } })).toThrow(OverflowError);
    expect(() => ids({ filters: { size_max: '0x1' } })).toThrow('Unable to filter on a range with a non-numeric value.');
  });

  it('an unknown filter operator on a name is InvalidFilterOperatorValue, in: with no values matches nothing', () => {
    expect(() => ids({ filters: { name: 'foo:1' } })).toThrow("Unable to filter by unknown operator 'foo'.");
    expect(ids({ filters: { name: 'in:' } })).toEqual([]);
  });

  it('the default listing walks the (deleted, created_at, id) index without sorting', () => {
    const plans: string[] = [];
    const prepare = t.db.prepare.bind(t.db);
    const spy = (sql: string): Database.Statement => {
      const st = prepare(sql);
      if (!sql.startsWith('SELECT images.*')) return st;
      return {
        all: (...p: unknown[]) => {
          plans.push(...(prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as Array<{ detail: string }>).map((r) => r.detail));
          return st.all(...p);
        },
      } as unknown as Database.Statement;
    };
    (t.db as unknown as { prepare: typeof spy }).prepare = spy;
    t.api.imageGetAll(t1, { filters: { deleted: false }, limit: 25 });
    expect(plans.some((d) => d.includes('peel_images_deleted_created_id'))).toBe(true);
    expect(plans.some((d) => d.includes('TEMP B-TREE'))).toBe(false);
  });
});

describe('compared values on SQLite (SQLAlchemy coerce_compared_value)', () => {
  let t: TestDb;
  beforeEach(() => {
    t = freshDb();
    t.api.imageCreate(ADMIN, { id: 'a', status: 'active', protected: true, min_disk: 3 });
    t.clock.tick();
    t.api.imageCreate(ADMIN, { id: 'b', status: 'active' });
    t.api.imageDestroy(ADMIN, 'b');
  });

  const cases: Array<[string, Parameters<TestDb['api']['imageGetAll']>[1], string[] | string]> = [
    ['an int against a DateTime column goes raw', { filters: { created_at_min: 5 } }, ['b', 'a']],
    ['an int against a Boolean column goes raw', { filters: { protected_min: 1 } }, ['a']],
    ['an int against a Boolean column is not range-checked', { filters: { protected_max: 5 } }, ['b', 'a']],
    ['an int against an Enum column goes raw', { filters: { visibility_min: 5 } }, ['b', 'a']],
    ['a str against a Boolean column goes raw (no match)', { filters: { protected: 'yes' } }, []],
    ['a str against a DateTime column goes raw (no match)', { filters: { deleted_at: 'x' } }, []],
    ['deleted given as text is compared as text', { filters: { deleted: 'false' } }, []],
    ["a NULL datetime marker value compares as '' (desc)", { sortKey: ['deleted_at'], marker: 'a' }, []],
    ["a NULL datetime marker value compares as '' (asc)", { sortKey: ['deleted_at'], sortDir: ['asc'], marker: 'a' }, ['b']],
    ['text against an INTEGER column takes its affinity', { filters: { min_disk: '3' } }, ['a']],
    ['a non-str field filter fails in split_filter_op', { filters: { name: 5 } }, "'int' object has no attribute 'partition'"],
    ['a list value cannot be bound', { filters: { size: [1] } }, "Error binding parameter 1: type 'list' is not supported"],
  ];

  it.each(cases)('%s', (_name, opts, expected) => {
    const run = (): string[] => t.api.imageGetAll(ADMIN, opts).map((i) => i.id);
    if (typeof expected === 'string') expect(run).toThrow(expected);
    else expect(run()).toEqual(expected);
  });
});

describe('image writes on SQLite', () => {
  let t: TestDb;
  beforeEach(() => {
    t = freshDb();
  });

  it("a create the caller may not see commits, then image_get refuses it", () => {
    // NOTE(quirk): _image_update commits before its final image_get.
    expect(() => t.api.imageCreate(dbContext({ owner: 't1' }), { id: 'p', status: 'queued', owner: 't2', visibility: 'private' }))
      .toThrow(Forbidden);
    expect(t.api.imageGet(ADMIN, 'p').id).toBe('p');
  });

  it('a 4-byte character anywhere refuses the whole write, naming the key', () => {
    expect(() => t.api.imageCreate(ADMIN, { id: 'q', status: 'queued', properties: { os_distro: '\u{1F600}' } }))
      .toThrow("Os_Distro can't contain 4 byte unicode characters.");
    expect(() => t.api.imageCreate(ADMIN, { id: 'q', status: 'queued', locations: [{ url: 'http://\u{1F600}', metadata: {}, status: 'active' }] }))
      .toThrow("Url can't contain 4 byte unicode characters.");
    expect(() => t.api.imageGet(ADMIN, 'q')).toThrow(ImageNotFound);
    t.api.imageCreate(ADMIN, { id: 'a', status: 'active' });
    expect(() => t.api.imageTagCreate(ADMIN, 'a', '\u{1F600}')).toThrow("Param values can't contain 4 byte unicode.");
    expect(() => t.api.imageUpdate(ADMIN, 'a', { name: 'x' }, false, '\u{1F600}')).toThrow("From_State can't contain 4 byte unicode characters.");
  });

  it('a None for a column with a default gets the default on create; values are coerced', () => {
    const image = t.api.imageCreate(ADMIN, { id: null, status: 'active', created_at: null, min_disk: '7', size: '12', protected: 'yes' });
    expect(image.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(image.created_at).toEqual(t.clock.now());
    expect([image.min_disk, image.size, image.protected, image.visibility]).toEqual([7, 12, true, 'shared']);
    expect(() => t.api.imageCreate(ADMIN, { status: 'active', min_disk: 'abc' })).toThrow("invalid literal for int() with base 10: 'abc'");
  });

  it('from_state that no longer holds is a Conflict naming both states', () => {
    t.api.imageCreate(ADMIN, { id: 'a', status: 'active' });
    expect(() => t.api.imageUpdate(ADMIN, 'a', { status: 'queued' }, false, 'saving')).toThrow(Conflict);
    expect(() => t.api.imageUpdate(ADMIN, 'a', { status: 'queued' }, false, 'saving'))
      .toThrow('cannot transition from active to queued in update (wanted from_state=saving)');
  });

  it('an over-long id is ImageNotFound with the raw template', () => {
    expect(() => t.api.imageGet(ADMIN, LONG_ID)).toThrow('Image with the given id %(image_id)s was not found');
  });

  it('values are stored with SQLite affinity and Python JSON text', () => {
    imageCreate(t.session, ADMIN, {
      id: 'pv', status: 'active', properties: { a: 5, b: true, c: 1.5 },
      locations: [{ url: 'u', metadata: { a: 1, b: [1, 'x'], c: '\u00e9' }, status: 'active' }],
    });
    expect(raw(t.db, "SELECT name, value, typeof(value) FROM image_properties WHERE image_id = 'pv' ORDER BY id")).toEqual([
      ['a', '5', 'text'], ['b', '1', 'text'], ['c', '1.5', 'text'],
    ]);
    expect(raw(t.db, "SELECT meta_data FROM image_locations WHERE image_id = 'pv'")).toEqual([['{"a": 1, "b": [1, "x"], "c": "\\u00e9"}']]);
    expect(raw(t.db, "SELECT created_at FROM images WHERE id = 'pv'")).toEqual([['2018-02-28 00:00:00.000000']]);
  });

  it('properties may come as any Python mapping (a PyDict keeps its order)', () => {
    const props = new PyDict<unknown>([['zeta', '1'], ['alpha', '2']]);
    const image = t.api.imageCreate(ADMIN, { id: 'm', status: 'active', properties: props });
    expect(image.properties.map((p) => [p.name, p.value])).toEqual([['zeta', '1'], ['alpha', '2']]);
  });

  it('a property purged then given again comes back live, keeping its deleted_at', () => {
    t.api.imageCreate(ADMIN, { id: 'a', status: 'active', properties: { x: '1' } });
    t.clock.tick();
    t.api.imageUpdate(ADMIN, 'a', { properties: {} }, true);
    const props = t.api.imageUpdate(ADMIN, 'a', { properties: { x: '2' } }).properties;
    expect(props.map((p) => [p.name, p.value, p.deleted])).toEqual([['x', '2', false]]);
    expect(props[0]?.deleted_at).toEqual(new Date('2018-02-28T00:00:01Z'));
  });

  it('protected must be a boolean on update (a StatementError, not a TypeError)', () => {
    t.api.imageCreate(ADMIN, { id: 'a', status: 'active', protected: 'yes' });
    expect(t.api.imageGet(ADMIN, 'a').protected).toBe(true);
    expect(() => t.api.imageUpdate(ADMIN, 'a', { protected: 'yes' })).toThrow(DBError);
    // oslo.db re-raises SQLAlchemy's StatementError as DBError, the class Glance sees.
    try {
      t.api.imageUpdate(ADMIN, 'a', { protected: 'yes' });
    } catch (e) {
      expect((e as DBError).pyName).toBe('DBError');
      expect((e as DBError).message).toBe("(builtins.TypeError) Not a boolean value: 'yes'");
    }
  });
});

describe('members, storage and tasks on SQLite', () => {
  let t: TestDb;
  beforeEach(() => {
    t = freshDb();
    t.api.imageCreate(ADMIN, { id: 'a', status: 'active', owner: 't1', visibility: 'shared' });
  });

  it('a member update that changes nothing keeps updated_at', () => {
    const m = t.api.imageMemberCreate(ADMIN, { image_id: 'a', member: 't2' });
    t.clock.tick();
    const same = t.api.imageMemberUpdate(ADMIN, m.id, { image_id: 'a', member: 't2', status: 'pending' });
    expect(same.updated_at).toEqual(m.updated_at);
  });

  it('reviving a deleted member row keeps its deleted_at', () => {
    const m = t.api.imageMemberCreate(ADMIN, { image_id: 'a', member: 't2' });
    t.clock.tick();
    t.api.imageMemberDelete(ADMIN, m.id);
    t.clock.tick();
    t.api.imageMemberUpdate(ADMIN, m.id, { image_id: 'a', member: 't2', status: 'pending' });
    expect(raw(t.db, 'SELECT deleted, deleted_at, updated_at FROM image_members')).toEqual([
      [0, '2018-02-28 00:00:01.000000', '2018-02-28 00:00:02.000000'],
    ]);
  });

  it('updating or deleting an unknown member id escapes as NoResultFound', () => {
    expect(() => t.api.imageMemberUpdate(ADMIN, 99, { status: 'accepted' })).toThrow(NoResultFound);
    expect(() => t.api.imageMemberDelete(ADMIN, 99)).toThrow(NoResultFound);
  });

  it('an ownerless caller finds the members of ownerless images', () => {
    // NOTE(quirk): `Image.owner == None` is IS NULL.
    t.api.imageCreate(ADMIN, { id: 'own0', status: 'active', visibility: 'shared' });
    t.api.imageMemberCreate(ADMIN, { image_id: 'a', member: 't2' });
    t.api.imageMemberCreate(ADMIN, { image_id: 'own0', member: 'zz' });
    expect(t.api.imageMemberFind(dbContext()).map((m) => m.member)).toEqual(['zz']);
  });

  it('storage usage counts every location not marked deleted, pending_delete included', () => {
    t.api.imageCreate(ADMIN, {
      id: 's', status: 'active', owner: 't9', size: 10,
      locations: [
        { url: 'u1', metadata: {}, status: 'active' },
        { url: 'u2', metadata: {}, status: 'pending_delete' },
        { url: 'u3', metadata: {}, status: 'deleted' },
      ],
    });
    expect(t.api.userGetStorageUsage(ADMIN, 't9')).toBe(20);
    expect(t.api.userGetStorageUsage(ADMIN, 't9', undefined)).toBe(20);
    expect(t.api.userGetStorageUsage(ADMIN, 't9', 's')).toBe(0);
  });

  it('a query MultiDict of task filters: every value of a repeated key is a condition', () => {
    t.api.taskCreate(ADMIN, { id: 'k1', type: 'import', status: 'pending', owner: 'o1' });
    const query = (...pairs: Array<[string, unknown]>) => new MultiDict<unknown>(pairs);
    expect(t.api.taskGetAll(ADMIN, { filters: query(['status', 'pending'], ['status', 'pending']) }).map((x) => x.id)).toEqual(['k1']);
    expect(t.api.taskGetAll(ADMIN, { filters: query(['status', 'success'], ['status', 'pending']) })).toEqual([]);
  });

  it('a non-admin without an owner lists every task; unknown filters are ignored', () => {
    t.api.taskCreate(ADMIN, { id: 'k1', type: 'import', status: 'pending', owner: 'o1' });
    t.api.taskCreate(ADMIN, { id: 'k2', type: 'import', status: 'pending', owner: 'o2' });
    expect(t.api.taskGetAll(dbContext()).map((x) => x.id)).toEqual(['k2', 'k1']);
    expect(t.api.taskGetAll(ADMIN, { filters: { bogus: 'x' } }).map((x) => x.id)).toEqual(['k2', 'k1']);
    expect(t.api.taskGetAll(ADMIN, { filters: { save: 'x' } })).toEqual([]);
  });

  it('an image id is required to count members', () => {
    expect(() => t.api.imageMemberCount(ADMIN, '')).toThrow(Invalid);
  });
});
