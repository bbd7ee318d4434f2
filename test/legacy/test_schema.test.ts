// Port of glance/tests/unit/test_schema.py (all 14 cases ported). The
// InvalidObject texts the extra cases compare were recorded from Glance
// 16.0.0's glance.schema with the reference runner's jsonschema 4.10.3
// (/usr/bin/python3, a throwaway script in /tmp calling Schema.validate and
// printing e.msg).
import { describe, expect, it } from 'vitest';
import { CollectionSchema, DictCollectionSchema, PermissiveSchema, Schema } from '../../src/legacy/schema.js';
import { InvalidObject, SchemaLoadError } from '../../src/legacy/exception.js';
import { pyEquals } from '../../src/lib/pycollections.js';
import { pyJsonDumpsValue } from '../../src/lib/pyjson.js';

function basicProperties() {
  return { ham: { type: 'string' }, eggs: { type: 'string' } };
}

/** Python's `assertEqual(expected, actual)` between dicts, whatever holds them (Map or object). */
function expectPyEqual(actual: unknown, expected: unknown): void {
  expect(pyEquals(actual, expected), `${pyJsonDumpsValue(actual)} != ${pyJsonDumpsValue(expected)}`).toBe(true);
}

function invalidObjectOf(f: () => void): InvalidObject {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidObject) return e;
    throw e;
  }
  throw new Error('InvalidObject not raised');
}

describe('TestBasicSchema', () => {
  const schema = (): Schema => new Schema('basic', basicProperties());

  it('test_validate_passes: an object with only schema properties of the right type is valid', () => {
    expect(() => schema().validate({ ham: 'no', eggs: 'scrambled' })).not.toThrow();
  });

  it('test_validate_fails_on_extra_properties: a property the schema does not name is refused', () => {
    expect(() => schema().validate({ ham: 'virginia', eggs: 'scrambled', bacon: 'crispy' })).toThrow(InvalidObject);
  });

  it('test_validate_fails_on_bad_type: a property of the wrong type is refused', () => {
    expect(() => schema().validate({ eggs: 2 })).toThrow(InvalidObject);
  });

  it('test_filter_strips_extra_properties: filter keeps only the schema properties', () => {
    const filtered = schema().filter({ ham: 'virginia', eggs: 'scrambled', bacon: 'crispy' });
    expectPyEqual(filtered, { ham: 'virginia', eggs: 'scrambled' });
  });

  it('test_merge_properties: merged properties join the base ones', () => {
    const s = schema();
    s.merge_properties({ bacon: { type: 'string' } });
    expect(new Set((s.raw()['properties'] as Map<string, unknown>).keys())).toEqual(new Set(['ham', 'eggs', 'bacon']));
  });

  it('test_merge_conflicting_properties: redefining a base property differently is a SchemaLoadError', () => {
    expect(() => schema().merge_properties({ eggs: { type: 'integer' } })).toThrow(SchemaLoadError);
  });

  it('test_merge_conflicting_but_identical_properties: redefining a base property identically is allowed', () => {
    const s = schema();
    s.merge_properties({ ham: { type: 'string' } });
    expect(new Set((s.raw()['properties'] as Map<string, unknown>).keys())).toEqual(new Set(['ham', 'eggs']));
  });

  it('test_raw_json_schema: raw is name, properties and additionalProperties false', () => {
    expectPyEqual(schema().raw(), {
      name: 'basic',
      properties: { ham: { type: 'string' }, eggs: { type: 'string' } },
      additionalProperties: false,
    });
  });
});

describe('TestBasicSchemaLinks', () => {
  it('test_raw_json_schema: a schema with links shows them in raw', () => {
    const s = new Schema('basic', basicProperties(), [{ rel: 'up', href: '/menu' }]);
    expectPyEqual(s.raw(), {
      name: 'basic',
      properties: { ham: { type: 'string' }, eggs: { type: 'string' } },
      links: [{ rel: 'up', href: '/menu' }],
      additionalProperties: false,
    });
  });
});

describe('TestPermissiveSchema', () => {
  const schema = (): PermissiveSchema => new PermissiveSchema('permissive', basicProperties());

  it('test_validate_with_additional_properties_allowed: extra string properties are valid', () => {
    expect(() => schema().validate({ ham: 'virginia', eggs: 'scrambled', bacon: 'crispy' })).not.toThrow();
  });

  it('test_validate_rejects_non_string_extra_properties: an extra property must be a string', () => {
    expect(() => schema().validate({ ham: 'virginia', eggs: 'scrambled', grits: 1000 })).toThrow(InvalidObject);
  });

  it('test_filter_passes_extra_properties: filter keeps every property', () => {
    const obj = { ham: 'virginia', eggs: 'scrambled', bacon: 'crispy' };
    expectPyEqual(schema().filter(obj), obj);
  });

  it('test_raw_json_schema: additionalProperties is {type: string}', () => {
    expectPyEqual(schema().raw(), {
      name: 'permissive',
      properties: { ham: { type: 'string' }, eggs: { type: 'string' } },
      additionalProperties: { type: 'string' },
    });
  });
});

describe('TestCollectionSchema', () => {
  it('test_raw_json_schema: a collection is an array of raw items with first/next/schema links', () => {
    const item_schema = new Schema('mouse', { cheese: { type: 'string' } });
    const collection_schema = new CollectionSchema('mice', item_schema);
    expectPyEqual(collection_schema.raw(), {
      name: 'mice',
      properties: {
        mice: { type: 'array', items: item_schema.raw() },
        first: { type: 'string' },
        next: { type: 'string' },
        schema: { type: 'string' },
      },
      links: [
        { rel: 'first', href: '{first}' },
        { rel: 'next', href: '{next}' },
        { rel: 'describedby', href: '{schema}' },
      ],
    });
  });
});

describe('glance.schema as a 400 shows it (texts recorded from Glance 16.0.0)', () => {
  it('an extra property names itself and prints the whole schema and instance', () => {
    const e = invalidObjectOf(() => new Schema('basic', basicProperties()).validate({ ham: 'virginia', eggs: 'scrambled', bacon: 'crispy' }));
    expect(e.msg).toBe(
      "Provided object does not match schema 'basic': Additional properties are not allowed ('bacon' was unexpected)\n\n" +
        "Failed validating 'additionalProperties' in schema:\n    {'additionalProperties': False,\n     'name': 'basic',\n" +
        "     'properties': {'eggs': {'type': 'string'}, 'ham': {'type': 'string'}}}\n\n" +
        "On instance:\n    {'bacon': 'crispy', 'eggs': 'scrambled', 'ham': 'virginia'}",
    );
  });

  it('a wrong type names the property path and prints its fragment', () => {
    const e = invalidObjectOf(() => new Schema('basic', basicProperties()).validate({ eggs: 2 }));
    expect(e.msg).toBe(
      "Provided object does not match schema 'basic': 2 is not of type 'string'\n\n" +
        "Failed validating 'type' in schema['properties']['eggs']:\n    {'type': 'string'}\n\nOn instance['eggs']:\n    2",
    );
  });

  it('a permissive schema refuses a non-string extra property through additionalProperties', () => {
    const e = invalidObjectOf(() => new PermissiveSchema('permissive', basicProperties()).validate({ ham: 'virginia', eggs: 'scrambled', grits: 1000 }));
    expect(e.msg).toBe(
      "Provided object does not match schema 'permissive': 1000 is not of type 'string'\n\n" +
        "Failed validating 'type' in schema['additionalProperties']:\n    {'type': 'string'}\n\nOn instance['grits']:\n    1000",
    );
  });

  it("NOTE(quirk): a None-valued property outside the schema is shown as '' even when filtered out", () => {
    const filtered = new Schema('basic', basicProperties()).filter({ ham: null, x: null, y: 1 });
    expect([...filtered]).toEqual([['ham', null], ['x', '']]);
  });

  it('NOTE(quirk): PermissiveSchema.minimal is Schema.raw, additionalProperties false and links included', () => {
    const s = new PermissiveSchema('permissive', basicProperties(), [{ rel: 'self', href: '{self}' }]);
    expectPyEqual(s.minimal(), {
      name: 'permissive',
      properties: basicProperties(),
      additionalProperties: false,
      links: [{ rel: 'self', href: '{self}' }],
    });
  });

  it('a collection lifts its item definitions to the top and gives them back to the item', () => {
    const definitions = { positiveInteger: { type: 'integer', minimum: 0 } };
    const item = new Schema('thing', { n: { $ref: '#/definitions/positiveInteger' } }, null, ['n'], definitions);
    const raw = new DictCollectionSchema('things', item).raw();
    expect(raw['definitions']).toBe(definitions);
    expect((raw['properties'] as Map<string, Record<string, Record<string, unknown>>>).get('things')?.['additionalProperties']?.['definitions']).toBeUndefined();
    expect(item.definitions).toBe(definitions);
  });
});
