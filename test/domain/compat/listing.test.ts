import { describe, expect, it } from 'vitest';
import {
  imageNotVisible, markerLookupFailure, popFirst, propertyCondition, refuseTextOnlyFilters, timeFilterOverflow, unknownSortDir,
  visibilityScope,
} from '../../../src/domain/compat/listing.js';
import { DomainError } from '../../../src/domain/errors.js';
import { OverflowError, ValueError } from '../../../src/lib/python.js';
import { MultiDict } from '../../../src/lib/webob/index.js';
import { admin, alice, anonymous } from '../__test-helpers__/actors.js';
import { failure } from '../__test-helpers__/failures.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';

/** The fixture's images, by their number (11111111-1111-4111-8912-0000000000NN). */
const image = (n: number): string => `11111111-1111-4111-8912-${String(n).padStart(12, '0')}`;
const listed = (step: number): string[] => (recorded('image-quirks', step).json as { images: { id: string }[] }).images.map((i) => i.id);

describe('the image listing query as Glance reads it (ledger #3, #5, #25, #26, #34, #35)', () => {
  it('quirk #34: takes the first value of a repeated parameter and leaves the others behind as filters', () => {
    const params = new MultiDict<string>([['limit', '1'], ['limit', '2'], ['name', 'x']]);
    expect(popFirst(params, 'limit', null)).toBe('1');
    expect(params.items()).toEqual([['limit', '2'], ['name', 'x']]);
    expect(popFirst(params, 'marker', 'none')).toBe('none');
  });

  it('quirk #35: a properties or changes-since filter given as text fails as AttributeError (500)', () => {
    expect(failure(() => refuseTextOnlyFilters(new MultiDict([['properties', 'x']])))).toMatchObject({
      kind: 'AttributeError', message: "'str' object has no attribute 'items'", status: 500,
    });
    expect(failure(() => refuseTextOnlyFilters(new MultiDict([['changes-since', 'x']]))).message).toBe("'str' object has no attribute 'utcoffset'");
    expect(() => refuseTextOnlyFilters(new MultiDict([['name', 'x']]))).not.toThrow();
  });

  it('quirk #35: a time filter out of range escapes as OverflowError, any other error is not this quirk', () => {
    expect(timeFilterOverflow(new OverflowError('date value out of range'))).toMatchObject({ kind: 'OverflowError', status: 500 });
    expect(timeFilterOverflow(new ValueError('bad'))).toBeNull();
  });

  it('quirk #25: an unknown or missing sort direction escapes as KeyError (500) quoting it', () => {
    expect(unknownSortDir('up')).toMatchObject({ kind: 'KeyError', message: "'up'", status: 500 });
    expect(unknownSortDir(undefined).message).toBe("''");
  });

  it('quirk #3: an admin without a visibility is not shown community images; asking for community shows them', () => {
    expect(visibilityScope(admin(), null)).toEqual({ only: 'not-community-unless-owned', owner: 'p-admin' });
    expect(listed(12)).not.toContain(image(2));
    expect(visibilityScope(admin(), 'community')).toEqual({ only: 'asked', visibility: 'community' });
    expect(listed(13)).toEqual([image(2)]);
  });

  it('quirk #3: a caller with a project keeps its own community images, an anonymous one none', () => {
    expect(visibilityScope(alice(), undefined)).toEqual({ only: 'not-community-unless-owned', owner: 'p-alice' });
    expect(visibilityScope(anonymous(), null)).toEqual({ only: 'not-community' });
  });

  it("quirk #5: a marker the caller cannot see answers the lookup's 403, only a missing one the listing's 400", () => {
    const hidden = imageNotVisible(image(1));
    expect(recorded('image-quirks', 14).status).toBe(403);
    expect(hidden).toMatchObject({ kind: 'Forbidden', status: 403, message: recordedExplanation('image-quirks', 14) });
    expect(markerLookupFailure(hidden)).toBe(hidden);
    const missing = new DomainError('ImageNotFound', `No image found with ID ${image(99)}`);
    expect(markerLookupFailure(missing)).toMatchObject({ kind: 'MarkerNotFound', status: recorded('image-quirks', 15).status });
    expect((markerLookupFailure(missing) as DomainError).message).toBe(recordedExplanation('image-quirks', 15));
  });

  it("quirk #26: an extra-property filter's value is compared as given, 'in:' included", () => {
    expect(propertyCondition('foo', 'in:x,y')).toEqual({ kind: 'property', name: 'foo', value: 'in:x,y' });
    expect(listed(17)).toEqual([image(1)]);
    expect(listed(18)).toEqual([]);
  });
});
