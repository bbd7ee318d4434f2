// WSME 0.11's JSON conversions as Glance's metadef models meet them.
//
// __fixtures__/wsme-metadef-cases.json was recorded with /usr/bin/python3
// (Debian 12's python3-wsme 0.11) and Glance 16.0.0's own model classes:
// for each input, `json.loads` it, `wsme.rest.json.fromjson(Model, value)`,
// then `tojson(Model, obj)`, writing the result or the exception's class.
import { describe, expect, it } from 'vitest';
import { pyJsonEquals, pyJsonLoads, type PyJson } from '../../src/lib/pyjson.js';
import { PyException } from '../../src/lib/python.js';
import { Unset, fromjson, tojson, validate_value, PyBytes, type ComplexType } from '../../src/lib/wsme.js';
import { Namespace } from '../../src/legacy/api/v2/model/metadef-namespace.js';
import { MetadefObject } from '../../src/legacy/api/v2/model/metadef-object.js';
import { PropertyType } from '../../src/legacy/api/v2/model/metadef-property-type.js';
import { ItemType } from '../../src/legacy/api/v2/model/metadef-property-item-type.js';
import cases from './__fixtures__/wsme-metadef-cases.json' with { type: 'json' };

const MODELS: Record<string, ComplexType> = { PropertyType, Namespace, MetadefObject };

function roundTrip(model: ComplexType, input: string): { json: unknown } | { error: string } {
  try {
    const obj = fromjson(model, pyJsonLoads(input));
    return { json: obj === null ? null : tojson(model, obj) };
  } catch (e) {
    if (e instanceof PyException) return { error: e.pyName };
    throw e;
  }
}

describe('fromjson then tojson on the metadef models', () => {
  for (const c of cases) {
    it(`${c.model} ${c.input} answers as WSME 0.11 does`, () => {
      const got = roundTrip(MODELS[c.model] as ComplexType, c.input);
      if ('error' in c) {
        expect(got).toEqual({ error: c.error });
      } else {
        expect('json' in got).toBe(true);
        const expected = pyJsonLoads(JSON.stringify(c.json));
        expect(pyJsonEquals((got as { json: PyJson }).json, expected), JSON.stringify(c.json)).toBe(true);
      }
    });
  }
});

describe('WSME attributes', () => {
  it('read Unset until set, and Unset removes a value again', () => {
    const item = new ItemType();
    expect(item.type).toBe(Unset);
    item.type = 'string';
    expect(item.type).toBe('string');
    item.setattr('type', Unset);
    expect(item.type).toBe(Unset);
  });

  it('promote a numeric string to an int but not a bool to anything', () => {
    expect(validate_value('int', '42')).toBe(42);
    expect(() => validate_value('bool', 1)).toThrow(/Wrong type/);
    expect(validate_value('bytes', 'abc')).toBeInstanceOf(PyBytes);
  });

  it('print an object that reaches a notification as Python\'s default repr, address 0x0', () => {
    expect(new ItemType().toPyRepr()).toBe('<glance.api.v2.model.metadef_property_item_type.ItemType object at 0x0>');
    expect(PyBytes.fromStr("it's").toPyRepr()).toBe('b"it\'s"');
  });
});
