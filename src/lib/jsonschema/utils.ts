/**
 * jsonschema/_utils.py: equality that keeps True apart from 1 (`equal`,
 * `unbool`, `uniq`), the additional properties of an instance, and the
 * "... were unexpected" list.
 */
import { compile } from '../pyre.js';
import { TypeError_, pyRepr } from '../python.js';
import {
  FALSE_SENTINEL,
  TRUE_SENTINEL,
  dictEntries,
  dictGet,
  dictHas,
  dictKeys,
  dictSize,
  isDict,
  pyEq,
  pySorted,
  schemaGet,
  pyIn,
  pyIter,
  type PyDict,
} from './values.js';

/** `unbool`: True and False become objects equal only to themselves. */
export function unbool(element: unknown): unknown {
  if (element === true) return TRUE_SENTINEL;
  if (element === false) return FALSE_SENTINEL;
  return element;
}

/** `==` after unbool at the top level only (what `enum` compares with). */
export function unboolEq(a: unknown, b: unknown): boolean {
  const x = unbool(a);
  const y = unbool(b);
  if (typeof x === 'symbol' || typeof y === 'symbol') return x === y;
  return pyEq(x, y);
}

/** `equal`: Python's == except that bools never equal numbers, at any depth of lists and dicts. */
export function equal(one: unknown, two: unknown): boolean {
  if (typeof one === 'string' || typeof two === 'string') return one === two;
  if (Array.isArray(one) && Array.isArray(two)) return one.length === two.length && one.every((x, i) => equal(x, two[i]));
  if (isDict(one) && isDict(two)) {
    if (dictSize(one) !== dictSize(two)) return false;
    return dictEntries(one).every(([k, v]) => dictHas(two, k) && equal(v, dictGet(two, k)));
  }
  return unboolEq(one, two);
}

/**
 * `uniq`: sort (after unbool) and compare neighbours; when Python cannot
 * sort the items (mixed types, dicts, None, bools), compare every pair.
 */
export function uniq(container: unknown): boolean {
  const items = pyIter(container).map(unbool);
  let sorted: unknown[] | null;
  try {
    sorted = pySorted(items);
  } catch (e) {
    if (!(e instanceof TypeError_)) throw e;
    sorted = null;
  }
  if (sorted !== null) {
    // NOTE(quirk): only neighbours are compared; [[1], [True], [1]] sorts as is (1 == True) and passes as unique.
    for (let i = 0; i + 1 < sorted.length; i++) if (equal(sorted[i], sorted[i + 1])) return false;
    return true;
  }
  const seen: unknown[] = [];
  for (const e of items) {
    if (seen.some((s) => equal(s, e))) return false;
    seen.push(e);
  }
  return true;
}

/** `ensure_list`: a lone str becomes a one-item list. */
export function ensureList(thing: unknown): unknown {
  return typeof thing === 'string' ? [thing] : thing;
}

/**
 * `find_additional_properties`: the instance's keys that neither
 * `properties` names nor any of `patternProperties` matches (the patterns
 * joined with '|' into one regex, as jsonschema does), in instance order.
 */
export function findAdditionalProperties(instance: PyDict, schema: unknown): unknown[] {
  const properties = schemaGet(schema, 'properties', new Map());
  const patternProperties = schemaGet(schema, 'patternProperties', new Map());
  const patterns = pyIter(patternProperties).map((p) => p as string).join('|');
  const regex = patterns ? compile(patterns) : null;
  return dictKeys(instance).filter((property) => {
    if (pyIn(property, properties)) return false;
    return !(regex !== null && regex.search(property as string) !== null);
  });
}

/** `extras_msg`: the sorted reprs and "was"/"were". */
export function extrasMsg(extras: readonly unknown[]): [string, string] {
  const verb = extras.length === 1 ? 'was' : 'were';
  return [pySorted(extras).map(pyRepr).join(', '), verb];
}
