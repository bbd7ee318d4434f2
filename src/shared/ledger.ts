/**
 * The divergence ledger: the deliberate differences between the legacy and
 * flat models, each with a matcher precise enough that the equivalence
 * comparison ignores exactly that difference and nothing else.
 *
 * A matcher names the op of the step, the aspect compared (trace, database,
 * store, errorClass), a field path pattern, and either the two values
 * expected on each side or a named predicate over them. Patterns use the
 * comparison's own paths (`body.images[0].name`, `images[2].status`):
 * `*` stands for one key or index, `**` for any number of them.
 */
import { readFileSync } from 'node:fs';
import { OPS, type OpName } from './world.js';

export const ASPECTS = ['trace', 'errorClass', 'database', 'store'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Written in the ledger for a value one side does not have at all. */
export const ABSENT = '<absent>';

export interface LedgerMatcher {
  readonly op: OpName;
  readonly aspect: Aspect;
  readonly path: string;
  /** The value the legacy model gives (deep equality; ABSENT for no value). */
  readonly legacy?: unknown;
  /** The value the flat model gives. */
  readonly flat?: unknown;
  /** A name from PREDICATES, for differences no fixed pair describes. */
  readonly predicate?: string;
}

export interface LedgerEntry {
  readonly id: string;
  /** What differs, in words. */
  readonly summary: string;
  /** A scenario that shows it, under test/characterization/divergences/. */
  readonly scenario: string;
  readonly right: 'legacy' | 'flat';
  /** Why that side is right. */
  readonly why: string;
  readonly match: LedgerMatcher;
}

export interface Ledger {
  readonly format: 'peel-divergence-ledger/1';
  readonly entries: readonly LedgerEntry[];
}

/** One difference the comparison found, located in its scenario. */
export interface LocatedDifference {
  readonly op: OpName | undefined;
  readonly step: number;
  readonly aspect: Aspect;
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

/**
 * Predicates a ledger entry may name. Each must say precisely which pairs
 * of values it accepts: a predicate that accepts anything would hide bugs.
 */
export const PREDICATES: Readonly<Record<string, (legacy: unknown, flat: unknown) => boolean>> = {
  /** Same text apart from letter case. */
  sameIgnoringCase: (l, r) => typeof l === 'string' && typeof r === 'string' && l.toLowerCase() === r.toLowerCase(),
  /** The same elements in another order. */
  sameElementsAnyOrder: (l, r) =>
    Array.isArray(l) && Array.isArray(r) && l.length === r.length && sortedJson(l).every((x, i) => x === sortedJson(r)[i]),
  /** The flat model gives a value where the legacy model has none. */
  onlyFlatHasValue: (l, r) => l === undefined && r !== undefined,
  /** The legacy model gives a value where the flat model has none. */
  onlyLegacyHasValue: (l, r) => l !== undefined && r === undefined,
};

function sortedJson(values: readonly unknown[]): string[] {
  return values.map((v) => JSON.stringify(v)).sort();
}

export const EMPTY_LEDGER: Ledger = { format: 'peel-divergence-ledger/1', entries: [] };

// ---------------------------------------------------------------- parsing

const ENTRY_KEYS = new Set(['id', 'summary', 'scenario', 'right', 'why', 'match']);
const MATCH_KEYS = new Set(['op', 'aspect', 'path', 'legacy', 'flat', 'predicate']);

export class LedgerError extends Error {}

function requireString(where: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new LedgerError(`${where}: expected a non-empty string`);
  return value;
}

function unknownKeys(where: string, value: object, allowed: Set<string>): void {
  const extra = Object.keys(value).filter((k) => !allowed.has(k));
  if (extra.length) throw new LedgerError(`${where}: unknown key(s) ${extra.join(', ')}`);
}

function parseMatcher(where: string, raw: unknown): LedgerMatcher {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new LedgerError(`${where}: expected an object`);
  unknownKeys(where, raw, MATCH_KEYS);
  const m = raw as Record<string, unknown>;
  const op = requireString(`${where}.op`, m.op);
  if (!(OPS as readonly string[]).includes(op)) throw new LedgerError(`${where}.op: unknown op "${op}"`);
  const aspect = requireString(`${where}.aspect`, m.aspect);
  if (!(ASPECTS as readonly string[]).includes(aspect)) throw new LedgerError(`${where}.aspect: one of ${ASPECTS.join(', ')}`);
  const path = requireString(`${where}.path`, m.path);
  const hasValues = 'legacy' in m && 'flat' in m;
  const hasPredicate = 'predicate' in m;
  if (hasValues === hasPredicate || ('legacy' in m) !== ('flat' in m)) {
    throw new LedgerError(`${where}: give both "legacy" and "flat" values, or a "predicate", not both`);
  }
  if (hasPredicate && !(requireString(`${where}.predicate`, m.predicate) in PREDICATES)) {
    throw new LedgerError(`${where}.predicate: unknown predicate "${String(m.predicate)}" (known: ${Object.keys(PREDICATES).join(', ')})`);
  }
  return { ...(m as object), op: op as OpName, aspect: aspect as Aspect, path } as LedgerMatcher;
}

/** Reads ledger JSON strictly: a typo must not widen what is ignored. */
export function parseLedger(text: string, file = 'divergence-ledger.json'): Ledger {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new LedgerError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new LedgerError(`${file}: expected an object`);
  unknownKeys(file, raw, new Set(['format', 'entries']));
  const r = raw as Record<string, unknown>;
  if (r.format !== 'peel-divergence-ledger/1') throw new LedgerError(`${file}: format must be "peel-divergence-ledger/1"`);
  if (!Array.isArray(r.entries)) throw new LedgerError(`${file}: entries must be an array`);
  const ids = new Set<string>();
  const entries = r.entries.map((e: unknown, i): LedgerEntry => {
    const where = `${file}: entries[${i}]`;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw new LedgerError(`${where}: expected an object`);
    unknownKeys(where, e, ENTRY_KEYS);
    const x = e as Record<string, unknown>;
    const id = requireString(`${where}.id`, x.id);
    if (ids.has(id)) throw new LedgerError(`${where}.id: duplicate id "${id}"`);
    ids.add(id);
    if (x.right !== 'legacy' && x.right !== 'flat') throw new LedgerError(`${where}.right: "legacy" or "flat"`);
    return {
      id,
      summary: requireString(`${where}.summary`, x.summary),
      scenario: requireString(`${where}.scenario`, x.scenario),
      right: x.right,
      why: requireString(`${where}.why`, x.why),
      match: parseMatcher(`${where}.match`, x.match),
    };
  });
  return { format: 'peel-divergence-ledger/1', entries };
}

export function loadLedger(path: string): Ledger {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return EMPTY_LEDGER;
  }
  return parseLedger(text, path);
}

// ---------------------------------------------------------------- matching

/** `body.images[0].name` -> ['body', 'images', '0', 'name']. */
export function pathSegments(path: string): string[] {
  const segments: string[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m) {
      segments.push(part);
      continue;
    }
    if (m[1]) segments.push(m[1]);
    for (const index of (m[2] ?? '').matchAll(/\[([^\]]*)\]/g)) segments.push(index[1] ?? '');
  }
  return segments;
}

export function pathMatches(pattern: string, path: string): boolean {
  return segmentsMatch(pathSegments(pattern), pathSegments(path));
}

function segmentsMatch(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') return path.some((_, i) => segmentsMatch(rest, path.slice(i))) || segmentsMatch(rest, []);
  if (path.length === 0) return false;
  return (head === '*' || head === path[0]) && segmentsMatch(rest, path.slice(1));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const keysB = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return keys.length === keysB.length && keys.every((k) => deepEqual(ra[k], rb[k]));
}

const expected = (value: unknown): unknown => (value === ABSENT ? undefined : value);

export function entryMatches(entry: LedgerEntry, d: LocatedDifference): boolean {
  const m = entry.match;
  if (m.op !== d.op || m.aspect !== d.aspect || !pathMatches(m.path, d.path)) return false;
  if (m.predicate !== undefined) return PREDICATES[m.predicate]?.(d.left, d.right) ?? false;
  return deepEqual(expected(m.legacy), d.left) && deepEqual(expected(m.flat), d.right);
}

export function matchingEntry(ledger: Ledger, d: LocatedDifference): LedgerEntry | null {
  return ledger.entries.find((e) => entryMatches(e, d)) ?? null;
}

// ---------------------------------------------------------- all differences

export interface ValueDifference {
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

/**
 * Every leaf where two JSON values differ, in the order and with the paths
 * of trace-diff's firstDifference, so that the first one yielded is the
 * difference the comparison reports when nothing is ignored.
 */
export function* allDifferences(a: unknown, b: unknown, path = ''): Generator<ValueDifference> {
  if (a === b) return;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) {
    yield { path: path || '(step)', left: a, right: b };
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) yield* allDifferences(a[i], b[i], `${path}[${i}]`);
    return;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    yield* allDifferences(ra[key], rb[key], path ? `${path}.${key}` : key);
  }
}
