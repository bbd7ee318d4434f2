import { describe, expect, it } from 'vitest';
import { pyJsonDumps } from '../../src/shared/pyjson.js';

describe('pyJsonDumps', () => {
  it('writes what json.dumps(indent=1, sort_keys=True, ensure_ascii=False) writes', () => {
    // Captured from CPython 3.11.
    const python = '{\n "a": {},\n "b": [\n  1,\n  {\n   "a": "é\\n",\n   "z": null\n  }\n ],\n "c": [],\n "ä": true\n}';
    expect(pyJsonDumps({ b: [1, { z: null, a: 'é\n' }], a: {}, c: [], ä: true })).toBe(python);
  });
  it('uses ", " and ": " separators without indent', () => {
    expect(pyJsonDumps({ b: 1, a: [1, 2] }, null)).toBe('{"a": [1, 2], "b": 1}');
  });
  it('sorts keys by code point, not by UTF-16 unit', () => {
    expect(Object.keys(JSON.parse(pyJsonDumps({ '\u{1F600}': 1, '\uFF01': 2 })))).toEqual(['\uFF01', '\u{1F600}']);
  });
});
