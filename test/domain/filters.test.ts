import { describe, expect, it } from 'vitest';
import { splitFilterOp, splitForQuotes } from '../../src/domain/images/listing.js';
import { collectionLinks, queryPairs } from '../../src/domain/links.js';
import { parseIsotime } from '../../src/domain/rules/isotime.js';
import { DomainError } from '../../src/domain/errors.js';

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

describe('ISO 8601 times as iso8601.parse_date reads them', () => {
  it('reads a date alone as midnight UTC', () => {
    expect(parseIsotime('2018-02-28')?.ms).toBe(Date.UTC(2018, 1, 28));
  });

  it('applies an offset', () => {
    expect(parseIsotime('2018-02-28T01:00:00+01:00')?.ms).toBe(Date.UTC(2018, 1, 28));
  });

  it('keeps microseconds apart', () => {
    expect(parseIsotime('2018-02-28T00:00:00.123456Z')?.micro).toBe(123456);
  });

  it('refuses text that is not a time and impossible dates', () => {
    expect(parseIsotime('yesterday')).toBeNull();
    expect(parseIsotime('2018-02-30')).toBeNull();
    expect(parseIsotime('201802')).toBeNull();
  });
});

describe('collection links', () => {
  it('keeps each key once at its first position with its last value, marker last', () => {
    const pairs = queryPairs({ limit: 2, marker: 'm1', sort_key: ['name', 'size'], filters: { tags: ['a', 'b'] } }, true);
    expect(collectionLinks('/v2/images', pairs, 'm2')).toEqual({
      first: '/v2/images?limit=2&sort_key=size&tag=b',
      next: '/v2/images?limit=2&sort_key=size&tag=b&marker=m2',
    });
  });

  it('quotes values as urlencode does', () => {
    expect(collectionLinks('/v2/images', [['name', 'in:"a b",c']], null).first).toBe('/v2/images?name=in%3A%22a+b%22%2Cc');
  });

  it('has no query when nothing was asked', () => {
    expect(collectionLinks('/v2/tasks', [], null)).toEqual({ first: '/v2/tasks' });
  });
});
