import { describe, expect, it } from 'vitest';
import { frozenSchema, SchemaError, validate, ValidationError } from '../../src/lib/jsonschema/index.js';
import { urljoin } from '../../src/lib/jsonschema/urls.js';

/**
 * Schemas built once and validated against many times are frozen so that
 * check_schema knows them by identity; what validation answers must not
 * change. Expected texts are those of the unfrozen schema (checked with
 * /usr/bin/python3, jsonschema 4.10.3, in jsonschema.test.ts's style).
 */
function messageOf(instance: unknown, schema: unknown): string {
  try {
    validate(instance, schema);
  } catch (e) {
    if (e instanceof ValidationError || e instanceof SchemaError) return `${e.constructor.name}: ${e.message}`;
    throw e;
  }
  return 'valid';
}

describe('frozenSchema', () => {
  it('freezes the schema all the way down, so nothing can change it after its check', () => {
    const schema = frozenSchema({ properties: { name: { type: 'string', enum: ['a', null] } } });
    expect(Object.isFrozen(schema)).toBe(true);
    expect(Object.isFrozen(schema.properties.name.enum)).toBe(true);
    expect(() => {
      (schema.properties.name as { type: string }).type = 'integer';
    }).toThrow(TypeError);
  });

  it('validates every instance as the same schema unfrozen does, again and again', () => {
    const build = () => ({ properties: { name: { type: 'string', maxLength: 3 } }, additionalProperties: false });
    const frozen = frozenSchema(build());
    for (const instance of [{ name: 'abc' }, { name: 'abcd' }, { name: 1 }, { other: 1 }, { name: 'abcd' }]) {
      expect(messageOf(instance, frozen)).toBe(messageOf(instance, build()));
    }
  });

  it('raises a new SchemaError for an invalid frozen schema on every validation', () => {
    const frozen = frozenSchema({ type: 12 });
    const first = messageOf('x', frozen);
    expect(first).toMatch(/^SchemaError: 12 is not valid under any of the given schemas/);
    expect(messageOf('x', frozen)).toBe(first);
  });
});

describe('urljoin', () => {
  it('answers a repeated join as it did the first time', () => {
    const cases: Array<[string, string, string]> = [
      ['https://json-schema.org/draft/2020-12/schema', 'meta/core', 'https://json-schema.org/draft/2020-12/meta/core'],
      ['http://a/b/c/d;p?q', '../g', 'http://a/b/g'],
      ['', '#frag', '#frag'],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [base, url, joined] of cases) expect(urljoin(base, url)).toBe(joined);
    }
  });
});
