import { describe, expect, it } from 'vitest';
import { createOnSaveFailure, idLongerThanColumn, saveCreates } from '../../../src/domain/compat/image-db.js';
import { DomainError } from '../../../src/domain/errors.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';

describe("the image db api's accidents (ledger #70, #71)", () => {
  it('quirk #70: an id longer than the column is not found with the placeholder left in the text', () => {
    // Example 348 step 1: a listing marker of 40 characters.
    expect(idLongerThanColumn()).toMatchObject({ kind: 'ImageNotFound', message: recordedExplanation(348, 1) });
  });

  it("quirk #71: a save to a falsy id is a create, to any other id an update", () => {
    // Example 350 step 1: PATCH add /image_id "" answers the new image, whose id is ''.
    expect((recorded(350, 1).json as { id: string }).id).toBe('');
    expect(saveCreates('')).toBe(true);
    expect(saveCreates('aaaaaaaa-0000-4000-8000-000000000002')).toBe(false);
  });

  it("quirk #71: a second image '' escapes as a bare 500; other failures stay as they are", () => {
    // Example 350 step 4: the second save to '' answers 500.
    expect(recorded(350, 4).status).toBe(500);
    const escaped = createOnSaveFailure(new DomainError('Duplicate', 'Image ID  already exists!'));
    expect(escaped).toMatchObject({ status: 500, crashed: true, glanceClass: 'Duplicate' });
    const invalid = new DomainError('Invalid', "'min_disk' value out of range, must not exceed 2147483647.");
    expect(createOnSaveFailure(invalid)).toBe(invalid);
  });
});
