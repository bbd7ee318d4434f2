/**
 * JSON text exactly as Python's `json.dumps(x, indent=1, sort_keys=True,
 * ensure_ascii=False)` writes it, which is how the reference runner writes
 * traces: keys sorted by code point, one space of indent per level.
 * Python values (floats apart from ints, dicts as Maps) print as Python
 * prints them; see src/lib/pyjson.ts.
 */
import { pyJsonDumpsValue } from '../lib/pyjson.js';

export { compareCodePoints } from '../lib/pyjson.js';

export function pyJsonDumps(value: unknown, indent: number | null = 1): string {
  return pyJsonDumpsValue(value, { indent, sortKeys: true, ensureAscii: false });
}
