import { describe, expect, it } from 'vitest';
import {
  nextLink, notADict, OBJECTS_SCHEMA_LINK, objectBodyNotADict, orNone, requiredItemNotText, storedSchemaNotADict, tagsNotAList,
  tagsReplaceLooksUpNamespace,
} from '../../../src/domain/compat/metadef-answers.js';
import { AttributeError, TypeError_ } from '../../../src/lib/python.js';

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
});
