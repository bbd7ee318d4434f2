/**
 * Where two traces first part ways: the step, the field path and both
 * values, short enough for one line of a report.
 */
import { PyFloat } from '../lib/pyjson.js';
import { pyJsonDumps } from './pyjson.js';

/** A trace of either format: what the difference finder walks. */
interface AnyTrace {
  readonly format?: string;
  readonly steps: readonly unknown[];
}

export interface TraceDifference {
  /** Step index, or -1 when the traces differ in length only. */
  readonly step: number;
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export function firstDifference(expected: AnyTrace, actual: AnyTrace): TraceDifference | null {
  const n = Math.max(expected.steps.length, actual.steps.length);
  for (let k = 0; k < n; k++) {
    const d = valueDifference(expected.steps[k], actual.steps[k], '');
    if (d) return { step: k, ...d };
  }
  return null;
}

/** A Python float and an int never compare equal here: a trace that prints 1.0 where Glance printed 1 differs. */
function valueDifference(a: unknown, b: unknown, path: string): { path: string; expected: unknown; actual: unknown } | null {
  if (a === b) return null;
  if (a instanceof PyFloat || b instanceof PyFloat) {
    const same = a instanceof PyFloat && b instanceof PyFloat && (Object.is(a.value, b.value) || a.value === b.value);
    return same ? null : { path: path || '(step)', expected: a, actual: b };
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map)) return { path: path || '(step)', expected: a, actual: b };
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort() as string[];
    for (const key of keys) {
      const d = valueDifference(a.get(key), b.get(key), path ? `${path}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) {
    return { path: path || '(step)', expected: a, actual: b };
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = valueDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  for (const key of keys) {
    const d = valueDifference(ra[key], rb[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return null;
}

export function describeDifference(d: TraceDifference): string {
  const show = (v: unknown) => {
    if (v === undefined) return '(absent)';
    const text = pyJsonDumps(v, null);
    return text.length > 160 ? text.slice(0, 157) + '...' : text;
  };
  return `step ${d.step} ${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`;
}
