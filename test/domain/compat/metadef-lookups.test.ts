import { describe, expect, it } from 'vitest';
import {
  askedResourceType, listsEveryResourceType, noNamespaceMatches, refuseTextIdList, SAVE_NOT_FOUND, sortKeys,
} from '../../../src/domain/compat/metadef-lookups.js';
import { KeyError, TypeError_ } from '../../../src/lib/python.js';
import { MultiDict } from '../../../src/lib/webob/index.js';
import { raised } from '../__test-helpers__/failures.js';

describe('how the catalog finds things (ledger #47-#52)', () => {
  it("quirk #47: a save that finds nothing answers the db api's generic text", () => {
    expect(SAVE_NOT_FOUND).toBe('An object with the specified identifier was not found.');
  });

  it("quirk #48: only a falsy namespace name lists every resource type", () => {
    expect(listsEveryResourceType('')).toBe(true);
    expect(listsEveryResourceType('OS::Compute')).toBe(false);
  });

  it('quirk #49: with any query the resource_type is read by key, so another parameter alone is a KeyError', () => {
    expect(askedResourceType(new MultiDict())).toBeNull();
    expect(askedResourceType(new MultiDict([['resource_type', 'a'], ['resource_type', 'b']]))).toBe('b');
    expect(raised(() => askedResourceType(new MultiDict([['x', '1']])))).toBeInstanceOf(KeyError);
  });

  it('quirk #50: an id_list given as text is refused as SQLAlchemy refuses it; a list passes', () => {
    const e = raised(() => refuseTextIdList('a,b'));
    expect(e).toBeInstanceOf(TypeError_);
    expect((e as Error).message).toBe("IN expression list expected, got 'a,b'");
    expect(() => refuseTextIdList(['a'])).not.toThrow();
    expect(() => refuseTextIdList(null)).not.toThrow();
  });

  it('quirk #51: a resource type filter that matches nothing is an empty page', () => {
    expect(noNamespaceMatches([])).toBe(true);
    expect(noNamespaceMatches([3])).toBe(false);
  });

  it('quirk #52: the asked sort key goes first unless it is created_at or id, which keep their place', () => {
    expect(sortKeys('name')).toEqual(['name', 'created_at', 'id']);
    expect(sortKeys('id')).toEqual(['created_at', 'id']);
    expect(sortKeys('created_at')).toEqual(['created_at', 'id']);
  });
});
