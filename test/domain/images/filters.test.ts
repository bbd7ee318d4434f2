import { describe, expect, it } from 'vitest';
import { readFilters, splitFilterOp, splitForQuotes } from '../../../src/domain/images/filters.js';
import { DomainError } from '../../../src/domain/errors.js';
import { MultiDict } from '../../../src/lib/webob/multidict.js';

describe('filter operators', () => {
  it('defaults to eq and splits op:value at the first colon', () => {
    expect(splitFilterOp('alpha')).toEqual(['eq', 'alpha']);
    expect(splitFilterOp('in:a,b')).toEqual(['in', 'a,b']);
    expect(splitFilterOp('gt:2018-02-28T00:00:01Z')).toEqual(['gt', '2018-02-28T00:00:01Z']);
  });

  it('keeps a whole ISO time with colons as an eq value', () => {
    expect(splitFilterOp('2018-02-28T00:00:01Z')).toEqual(['eq', '2018-02-28T00:00:01Z']);
  });

  it('splits in: lists on commas, keeping quoted commas', () => {
    expect(splitForQuotes('"alpha,beta",gamma')).toEqual(['alpha,beta', 'gamma']);
    expect(splitForQuotes('a,,b')).toEqual(['a', '', 'b']);
    expect(splitForQuotes('')).toEqual([]);
  });

  it('refuses unbalanced quotes as InvalidParameterValue', () => {
    expect(() => splitForQuotes('"open')).toThrow(DomainError);
    expect(() => splitForQuotes('a"b"')).toThrow('There is no comma before opening quotation mark.');
  });
});

describe('time filters, read with the ISO 8601 parser Glance uses', () => {
  const conditions = (value: string) => () => readFilters(new MultiDict<unknown>([['created_at', value]]));
  const failure = (run: () => unknown): DomainError => {
    try {
      run();
    } catch (e) {
      if (e instanceof DomainError) return e;
    }
    throw new Error('no domain failure');
  };

  it('refuses an offset of 24 hours or more as a bad filter (400), as iso8601 does', () => {
    const e = failure(conditions('gt:2018-01-01T00:00:00+23:99'));
    expect([e.status, e.message]).toEqual([400, 'Bad "created_at" query filter format. Use ISO 8601 DateTime notation.']);
  });

  it('lets a time that normalises before year 1 escape as OverflowError (500)', () => {
    const e = failure(conditions('gt:0001-01-01T00:00:00+01:00'));
    expect([e.status, e.kind]).toEqual([500, 'OverflowError']);
  });

  it('compares with the microseconds as written, not through a float', () => {
    const [condition] = readFilters(new MultiDict<unknown>([['created_at', 'gt:2018-01-01T00:00:00.000249Z']])).conditions;
    expect(condition).toMatchObject({ kind: 'compare', column: 'created_at', op: '>', value: { micro: 249 } });
  });
});

describe('repeated filters', () => {
  it('take the first visibility and checksum and keep the other values as conditions (the last of them)', () => {
    const { conditions, visibility } = readFilters(new MultiDict<unknown>([['visibility', 'public'], ['checksum', 'a'], ['visibility', 'private'], ['checksum', 'b'], ['checksum', 'c']]));
    expect(visibility).toBe('public');
    expect(conditions).toEqual([
      { kind: 'compare', column: 'checksum', op: '=', value: 'a' },
      { kind: 'compare', column: 'visibility', op: '=', value: 'private' },
      { kind: 'compare', column: 'checksum', op: '=', value: 'c' },
    ]);
  });
});
