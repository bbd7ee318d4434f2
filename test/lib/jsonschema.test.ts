import { describe, expect, it } from 'vitest';
import {
  Draft202012,
  Draft4,
  Draft7,
  draftClassName,
  RefResolutionError,
  SchemaError,
  ValidationError,
  bestMatch,
  iterErrors,
  validate,
  validatorFor,
} from '../../src/lib/jsonschema/index.js';
import { compile } from '../../src/lib/pyre.js';
import { PyFloat, pyJsonLoads } from '../../src/lib/pyjson.js';
import { PyException } from '../../src/lib/python.js';

/**
 * Behaviours named one by one. Every expected value here was checked with
 * /usr/bin/python3 (jsonschema 4.10.3, with the reference runner's D1 shim);
 * the bulk comparison with Python is in jsonschema-glance.test.ts and
 * jsonschema-generic.test.ts.
 */
function errorOf(instance: unknown, schema: unknown): ValidationError {
  try {
    validate(instance, schema);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

const D4 = 'http://json-schema.org/draft-04/schema#';
const D7 = 'http://json-schema.org/draft-07/schema#';

describe('validate: the error Glance prints in a 400', () => {
  const schema = {
    name: 'image',
    properties: { min_ram: { type: 'integer', description: 'Amount of ram (in MB) required to boot image.' } },
    additionalProperties: false,
  };

  it('prints str(ValidationError) as jsonschema does for POST /v2/images {"min_ram": "5"}', () => {
    const e = errorOf(pyJsonLoads('{"min_ram": "5"}'), schema);
    expect(e.toPyStr()).toBe(
      "'5' is not of type 'integer'\n\n" +
        "Failed validating 'type' in schema['properties']['min_ram']:\n" +
        "    {'description': 'Amount of ram (in MB) required to boot image.',\n" +
        "     'type': 'integer'}\n\n" +
        "On instance['min_ram']:\n" +
        "    '5'",
    );
  });

  it("carries Python's attributes: message, paths, keyword, its value, the instance and the schema fragment", () => {
    const e = errorOf(pyJsonLoads('{"min_ram": "5"}'), schema);
    expect(e).toBeInstanceOf(PyException);
    expect(e.pyName).toBe('ValidationError');
    expect(e.message).toBe("'5' is not of type 'integer'");
    expect(e.path).toEqual(['min_ram']);
    expect(e.relative_path).toBe(e.path);
    expect(e.schema_path).toEqual(['properties', 'min_ram', 'type']);
    expect(e.relative_schema_path).toBe(e.schema_path);
    expect(e.validator).toBe('type');
    expect(e.validator_value).toBe('integer');
    expect(e.instance).toBe('5');
    expect(e.schema).toBe(schema.properties.min_ram);
    expect(e.context).toEqual([]);
    expect(e.cause).toBeNull();
    expect(e.parent).toBeNull();
  });

  it('answers json_path, absolute paths and repr as Python does', () => {
    const e = errorOf(pyJsonLoads('{"a": [1, {"b": "x"}]}'), { properties: { a: { items: { properties: { b: { type: 'integer' } } } } } });
    expect(e.json_path).toBe('$.a[1].b');
    expect(e.absolute_path).toEqual(['a', 1, 'b']);
    expect(e.relative_schema_path).toEqual(['properties', 'a', 'items', 'properties', 'b', 'type']);
    expect(e.toPyRepr()).toBe(`<ValidationError: "'x' is not of type 'integer'">`);
  });

  it('passes a valid instance without raising', () => {
    expect(() => validate(pyJsonLoads('{"min_ram": 5}'), schema)).not.toThrow();
  });
});

describe('validator_for: the draft', () => {
  it('takes draft 2020-12, the latest of jsonschema 4.10.3, for a schema without $schema', () => {
    expect(validatorFor({ type: 'integer' })).toBe(Draft202012);
    expect(validatorFor({ $schema: D4 })).toBe(Draft4);
  });

  it("names the drafts as jsonschema's classes are named", () => {
    expect([Draft4, Draft7, Draft202012].map(draftClassName)).toEqual(['Draft4Validator', 'Draft7Validator', 'Draft202012Validator']);
  });

  it('falls back to the latest draft for an unknown $schema, as jsonschema does (with a DeprecationWarning)', () => {
    expect(validatorFor({ $schema: 'http://example.com/unknown' })).toBe(Draft202012);
  });

  it('calls 1.0 an integer from draft 6 on, and not in draft 4', () => {
    expect(() => validate(new PyFloat(1), { type: 'integer' })).not.toThrow();
    expect(errorOf(new PyFloat(1), { $schema: D4, type: 'integer' }).message).toBe("1.0 is not of type 'integer'");
  });

  it('never calls True an integer or a number', () => {
    expect(errorOf(true, { type: 'integer' }).message).toBe("True is not of type 'integer'");
    expect(errorOf(true, { type: 'number' }).message).toBe("True is not of type 'number'");
  });

  it('applies the siblings of $ref in 2020-12 and ignores them up to draft 7', () => {
    const schema = (draft?: string): unknown => ({
      ...(draft ? { $schema: draft } : {}),
      definitions: { p: { type: 'integer' } },
      properties: { a: { $ref: '#/definitions/p', maximum: 3 } },
    });
    expect(errorOf(new Map([['a', 9]]), schema()).message).toBe('9 is greater than the maximum of 3');
    expect(() => validate(new Map([['a', 9]]), schema(D7))).not.toThrow();
  });
});

describe('check_schema', () => {
  it('raises SchemaError, not ValidationError, for a schema its meta-schema refuses (Glance lets it escape as a 500)', () => {
    let caught: unknown;
    try {
      validate(1, { type: 'foo' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SchemaError);
    expect(caught).not.toBeInstanceOf(ValidationError);
    expect((caught as SchemaError).toPyStr().split('\n').slice(0, 3)).toEqual([
      "'foo' is not valid under any of the given schemas",
      '',
      "Failed validating 'anyOf' in metaschema['allOf'][3]['properties']['type']:",
    ]);
  });

  it('checks nothing against `format`: validate() passes no format checker', () => {
    expect(() => validate('x', { format: 'date-time' })).not.toThrow();
  });
});

describe('keywords with Python semantics', () => {
  it('NOTE(quirk) D1: names additional properties in code-point order, in the message and in which error comes first', () => {
    expect(errorOf(pyJsonLoads('{"b": 1, "a": 2}'), { additionalProperties: false }).message).toBe(
      "Additional properties are not allowed ('a', 'b' were unexpected)",
    );
    const first = errorOf(pyJsonLoads('{"b": 1, "a": 2}'), { additionalProperties: { type: 'string' } });
    expect(first.message).toBe("2 is not of type 'string'");
    expect(first.path).toEqual(['a']);
  });

  it('lists the patterns when additionalProperties is false beside patternProperties', () => {
    expect(errorOf(pyJsonLoads('{"x": 1}'), { additionalProperties: false, patternProperties: { '^b': {}, '^a': {} } }).message).toBe(
      "'x' does not match any of the regexes: '^a', '^b'",
    );
  });

  it('NOTE(quirk): enum keeps True apart from 1 but lets 1.0 equal 1, and [True] equal [1]', () => {
    expect(errorOf(true, { enum: [1] }).message).toBe('True is not one of [1]');
    expect(() => validate(new PyFloat(1), { enum: [1] })).not.toThrow();
    expect(() => validate([true], { enum: [[1]] })).not.toThrow();
  });

  it('NOTE(quirk): uniqueItems compares sorted neighbours only, so [[1], [True], [1]] passes and [[1], [1], [True]] fails', () => {
    expect(() => validate([[1], [true], [1]], { uniqueItems: true })).not.toThrow();
    expect(errorOf([[1], [1], [true]], { uniqueItems: true }).message).toBe('[[1], [1], [True]] has non-unique elements');
  });

  it('prints a False schema failure with the keyword None', () => {
    const e = errorOf(5, false);
    expect(e.toPyStr()).toBe('False schema does not allow 5\n\nFailed validating None in schema:\n    False\n\nOn instance:\n    5');
  });

  it('raises RefResolutionError for a pointer that names nothing', () => {
    expect(() => validate(new Map([['a', 1]]), { properties: { a: { $ref: '#/definitions/missing' } } })).toThrow(RefResolutionError);
    expect(() => validate(new Map([['a', 1]]), { properties: { a: { $ref: '#/definitions/missing' } } })).toThrow(
      "Unresolvable JSON pointer: 'definitions/missing'",
    );
  });

  it("searches patterns with Python's re: '^$' does not match inside 'a😀' (JavaScript tried between the surrogates)", () => {
    expect(compile('^$').search('a😀')).toBeNull();
    expect(errorOf('a😀', { pattern: '^$' }).message).toBe("'a😀' does not match '^$'");
  });
});

describe('error order and best_match', () => {
  it('yields errors in the order of the schema keys', () => {
    expect([...iterErrors(new Map(), { required: ['b'], type: 'string', minLength: 3 })].map((e) => e.message)).toEqual([
      "'b' is a required property",
      "{} is not of type 'string'",
    ]);
  });

  it('keeps the first of equally relevant errors', () => {
    expect(errorOf([], { minItems: 1, type: 'object' }).message).toBe('[] is too short');
  });

  it('descends into an anyOf to its most relevant context error, whose path is relative to the anyOf', () => {
    const e = errorOf(pyJsonLoads('{"a": "xyz"}'), { properties: { a: { anyOf: [{ type: 'string', maxLength: 1 }, { type: 'integer' }] } } });
    expect(e.message).toBe("'xyz' is too long");
    expect(e.path).toEqual([]);
    expect(e.absolute_path).toEqual(['a']);
    expect(e.absolute_schema_path).toEqual(['properties', 'a', 'anyOf', 0, 'maxLength']);
    expect(e.parent?.validator).toBe('anyOf');
  });

  it('prefers, inside an anyOf, the branch whose type the instance has', () => {
    const e = errorOf(pyJsonLoads('{"a": 5}'), { properties: { a: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 9 }] } } });
    expect(e.message).toBe('5 is less than the minimum of 9');
  });

  it('returns undefined for no errors', () => {
    expect(bestMatch([])).toBeUndefined();
  });
});
