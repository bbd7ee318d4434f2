import { describe, expect, it } from 'vitest';
import { popFirst, refuseTextOnlyFilters, timeFilterOverflow, unknownSortDir } from '../../../src/domain/compat/listing.js';
import { OverflowError, ValueError } from '../../../src/lib/python.js';
import { MultiDict } from '../../../src/lib/webob/index.js';
import { failure } from '../__test-helpers__/failures.js';

describe('the image listing query as Glance reads it (ledger #25, #34, #35)', () => {
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
});
