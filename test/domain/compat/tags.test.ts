import { describe, expect, it } from 'vitest';
import { addTagThenCheck, checkCreateTags } from '../../../src/domain/compat/tags.js';
import { failure } from '../__test-helpers__/failures.js';

describe('the tag quota as Glance counts it (ledger #16)', () => {
  it('quirk #16: on create, duplicate tags count against the quota', () => {
    expect(failure(() => checkCreateTags(['a', 'a', 'a'], 2))).toMatchObject({
      kind: 'ImageTagLimitExceeded', message: 'The limit has been exceeded on the number of allowed image tags. Attempted: 3, Maximum: 2',
    });
    expect(() => checkCreateTags([], 0)).not.toThrow();
  });

  it('quirk #16: tag.update adds the tag before checking, so the refused tag is already in the set', () => {
    const tags = new Set(['a']);
    expect(failure(() => addTagThenCheck(tags, 'b', 1)).kind).toBe('ImageTagLimitExceeded');
    expect([...tags]).toEqual(['a', 'b']);
  });

  it('quirk #16: an existing tag passes a full quota (it does not grow the set)', () => {
    const tags = new Set(['a', 'b']);
    expect(() => addTagThenCheck(tags, 'a', 2)).not.toThrow();
    expect(tags.size).toBe(2);
  });
});
