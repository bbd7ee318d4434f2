import { describe, expect, it } from 'vitest';
import {
  nextLink, notADict, OBJECTS_SCHEMA_LINK, objectBodyNotADict, requiredItemNotText, storedSchemaNotADict, tagsNotAList,
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
});
