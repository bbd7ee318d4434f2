import { describe, expect, it } from 'vitest';
import {
  askedResourceType, integerMarker, listsEveryResourceType, noNamespaceMatches, refuseTextIdList, SAVE_NOT_FOUND, sortKeys,
} from '../../../src/domain/compat/metadef-lookups.js';
import { KeyError, TypeError_ } from '../../../src/lib/python.js';
import { MultiDict } from '../../../src/lib/webob/index.js';
import { raised } from '../__test-helpers__/failures.js';
import { recorded } from '../__test-helpers__/recorded.js';

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

  it('quirk #64: a Boolean sort key is compared with the marker as an integer; other keys as stored', () => {
    // Fixture metadef-quirks steps 13-15: paging by `protected` after a marker, both directions, as Glance pages it.
    const names = (step: number): string[] => (recorded('metadef-quirks', step).json as { namespaces: Array<{ namespace: string }> }).namespaces.map((n) => n.namespace);
    expect(names(14)).toEqual(['OS::Q::Prot', 'OS::Q::P1']);
    expect(names(15)).toEqual(['OS::Q::Prot', 'OS::Q::Tags']);
    expect(integerMarker('boolean', 1n)).toBe(1);
    expect(integerMarker('boolean', 0n)).toBe(0);
    expect(integerMarker('boolean', true)).toBe(1);
    expect(integerMarker('text', 'OS::Q::P1')).toBeNull();
    expect(integerMarker('datetime', '2018-02-28 00:00:12')).toBeNull();
  });
});
