import { describe, expect, it } from 'vitest';
import {
  createBodyNotADict, isMemberId, keyIn, notSubscriptable, pointerNotText, taskBodyNotADict,
} from '../../../src/domain/compat/request-bodies.js';

describe('request bodies read with Python operations (ledger #37, #38, #39)', () => {
  it("quirk #37: `key in body` finds a key of a dict and an equal string in a list, nothing in other values", () => {
    expect(keyIn(new Map([['self', 1]]), 'self')).toBe(true);
    expect(keyIn(['type', 'input'], 'type')).toBe(true);
    expect(keyIn(['typeX'], 'type')).toBe(false);
    expect(keyIn('type', 'type')).toBe(false);
    expect(keyIn(null, 'type')).toBe(false);
  });

  it('quirk #37: a list create or task body that passed the schema fails as a TypeError (500)', () => {
    expect(createBodyNotADict()).toMatchObject({ kind: 'TypeError', message: 'pop expected at most 1 argument, got 2', status: 500 });
    expect(taskBodyNotADict()).toMatchObject({ kind: 'TypeError', status: 500 });
  });

  it("quirk #38: a JSON-patch path that is not a str fails on .startswith, naming the value's Python type", () => {
    expect(pointerNotText(5)).toMatchObject({ kind: 'AttributeError', message: "'int' object has no attribute 'startswith'" });
    expect(pointerNotText(undefined).message).toBe("'NoneType' object has no attribute 'startswith'");
    expect(pointerNotText(['a']).message).toBe("'list' object has no attribute 'startswith'");
  });

  it('quirk #38: indexing a str or list by name wants an int; other values are not subscriptable', () => {
    expect(notSubscriptable('glance-direct').message).toBe('string indices must be integers or slices, not str');
    expect(notSubscriptable([]).message).toBe('list indices must be integers or slices, not str');
    expect(notSubscriptable(true).message).toBe("'bool' object is not subscriptable");
    expect(notSubscriptable(null)).toMatchObject({ kind: 'TypeError', message: "'NoneType' object is not subscriptable" });
  });

  it('quirk #39: any truthy JSON value is a member id; empty ones are not', () => {
    expect(isMemberId('p-bob')).toBe(true);
    expect(isMemberId(7)).toBe(true);
    expect(isMemberId(['x'])).toBe(true);
    expect(isMemberId('')).toBe(false);
    expect(isMemberId(0)).toBe(false);
    expect(isMemberId(new Map())).toBe(false);
  });
});
