import { describe, expect, it } from 'vitest';
import {
  isProxyAttribute, replacedExtraProperties, saveAfterBaseReplaced, setProxyAttribute,
} from '../../../src/domain/compat/proxy-attributes.js';
import { failure } from '../__test-helpers__/failures.js';

describe('PATCH paths resolved on the outermost image proxy (ledger #6)', () => {
  it("quirk #6: the proxy's own attributes and every Python object's count as attributes, per proxy chain", () => {
    expect(isProxyAttribute('context', true)).toBe(true);
    expect(isProxyAttribute('helper', true)).toBe(true);
    expect(isProxyAttribute('helper', false)).toBe(false);
    expect(isProxyAttribute('resource_name', false)).toBe(true);
    expect(isProxyAttribute('__doc__', false)).toBe(true);
    expect(isProxyAttribute('os_distro', true)).toBe(false);
  });

  it('quirk #6: setting __class__ or __dict__ to text is a TypeError naming the value type', () => {
    expect(failure(() => setProxyAttribute('__class__', 'x'))).toMatchObject({ kind: 'TypeError', message: "__class__ must be set to a class, not 'str' object" });
    expect(failure(() => setProxyAttribute('__dict__', 5)).message).toBe("__dict__ must be set to a dictionary, not a 'int'");
  });

  it("quirk #6: only `base` cuts the save off; other attributes are set and forgotten", () => {
    expect(setProxyAttribute('base', 'x')).toBe(true);
    expect(setProxyAttribute('context', 'x')).toBe(false);
    expect(failure(() => saveAfterBaseReplaced())).toMatchObject({ kind: 'AttributeError', message: "'str' object has no attribute 'image_id'" });
  });

  it('quirk #6: extra_properties set through PATCH replaces the whole dict; text makes it empty', () => {
    expect([...replacedExtraProperties({ a: '1', b: '2' })]).toEqual([['a', '1'], ['b', '2']]);
    expect(replacedExtraProperties('text').size).toBe(0);
    expect(replacedExtraProperties(null).size).toBe(0);
  });
});
