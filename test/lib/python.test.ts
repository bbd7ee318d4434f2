import { describe, expect, it } from 'vitest';
import { KeyError, pyFormat, pyRepr, pyStr } from '../../src/lib/python.js';

describe('python semantics', () => {
  it('repr quotes strings the way CPython does', () => {
    expect(pyRepr('abc')).toBe("'abc'");
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr('a\'b"c')).toBe("'a\\'b\"c'");
    expect(pyRepr('tab\there')).toBe("'tab\\there'");
  });
  it('str of containers uses repr of the items', () => {
    expect(pyStr(['a', 1, null, true])).toBe("['a', 1, None, True]");
    expect(pyStr({ url: 'x', metadata: {} })).toBe("{'url': 'x', 'metadata': {}}");
    expect(pyStr(new Set())).toBe('set()');
  });
  it('formats %(name)s, %s and %d like Python', () => {
    expect(pyFormat('Image %(id)s is protected', { id: 'abc' })).toBe('Image abc is protected');
    expect(pyFormat('Attempted: %(attempted)s, Maximum: %(maximum)s', { attempted: 3, maximum: 2 })).toBe('Attempted: 3, Maximum: 2');
    expect(pyFormat('%s of %d', ['a', 3])).toBe('a of 3');
    expect(pyFormat('100%%', [])).toBe('100%');
    expect(() => pyFormat('%(missing)s', {})).toThrow(KeyError);
  });
  it('KeyError prints the repr of its key', () => {
    expect(new KeyError('foo').message).toBe("'foo'");
  });
});
