import { describe, expect, it } from 'vitest';
import { checkDict, checkParams, refuseFourByte } from '../../../src/domain/compat/four-byte.js';
import { failure } from '../__test-helpers__/failures.js';

describe("the db api's refusal of 4-byte text (ledger #33)", () => {
  it('quirk #33: a value outside the BMP is refused naming its key in title case', () => {
    expect(failure(() => checkDict([['os_distro', 'a😀']]))).toMatchObject({ kind: 'Invalid', status: 400, message: "Os_Distro can't contain 4 byte unicode characters." });
  });

  it('quirk #33: a key outside the BMP is refused as a property name', () => {
    expect(failure(() => checkDict([['k😀', 'v']])).message).toBe("Property names can't contain 4 byte unicode.");
  });

  it('looks into nested dicts (Maps and plain objects) but not into lists', () => {
    expect(failure(() => checkDict([['metadata', new Map([['k', '😀']])]])).message).toBe("K can't contain 4 byte unicode characters.");
    expect(failure(() => checkDict([['properties', { x: '😀' }]])).message).toBe("X can't contain 4 byte unicode characters.");
    expect(() => checkDict([['tags', ['😀']]])).not.toThrow();
    expect(() => checkDict([['created_at', new Date(0)]])).not.toThrow();
  });

  it('checks the dict before the plain arguments', () => {
    expect(failure(() => refuseFourByte({ name: 'n😀' }, 'ns😀')).message).toBe("Name can't contain 4 byte unicode characters.");
    expect(failure(() => refuseFourByte({ name: 'n' }, 'ns😀')).message).toBe("Param values can't contain 4 byte unicode.");
    expect(() => checkParams('a', 1, null, 'é')).not.toThrow();
  });
});
