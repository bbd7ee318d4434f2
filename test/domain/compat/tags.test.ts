import { describe, expect, it } from 'vitest';
import { absentTag, addTagThenCheck, checkCreateTags, tagLimitExceeded } from '../../../src/domain/compat/tags.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';
import { failure } from '../__test-helpers__/failures.js';

describe('the tag quota as Glance counts it, and its answers (ledger #16, #30)', () => {
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

  it("quirk #30: deleting a tag the image does not have answers webob's stock 404 text", () => {
    expect(absentTag()).toMatchObject({ kind: 'HTTPNotFound', status: recorded('image-quirks', 19).status });
    expect(absentTag().message).toBe(recordedExplanation('image-quirks', 19));
  });

  it("quirk #30: tag.update's answer to the tag quota ends with a stray ':'", () => {
    const quota = 'The limit has been exceeded on the number of allowed image tags. Attempted: 3, Maximum: 2';
    const e = tagLimitExceeded('11111111-1111-4111-8237-000000000001', quota);
    expect(e.status).toBe(recorded(237, 4).status);
    expect(e.message).toBe(recordedExplanation(237, 4));
    expect(e.message.endsWith('Maximum: 2:')).toBe(true);
  });
});
