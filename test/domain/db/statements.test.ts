import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Policy } from '../../../src/domain/rules/policy.js';
import { cachedDb } from '../../../src/domain/db/statements.js';
import { admin, alice, settings } from '../__test-helpers__/actors.js';

describe('prepared statements', () => {
  it('prepares one statement per SQL text and database', () => {
    const db = new Database(':memory:');
    const cached = cachedDb(db);
    expect(cachedDb(db)).toBe(cached);
    const first = cached.prepare('SELECT 1 AS one');
    expect(cached.prepare('SELECT 1 AS one')).toBe(first);
    expect(cached.prepare('SELECT 2 AS two')).not.toBe(first);
    expect(first.get()).toEqual({ one: 1 });
  });

  it('keeps the statements of two databases apart', () => {
    const a = new Database(':memory:');
    const b = new Database(':memory:');
    a.exec('CREATE TABLE t (v TEXT)');
    b.exec('CREATE TABLE t (v TEXT)');
    cachedDb(a).prepare('INSERT INTO t VALUES (?)').run('in a');
    expect(cachedDb(b).prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(cachedDb(a).prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
  });
});

describe('policy rules parsed once per deployment', () => {
  it('rules added in one step do not reach the next step of the same deployment', () => {
    const s = settings();
    const first = new Policy(s);
    first.addRules({ 'secret:read': 'role:admin', get_image: 'role:admin' });
    expect(first.allows(alice(), 'get_image')).toBe(false);
    const next = new Policy(s);
    expect(next.allows(alice(), 'get_image')).toBe(true);
    expect(next.allows(admin(), 'secret:read')).toBe(true); // unknown rule: the default rule decides
    expect(first.allows(alice(), 'secret:read')).toBe(false);
  });

  it('each deployment reads its own overrides', () => {
    expect(new Policy(settings({ policy: { get_image: '!' } })).allows(admin(), 'get_image')).toBe(false);
    expect(new Policy(settings()).allows(admin(), 'get_image')).toBe(true);
  });
});
