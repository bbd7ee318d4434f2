import { describe, expect, it } from 'vitest';
import { PyFloat } from '../../src/lib/pyjson.js';
import { pyCompare } from '../../src/lib/python.js';

describe("pyCompare: Python's rich comparison", () => {
  it('compares ints, floats and bools as numbers', () => {
    expect(pyCompare('>', 5, 3)).toBe(true);
    expect(pyCompare('>', new PyFloat(1.5), 1)).toBe(true);
    expect(pyCompare('<=', true, 1)).toBe(true);
    expect(pyCompare('>', 2n ** 70n, 1099511627776)).toBe(true);
  });
  it('compares str by code point and lists element by element', () => {
    expect(pyCompare('<', 'Z', 'a')).toBe(true);
    expect(pyCompare('<', '\uffff', '😀')).toBe(true);
    expect(pyCompare('<', [1, 'a'], [1, 'b'])).toBe(true);
    expect(pyCompare('<', [1], [1, 0])).toBe(true);
  });
  it("raises Python's TypeError between str and int (a PATCH of size '5' in example 108)", () => {
    expect(() => pyCompare('>', '5', 1099511627776)).toThrow("'>' not supported between instances of 'str' and 'int'");
    expect(() => pyCompare('<', null, 1)).toThrow("'<' not supported between instances of 'NoneType' and 'int'");
  });
});
