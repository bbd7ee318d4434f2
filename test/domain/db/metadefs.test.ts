/**
 * The catalog's rows as the flat repository writes and pages them: an
 * update writes only what changed (and stamps updated_at only then), a
 * repeated unique key is a DuplicateRow, and listings sort and page as
 * oslo.db's paginate_query does, with Glance's own sort-key quirk.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MetadefRepository, DuplicateRow, InvalidSortKey } from '../../../src/domain/db/metadefs.js';
import { sortKeys } from '../../../src/domain/compat/metadef-lookups.js';
import { createSchema } from '../../../src/shared/db/schema.js';
import { StepClock } from '../../../src/shared/world.js';

const open: Database.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function repository(): { repo: MetadefRepository; clock: StepClock; db: Database.Database } {
  const db = new Database(':memory:');
  open.push(db);
  createSchema(db);
  const clock = new StepClock();
  return { repo: new MetadefRepository(db, clock), clock, db };
}

const page = (keys: string[], dir: 'asc' | 'desc' = 'asc', marker: Record<string, unknown> | null = null, limit: number | null = null) =>
  ({ sortKeys: keys, sortDir: dir, marker, limit });

describe('writes', () => {
  it('an update writes only the columns that changed, and stamps updated_at only when one did', () => {
    const { repo, clock, db } = repository();
    repo.insertNamespace({ namespace: 'n', visibility: 'private', protected: false, owner: 'p' });
    clock.setStep(5);
    repo.updateNamespace(repo.namespaceByName('n')!, { namespace: 'n', visibility: 'private', protected: false, owner: 'p' });
    expect(db.prepare('SELECT updated_at FROM metadef_namespaces').pluck().get()).toBe('2018-02-28 00:00:00.000000');
    repo.updateNamespace(repo.namespaceByName('n')!, { namespace: 'n', visibility: 'public', protected: false, owner: 'p' });
    expect(db.prepare('SELECT visibility, updated_at FROM metadef_namespaces').get()).toEqual({ visibility: 'public', updated_at: '2018-02-28 00:00:05.000000' });
  });

  it('a repeated name in a namespace is a DuplicateRow', () => {
    const { repo } = repository();
    repo.insertNamespace({ namespace: 'n', owner: 'p' });
    const id = repo.namespaceByName('n')!.row.id;
    repo.insertTag(id, 't');
    expect(() => repo.insertTag(id, 't')).toThrow(DuplicateRow);
    expect(() => repo.insertNamespace({ namespace: 'n', owner: 'q' })).toThrow(DuplicateRow);
  });
});

describe('paging', () => {
  it('quirk: a sort key already among created_at and id is not moved first, so sort_key=id still sorts by created_at', () => {
    expect(sortKeys('id')).toEqual(['created_at', 'id']);
    expect(sortKeys('name')).toEqual(['name', 'created_at', 'id']);
    const { repo, db } = repository();
    repo.insertNamespace({ namespace: 'n', owner: 'p' });
    const id = repo.namespaceByName('n')!.row.id;
    repo.insertTag(id, 'newer');
    repo.insertTag(id, 'older');
    db.prepare("UPDATE metadef_tags SET created_at = '2018-02-27 00:00:00.000000' WHERE name = 'older'").run();
    expect(repo.listTags(id, page(sortKeys('id'), 'desc')).map((t) => t.name)).toEqual(['newer', 'older']);
  });

  it('rows after the marker: (k1 > X1) or (k1 = X1 and k2 > X2), a key the marker has no value for left out', () => {
    const { repo } = repository();
    for (const [name, display] of [['a', 'x'], ['b', null], ['c', 'x'], ['d', 'y']] as const) repo.insertNamespace({ namespace: name, display_name: display, owner: 'p' });
    const marker = repo.namespaceByName('a')!.raw;
    const names = (keys: string[]) => repo.listNamespaces({ admin: true, owner: null }, { visibility: null, ids: null }, page(keys, 'asc', marker)).map((n) => n.row.namespace);
    // created_at ties everywhere: the order falls to display_name, then id; NULL display names sort first and never follow a marker.
    expect(names(['display_name', 'created_at', 'id'])).toEqual(['c', 'd']);
  });

  it('a sort key that is not a column is oslo.db\'s InvalidSortKey', () => {
    const { repo } = repository();
    expect(() => repo.listNamespaces({ admin: true, owner: null }, { visibility: null, ids: null }, page(['bogus', 'created_at', 'id']))).toThrow(InvalidSortKey);
  });

  it('non-admins list their own and public namespaces; the visibility filter narrows it', () => {
    const { repo } = repository();
    repo.insertNamespace({ namespace: 'mine', visibility: 'private', owner: 'p' });
    repo.insertNamespace({ namespace: 'theirs', visibility: 'private', owner: 'q' });
    repo.insertNamespace({ namespace: 'open', visibility: 'public', owner: 'q' });
    const list = (visibility: string | null) => repo.listNamespaces({ admin: false, owner: 'p' }, { visibility, ids: null }, page(['created_at', 'id'])).map((n) => n.row.namespace);
    expect(list(null)).toEqual(['mine', 'open']);
    expect(list('public')).toEqual(['open']);
  });
});

describe("a namespace's objects, properties and tags", () => {
  it('are read by one reader per question (every one, by name, by id), whatever the kind', () => {
    const { repo } = repository();
    repo.insertNamespace({ namespace: 'n', owner: 'p' });
    repo.insertNamespace({ namespace: 'm', owner: 'p' });
    const [n, m] = ['n', 'm'].map((name) => repo.namespaceByName(name)!.row.id) as [number, number];
    repo.insertObject(n, { name: 'o2', json_schema: new Map() });
    repo.insertObject(n, { name: 'o1', json_schema: new Map([['a', 1]]) });
    repo.insertObject(m, { name: 'o1', json_schema: new Map() });
    repo.insertProperty(n, { name: 'p1', json_schema: new Map([['type', 'string']]) });
    repo.insertTag(n, 't1');
    // No ORDER BY, as in Glance: SQLite walks the (namespace_id, name) unique index.
    expect(repo.contents('metadef_objects', n).map((o) => o.name)).toEqual(['o1', 'o2']);
    expect(repo.contents('metadef_properties', n).map((p) => [p.name, p.json_schema])).toEqual([['p1', new Map([['type', 'string']])]]);
    expect(repo.contents('metadef_tags', m)).toEqual([]);
    const o1 = repo.named('metadef_objects', n, 'o1')!;
    expect(o1.row.json_schema).toEqual(new Map([['a', 1]]));
    expect(repo.byId('metadef_objects', o1.row.id)?.row).toEqual(o1.row);
    expect(repo.named('metadef_tags', n, 't1')?.row.name).toBe('t1');
    expect(repo.named('metadef_tags', m, 't1')).toBeUndefined();
    expect(repo.byId('metadef_properties', 999)).toBeUndefined();
  });
});
