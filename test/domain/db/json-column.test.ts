import { describe, expect, it } from 'vitest';
import { jsonDumps } from '../../../src/domain/db/json-column.js';

describe("JSON columns as Python's json.dumps writes them", () => {
  it('keeps keys in insertion order with Python separators', () => {
    expect(jsonDumps({ b: 1, a: [1, 2], c: { x: null, y: true } })).toBe('{"b": 1, "a": [1, 2], "c": {"x": null, "y": true}}');
  });

  it('escapes non-ASCII text (ensure_ascii)', () => {
    expect(jsonDumps({ a: 'é' })).toBe('{"a": "\\u00e9"}');
  });

  it('writes empty containers and null', () => {
    expect(jsonDumps({})).toBe('{}');
    expect(jsonDumps([])).toBe('[]');
    expect(jsonDumps(null)).toBe('null');
  });
});
