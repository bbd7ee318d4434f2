import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PyFloat, pyFloatRepr, pyJsonDumpsValue, pyJsonEquals, pyJsonIdentical, pyJsonLoads, type PyJson } from '../../src/lib/pyjson.js';
import { pyRepr, pyTypeName, pyTruthy } from '../../src/lib/python.js';

interface Case { in: string; ok?: string; u?: string; repr?: string; err?: string }
const fixtures = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8'));

describe('pyJsonLoads / dumps against CPython 3.11 (recorded in __fixtures__/pyjson-cases.json)', () => {
  for (const c of fixtures('pyjson-cases.json') as Case[]) {
    it(`${JSON.stringify(c.in)} ${c.err ? 'is refused' : 'reads and writes back'} as Python does`, () => {
      if (c.err !== undefined) {
        expect(() => pyJsonLoads(c.in)).toThrow(c.err);
        return;
      }
      const v = pyJsonLoads(c.in);
      expect(pyJsonDumpsValue(v)).toBe(c.ok);
      expect(pyJsonDumpsValue(v, { indent: 1, sortKeys: true, ensureAscii: false })).toBe(c.u);
      expect(pyRepr(v)).toBe(c.repr);
    });
  }
});

describe('pyFloatRepr against CPython repr(float)', () => {
  it('prints 900 random doubles as Python does', () => {
    const cases = fixtures('pyfloat-repr.json') as Array<[string, string]>;
    for (const [hex, repr] of cases) {
      const v = Buffer.from(hex, 'hex').readDoubleBE(0);
      expect(pyFloatRepr(v), hex).toBe(repr);
    }
  });
});

describe('the value model', () => {
  it('keeps 1 and 1.0 apart where Python keeps their types apart', () => {
    const one = pyJsonLoads('1');
    const oneF = pyJsonLoads('1.0');
    expect(pyTypeName(one)).toBe('int');
    expect(pyTypeName(oneF)).toBe('float');
    expect(pyJsonEquals(one, oneF)).toBe(true);
    expect(pyJsonIdentical(one, oneF)).toBe(false);
  });
  it('keeps dict order as the keys arrived, integer-like keys included', () => {
    const d = pyJsonLoads('{"b": 1, "2": 2, "1": 3}') as Map<string, PyJson>;
    expect([...d.keys()]).toEqual(['b', '2', '1']);
  });
  it('reads prototype names as ordinary keys', () => {
    const d = pyJsonLoads('{"__proto__": 1}') as Map<string, PyJson>;
    expect(d.get('__proto__')).toBe(1);
  });
  it('treats 0.0 as falsy and nan as truthy, as bool() does', () => {
    expect(pyTruthy(new PyFloat(0))).toBe(false);
    expect(pyTruthy(new PyFloat(NaN))).toBe(true);
    expect(pyTruthy(pyJsonLoads('{}'))).toBe(false);
  });
});
