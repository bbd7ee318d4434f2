import { describe, expect, it } from 'vitest';
import {
  chargedOwner, echoedKeys, locationsHidden, removalFailure, replacedLocations, urlValueError, USAGE_EXCLUDED_ON_ADD,
} from '../../../src/domain/compat/locations.js';
import { urlparse } from '../../../src/shared/store/urlparse.js';
import { raised } from '../__test-helpers__/failures.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';
import { DomainError } from '../../../src/domain/errors.js';
import type { Location } from '../../../src/domain/images/image.js';
import { actor, admin, alice } from '../__test-helpers__/actors.js';

describe('locations and the storage quota as Glance handles them (ledger #13, #14, #20, #21, #31)', () => {
  it("quirk #20: storage is charged to the caller's project, whoever owns the image", () => {
    expect(chargedOwner(alice())).toBe('p-alice');
    expect(chargedOwner(admin())).toBe('p-admin');
  });

  it('quirk #20: adding a location leaves no image out of the usage it counts', () => {
    expect(USAGE_EXCLUDED_ON_ADD).toBeNull();
  });

  it('quirk #14: replaced locations keep no row ids and all become active', () => {
    const wanted: Location[] = [{ url: 'http://a', metadata: new Map(), status: 'pending' }, { url: 'http://b', metadata: new Map(), status: 'x' }];
    const stored = replacedLocations(wanted);
    expect(stored.map((l) => [l.url, l.status, l.id])).toEqual([['http://a', 'active', undefined], ['http://b', 'active', undefined]]);
  });

  it('quirk #13: a Glance failure while removing a location answers 500 with its text; other errors pass through', () => {
    const denied = removalFailure(new DomainError('Forbidden', 'You are not authorized to complete delete_image_location action.'));
    expect(denied).toMatchObject({ kind: 'HTTPInternalServerError', status: 500, message: 'You are not authorized to complete delete_image_location action.' });
    const other = new RangeError('x');
    expect(removalFailure(other)).toBe(other);
  });

  it('quirk #21: a non-admin reads no locations of a deactivated image; an admin does, and so does anyone of an active one', () => {
    expect(locationsHidden(alice(), 'deactivated')).toBe(true);
    expect(locationsHidden(admin(), 'deactivated')).toBe(false);
    expect(locationsHidden(actor('p-bob'), 'active')).toBe(false);
  });

  it('quirk #31: extra keys of a new location are kept on it (echoed by the PATCH) but never stored', () => {
    expect(echoedKeys({ url: 'http://example.com/a', metadata: {}, extra: 1 })).toEqual({ extra: 1 });
    expect(echoedKeys({ url: 'http://example.com/a', metadata: {}, status: 'active', id: 3 })).toEqual({});
    const answered = recorded(260, 3).json as { locations: Record<string, unknown>[] };
    expect(answered.locations[0]).toEqual({ extra: 1, url: 'http://example.com/a', metadata: {} });
    const read = recorded(260, 6).json as { locations: Record<string, unknown>[] };
    expect(read.locations.some((l) => 'extra' in l)).toBe(false);
  });

  it("quirk #31: a URL urlparse refuses (malformed IPv6 host) is a 400 with Python's ValueError text", () => {
    const e = urlValueError(raised(() => urlparse('http://[::1/a')));
    expect(e).toMatchObject({ kind: 'BadValue', status: recorded('image-quirks', 4).status });
    expect(e?.message).toBe(recordedExplanation('image-quirks', 4));
    expect(urlValueError(new DomainError('BadStoreUri', 'Invalid location'))).toBeNull();
  });
});
