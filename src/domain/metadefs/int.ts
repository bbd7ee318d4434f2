/**
 * Python's `int(x)` as the catalog's deserializers apply it to a query
 * value: text read in base 10 (ValueError otherwise), an int kept as it is;
 * a number too large for a double stays a bigint.
 * @see glance/api/v2/metadef_namespaces.py RequestDeserializer.index, _validate_limit
 */
import { pyInt10 } from '../../lib/webob/index.js';

export function pyInt(value: string | number | bigint): number | bigint {
  if (typeof value !== 'string') return value;
  const n = pyInt10(value);
  return Number.isSafeInteger(Number(n)) ? Number(n) : n;
}
