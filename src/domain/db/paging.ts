/**
 * Sorting and keyset paging as glance/db/sqlalchemy/api.py _paginate_query
 * builds them: ORDER BY each key, and rows strictly after the marker in
 * that order, where a NULL compares as its column's default value.
 */
import { unknownSortDir } from '../compat/listing.js';
import { DomainError } from '../errors.js';

export interface Sql {
  where: string[];
  params: unknown[];
}

/** Column name to the value a NULL stands for when compared with the marker. */
export type ColumnDefaults = Readonly<Record<string, string | number | null>>;

export function isColumn(defaults: ColumnDefaults, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(defaults, key);
}

/** Adds the marker condition to `sql` and returns the ORDER BY list. */
export function keysetPaging(
  sql: Sql, alias: string, defaults: ColumnDefaults, keys: readonly string[], dirs: readonly string[], marker: Record<string, unknown> | null,
): string {
  const order = keys.map((k, i) => {
    const dir = ({ asc: 'ASC', desc: 'DESC' } as Record<string, string>)[dirs[i] ?? ''];
    if (dir === undefined) throw unknownSortDir(dirs[i]);
    if (!isColumn(defaults, k)) throw new DomainError('InvalidSortKey', 'Sort key supplied was not valid.');
    return `${alias}.${k} ${dir}`;
  });
  if (marker !== null) {
    const expr = (k: string): string => `(CASE WHEN ${alias}.${k} IS NOT NULL THEN ${alias}.${k} ELSE ? END)`;
    const ors = keys.map((k, i) => {
      const ands: string[] = [];
      for (let j = 0; j < i; j++) {
        const kj = keys[j] as string;
        ands.push(`${expr(kj)} = ?`);
        sql.params.push(defaults[kj], marker[kj] ?? '');
      }
      ands.push(`${expr(k)} ${dirs[i] === 'desc' ? '<' : '>'} ?`);
      sql.params.push(defaults[k], marker[k] ?? '');
      return `(${ands.join(' AND ')})`;
    });
    sql.where.push(`(${ors.join(' OR ')})`);
  }
  return order.join(', ');
}
