import { describe, expect, it } from 'vitest';
import { keysetPaging, type Sql } from '../../../src/domain/db/paging.js';
import { failure } from '../__test-helpers__/failures.js';

const DEFAULTS = { name: '', size: 0, created_at: null, id: '' };
const emptySql = (): Sql => ({ where: [], params: [] });

describe('sorting and keyset paging as _paginate_query builds them', () => {
  it('orders by each key in its direction', () => {
    expect(keysetPaging(emptySql(), 'i', DEFAULTS, ['name', 'id'], ['asc', 'desc'], null)).toBe('i.name ASC, i.id DESC');
  });

  it('keeps rows strictly after the marker, comparing a NULL as its column default', () => {
    const sql = emptySql();
    keysetPaging(sql, 'i', DEFAULTS, ['size', 'id'], ['desc', 'asc'], { size: 5, id: 'm' });
    expect(sql.where).toEqual([
      '(((CASE WHEN i.size IS NOT NULL THEN i.size ELSE ? END) < ?)' +
        ' OR ((CASE WHEN i.size IS NOT NULL THEN i.size ELSE ? END) = ? AND (CASE WHEN i.id IS NOT NULL THEN i.id ELSE ? END) > ?))',
    ]);
    expect(sql.params).toEqual([0, 5, 0, 5, '', 'm']);
  });

  it('refuses a key that is not a column (InvalidSortKey, 400)', () => {
    expect(failure(() => keysetPaging(emptySql(), 'i', DEFAULTS, ['bogus'], ['asc'], null))).toMatchObject({ kind: 'InvalidSortKey', status: 400 });
  });

  it('quirk #25: a direction that is not asc or desc, or a key without one, escapes as KeyError (500)', () => {
    expect(failure(() => keysetPaging(emptySql(), 'i', DEFAULTS, ['name'], ['up'], null))).toMatchObject({ kind: 'KeyError', message: "'up'", status: 500 });
    expect(failure(() => keysetPaging(emptySql(), 'i', DEFAULTS, ['name', 'id'], ['asc'], null)).message).toBe("''");
  });
});
