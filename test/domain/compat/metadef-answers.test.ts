import { describe, expect, it } from 'vitest';
import {
  nextLink, notADict, OBJECTS_SCHEMA_LINK, objectBodyNotADict, orNone, PROPERTY_BOUND_TYPE, PROPERTY_DEFAULT_TYPE, requiredItemNotText,
  storedSchemaNotADict, tagsNotAList, tagsReplaceLooksUpNamespace,
} from '../../../src/domain/compat/metadef-answers.js';
import { AttributeError, TypeError_ } from '../../../src/lib/python.js';
import { defineAttributes, fromjson, tojson, UnicodeDecodeError, WsmeBase, wsattr } from '../../../src/lib/wsme.js';
import { raised } from '../__test-helpers__/failures.js';
import { recorded } from '../__test-helpers__/recorded.js';

/** A WSME type with a property definition's default and bounds, typed as the compat module says. */
class Definition extends WsmeBase {
  static override readonly pyName = 'Definition';
  static override readonly pyModule = 'test';
  static override readonly wsmeAttributes = [
    wsattr('default', PROPERTY_DEFAULT_TYPE), wsattr('minimum', PROPERTY_BOUND_TYPE), wsattr('maximum', PROPERTY_BOUND_TYPE),
  ];
}
defineAttributes(Definition);

const definition = (values: Array<[string, unknown]>): WsmeBase => fromjson(Definition, new Map(values)) as WsmeBase;

describe("the catalog's accidental answers (ledger #53, #54)", () => {
  it("quirk #53: a falsy next marker is shown as it is, a truthy one as the link", () => {
    expect(nextLink('', () => '/v2/metadefs/namespaces?marker=')).toBe('');
    expect(nextLink('ns', () => '/v2/metadefs/namespaces?marker=ns')).toBe('/v2/metadefs/namespaces?marker=ns');
  });

  it('quirk #53: the object listing schema link has no leading slash', () => {
    expect(OBJECTS_SCHEMA_LINK).toBe('v2/schemas/metadefs/objects');
  });

  it('quirk #54: values of the wrong shape fail as Python fails on them', () => {
    expect(storedSchemaNotADict(null)).toBeInstanceOf(TypeError_);
    expect(storedSchemaNotADict(null).message).toBe("'NoneType' object is not iterable");
    expect(tagsNotAList(undefined).message).toBe("'UnsetType' object is not iterable");
    expect(tagsNotAList(null).message).toBe("'NoneType' object is not iterable");
    expect(requiredItemNotText(3).message).toBe('sequence item 0: expected str instance, number found');
    expect(objectBodyNotADict().message).toBe('list indices must be integers or slices, not str');
    expect(notADict('x', 'items')).toBeInstanceOf(AttributeError);
    expect(notADict(5, 'get').message).toMatch(/ object has no attribute 'get'$/);
  });

  it('quirk #62: a notification writes falsy property values (a 0 minimum, an empty enum) as None', () => {
    expect(orNone(0)).toBeNull();
    expect(orNone([])).toBeNull();
    expect(orNone('')).toBeNull();
    expect(orNone(5)).toBe(5);
    expect(orNone(['a'])).toEqual(['a']);
  });

  it('quirk #55: replacing the tags with an empty list does not look the namespace up', () => {
    expect(tagsReplaceLooksUpNamespace([])).toBe(false);
    expect(tagsReplaceLooksUpNamespace([{ name: 'a' }])).toBe(true);
  });

  it('quirk #61: a non-ASCII default fails being written back (UnicodeDecodeError), an ASCII one is written as text', () => {
    // Fixture metadef-quirks step 9: a property with default "é" answers 500.
    expect(recorded('metadef-quirks', 9).status).toBe(500);
    expect(PROPERTY_DEFAULT_TYPE).toBe('bytes');
    const e = raised(() => tojson(Definition, definition([['default', 'é']])));
    expect(e).toBeInstanceOf(UnicodeDecodeError);
    expect((e as Error).message).toBe("'ascii' codec can't decode byte 0xc3 in position 0: ordinal not in range(128)");
    expect((tojson(Definition, definition([['default', 'x']])) as Map<string, unknown>).get('default')).toBe('x');
  });

  it('quirk #61: a float bound is truncated to an int', () => {
    // Fixture metadef-quirks step 11: minimum 1.5 and maximum 9.9 answer 1 and 9.
    expect(recorded('metadef-quirks', 11).json).toMatchObject({ minimum: 1, maximum: 9 });
    const written = tojson(Definition, definition([['minimum', 1.5], ['maximum', 9.9]])) as Map<string, unknown>;
    expect([written.get('minimum'), written.get('maximum')]).toEqual([1, 9]);
  });
});
