/**
 * `json.dumps(value)` with Python's defaults, as oslo jsonutils stores
 * JSON columns: keys in insertion order, ", " and ": " separators, and
 * non-ASCII escaped (ensure_ascii). Python values (dicts as Maps, floats,
 * big ints) print as Python prints them.
 */
import { PyFloat } from '../../lib/pyjson.js';

export function jsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return value.toPyRepr();
  if (typeof value === 'string') return asciiString(value);
  if (Array.isArray(value)) return `[${value.map(jsonDumps).join(', ')}]`;
  const entries = value instanceof Map ? [...(value as Map<string, unknown>)] : Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${asciiString(String(k))}: ${jsonDumps(v)}`).join(', ')}}`;
}

function asciiString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
