import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pformat, pyLen, splitlinesKeepends } from '../../src/lib/pprint.js';
import { pyJsonLoads, PyFloat } from '../../src/lib/pyjson.js';
import { pyStringRepr } from '../../src/lib/python.js';

/**
 * Fixtures recorded with /usr/bin/python3 (CPython 3.11): random nested
 * values (quotes, non-ASCII, astral and non-printable characters, long
 * strings, floats, big ints) written with json.dumps, and
 * `pprint.pformat(value, width=w)` of each (a script kept outside the
 * repository, as the project's rules ask).
 */
interface Case { json: string; width: number; out: string }
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'pprint-cases.json'), 'utf8')) as { cases: Case[] };

describe('pformat against CPython 3.11 pprint.pformat (__fixtures__/pprint-cases.json)', () => {
  it(`prints all ${fixture.cases.length} recorded values as Python does`, () => {
    for (const c of fixture.cases) {
      expect(pformat(pyJsonLoads(c.json), c.width), `width=${c.width} ${c.json}`).toBe(c.out);
    }
  });
});

describe('pformat', () => {
  it('prints the schema fragment of the Glance min_ram error on two lines with sorted keys', () => {
    const schema = { type: 'integer', description: 'Amount of ram (in MB) required to boot image.' };
    expect(pformat(schema, 72)).toBe("{'description': 'Amount of ram (in MB) required to boot image.',\n 'type': 'integer'}");
  });

  it('sorts dict keys by code point, also inside a one-line repr', () => {
    expect(pformat(new Map<string, unknown>([['b', 1], ['a', new Map([['z', 1], ['é', 2], ['Z', 3]])]]))).toBe(
      "{'a': {'Z': 3, 'z': 1, 'é': 2}, 'b': 1}",
    );
  });

  it('cuts a long top-level string into parenthesised adjacent literals after whitespace', () => {
    expect(pformat('word '.repeat(20), 40)).toBe("('word word word word word word word '\n 'word word word word word word word '\n 'word word word word word word ')");
  });

  it('keeps floats apart from ints', () => {
    expect(pformat([1, new PyFloat(1), 10n ** 30n])).toBe('[1, 1.0, 1000000000000000000000000000000]');
  });

  it('prints plain JavaScript numbers as Python ints when integral and floats otherwise', () => {
    expect(pformat([1e-7, 1e21, 0.5, -0])).toBe('[1e-07, 1000000000000000000000, 0.5, 0]');
  });

  it('measures widths in code points, as len(str) does', () => {
    expect(pyLen('😀a')).toBe(2);
    const s = '😀'.repeat(68);
    expect(pformat([s], 72)).toBe(`['${s}']`);
  });

  it('splits lines where str.splitlines does, keeping the ends', () => {
    expect(splitlinesKeepends('a\r\nb\rc\u2028d\x85')).toEqual(['a\r\n', 'b\r', 'c\u2028', 'd\x85']);
  });
});

describe('pyStringRepr, the leaves pformat prints', () => {
  // Recorded with /usr/bin/python3: repr(chr(cp)) on both sides of every change of str.isprintable().
  const unicode = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'pprint-repr-unicode.json'), 'utf8')) as { cases: Array<[number, string]> };

  it(`escapes exactly what CPython 3.11 (Unicode 14) escapes, at all ${unicode.cases.length} printability boundaries`, () => {
    for (const [cp, repr] of unicode.cases) expect(pyStringRepr(String.fromCodePoint(cp)), cp.toString(16)).toBe(repr);
  });

  it('NOTE(quirk): escapes an emoji newer than Unicode 14, which Python 3.11 does not know', () => {
    expect(pyStringRepr('\u{1FAE8}')).toBe("'\\U0001fae8'");
  });
});
