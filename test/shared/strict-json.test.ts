/**
 * Reading scenario and trace bytes strictly: UTF-8 only (the offending
 * byte named), no byte order mark, no duplicate keys, prototype names as
 * ordinary keys, bounded nesting, Python's value model.
 */
import { describe, expect, it } from 'vitest';
import { PyFloat } from '../../src/lib/pyjson.js';
import { ScenarioError } from '../../src/shared/scenario.js';
import { decodeStrictUtf8, fieldPath, firstInvalidUtf8, MAX_DEPTH, parseStrictJson, readStrictJson } from '../../src/shared/strict-json.js';

/** The one-line message of the ScenarioError `f` throws. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a ScenarioError');
}

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('values', () => {
  it('reads Python\'s value model: ints apart from floats, big ints exact, objects as Maps in file order', () => {
    const v = parseStrictJson('{"b": [1, 1.0, 2e3, 12345678901234567890, -0], "a": {"x": null, "y": true, "z": "é\\u00e9\\ud83d\\ude00"}}', 'f.json');
    expect(v).toBeInstanceOf(Map);
    const m = v as Map<string, unknown>;
    expect([...m.keys()]).toEqual(['b', 'a']);
    const [one, oneFloat, twoThousand, big, zero] = m.get('b') as unknown[];
    expect(one).toBe(1);
    expect(oneFloat).toBeInstanceOf(PyFloat);
    expect((oneFloat as PyFloat).value).toBe(1);
    expect((twoThousand as PyFloat).value).toBe(2000);
    expect(big).toBe(12345678901234567890n);
    expect(zero).toBe(0);
    expect(m.get('a')).toEqual(new Map<string, unknown>([['x', null], ['y', true], ['z', 'éé😀']]));
  });

  it('keeps __proto__, constructor, toString and hasOwnProperty as ordinary keys for the validators to see', () => {
    const v = parseStrictJson('{"__proto__": {"polluted": 1}, "constructor": 2, "toString": 3, "hasOwnProperty": 4}', 'f.json') as Map<string, unknown>;
    expect([...v.keys()]).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(v.get('__proto__')).toEqual(new Map([['polluted', 1]]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses NaN and Infinity unless asked for, naming the field', () => {
    expect(refusal(() => parseStrictJson('{"a": [1, NaN]}', 'f.json'))).toBe('f.json: a[1]: NaN is not a JSON number');
    expect(refusal(() => parseStrictJson('{"a": -Infinity}', 'f.json'))).toBe('f.json: a: -Infinity is not a JSON number');
    const v = parseStrictJson('[NaN, Infinity, -Infinity]', 't.json', { nonFinite: true }) as PyFloat[];
    expect(v.map((x) => x.value)).toEqual([NaN, Infinity, -Infinity]);
  });
});

describe('duplicate keys', () => {
  it('refuses a key given twice in one object, naming its path and both places', () => {
    const text = '{"steps": [{"args": {"image": {\n  "name": "a",\n  "name": "b"}}}]}';
    expect(refusal(() => parseStrictJson(text, 'x.scenario.json'))).toBe(
      'x.scenario.json: steps[0].args.image.name: duplicate key (given at line 2 column 3 and again at line 3 column 3)',
    );
  });

  it('allows the same key in different objects', () => {
    expect(parseStrictJson('[{"a": 1}, {"a": 2}]', 'f.json')).toEqual([new Map([['a', 1]]), new Map([['a', 2]])]);
  });

  it('counts __proto__ twice as a duplicate too', () => {
    expect(refusal(() => parseStrictJson('{"config": {"__proto__": 1, "__proto__": 2}}', 'f.json'))).toMatch(/^f\.json: config\.__proto__: duplicate key/);
  });
});

describe('bytes that are not UTF-8', () => {
  it('names the file, the byte offset and the line of the first bad byte', () => {
    const b = new Uint8Array([...utf8('{"name":\n "caf'), 0xe9, ...utf8('"}')]);
    expect(refusal(() => readStrictJson(b, 'x.scenario.json'))).toBe('x.scenario.json: not UTF-8 at byte offset 14 (line 2): 0x22 cannot follow 0xe9');
  });

  it('refuses a byte that cannot start a character', () => {
    expect(firstInvalidUtf8(bytes(0x41, 0xff))).toEqual({ offset: 1, why: '0xff cannot start a character' });
    expect(firstInvalidUtf8(bytes(0x80))).toEqual({ offset: 0, why: '0x80 cannot start a character' });
  });

  it('refuses overlong forms, surrogates and code points above U+10FFFF', () => {
    expect(firstInvalidUtf8(bytes(0xc0, 0xaf))?.offset).toBe(0);
    expect(firstInvalidUtf8(bytes(0xe0, 0x80, 0xaf))).toEqual({ offset: 0, why: '0x80 cannot follow 0xe0' });
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toEqual({ offset: 0, why: '0xa0 cannot follow 0xed' });
    expect(firstInvalidUtf8(bytes(0x41, 0xf4, 0x90, 0x80, 0x80))).toEqual({ offset: 1, why: '0x90 cannot follow 0xf4' });
  });

  it('refuses a character cut short, by the file\'s end or by another byte', () => {
    expect(firstInvalidUtf8(bytes(0x22, 0xe2, 0x82))).toEqual({ offset: 1, why: 'the file ends inside the character that 0xe2 starts' });
    expect(firstInvalidUtf8(bytes(0xf0, 0x9f, 0x98, 0x41))).toEqual({ offset: 0, why: '0x41 cannot follow 0xf0 and its continuation' });
  });

  it('accepts every well-formed sequence, one to four bytes', () => {
    const text = 'a é € 😀 \u{10FFFF} \uD7FF \uE000';
    expect(firstInvalidUtf8(utf8(text))).toBeNull();
    expect(decodeStrictUtf8(utf8(text), 'f')).toBe(text);
  });
});

describe('a UTF-8 byte order mark', () => {
  it('is refused with a message that says so, as the reference runner refuses it', () => {
    const message = refusal(() => readStrictJson(bytes(0xef, 0xbb, 0xbf, ...utf8('{}')), 'x.scenario.json'));
    expect(message).toBe('x.scenario.json: starts with a UTF-8 byte order mark (EF BB BF): save it as UTF-8 without one (the reference runner refuses it too)');
  });

  it('is refused in text already decoded too', () => {
    expect(refusal(() => parseStrictJson('\ufeff{}', 'f.json'))).toMatch(/^f\.json: starts with a UTF-8 byte order mark/);
  });
});

describe('nesting depth', () => {
  it(`accepts ${MAX_DEPTH} levels of arrays and objects and refuses one more, naming the field`, () => {
    expect(() => parseStrictJson(nested(MAX_DEPTH), 'f.json')).not.toThrow();
    const text = `{"steps": [{"args": {"deep": ${nested(MAX_DEPTH - 3)}}}]}`;
    expect(refusal(() => parseStrictJson(text, 'f.json'))).toBe(`f.json: steps[0].args.deep[0][0][0][0][0][0]…: nested deeper than ${MAX_DEPTH} levels (arrays and objects within each other)`);
  });

  it('refuses a value nested 10,000 deep with a short message instead of exhausting the stack', () => {
    const text = `{"config": {}, "steps": [{}, {"args": {"extra_properties": {"p": ${nested(10_000)}}}}]}`;
    const message = refusal(() => parseStrictJson(text, 'b.scenario.json'));
    expect(message).toBe(`b.scenario.json: steps[1].args.extra_properties.p[0][0][0][0][0]…: nested deeper than ${MAX_DEPTH} levels (arrays and objects within each other)`);
  });

  it('takes a smaller limit when asked', () => {
    expect(refusal(() => parseStrictJson('{"a": {"b": {}}}', 'f.json', { maxDepth: 2 }))).toBe('f.json: a.b: nested deeper than 2 levels (arrays and objects within each other)');
  });

  it('writes long paths short: the first ten segments and an ellipsis', () => {
    expect(fieldPath(['steps', 2, 'args', 'limit'])).toBe('steps[2].args.limit');
    expect(fieldPath([0, 'a'])).toBe('[0].a');
    expect(fieldPath(Array.from({ length: 12 }, () => 0))).toBe('[0][0][0][0][0][0][0][0][0][0]…');
  });
});

describe('syntax errors', () => {
  it('name the field they happen in, the line and the column', () => {
    expect(refusal(() => parseStrictJson('{"steps": [\n  {"op": "image.show",}\n]}', 'f.json'))).toBe('f.json: steps[0]: not valid JSON (expecting a key in double quotes, line 2 column 23)');
    expect(refusal(() => parseStrictJson('{"a": [1 2]}', 'f.json'))).toBe("f.json: a: not valid JSON (expecting ',' or ']', line 1 column 10)");
    expect(refusal(() => parseStrictJson('{}{}', 'f.json'))).toBe('f.json: not valid JSON (more text after the JSON value, line 1 column 3)');
    expect(refusal(() => parseStrictJson('', 'f.json'))).toBe('f.json: not valid JSON (expecting a value, found the end of the file, line 1 column 1)');
  });

  it('refuse raw control characters, unknown escapes and unterminated strings', () => {
    expect(refusal(() => parseStrictJson('{"a": "x\ty"}', 'f.json'))).toMatch(/^f\.json: a: not valid JSON \(a control character inside a string/);
    expect(refusal(() => parseStrictJson('{"a": "\\q"}', 'f.json'))).toMatch(/^f\.json: a: not valid JSON \(an unknown escape in a string/);
    expect(refusal(() => parseStrictJson('{"a": "\\u12"}', 'f.json'))).toMatch(/^f\.json: a: not valid JSON \(a \\u escape without four hex digits/);
    expect(refusal(() => parseStrictJson('{"a": "open', 'f.json'))).toMatch(/^f\.json: a: not valid JSON \(a string that never ends, line 1 column 7\)/);
  });

  it('refuse what JSON leaves out: leading zeros, trailing commas, single quotes', () => {
    expect(refusal(() => parseStrictJson('[01]', 'f.json'))).toMatch(/not valid JSON \(expecting ',' or '\]'/);
    expect(refusal(() => parseStrictJson('[1,]', 'f.json'))).toMatch(/^f\.json: \[1\]: not valid JSON \(expecting a value/);
    expect(refusal(() => parseStrictJson("{'a': 1}", 'f.json'))).toMatch(/expecting a key in double quotes/);
  });
});
