import { describe, expect, it } from 'vitest';
import { ownerChangeRefused } from '../../../src/domain/compat/image-owner.js';
import { admin, alice } from '../__test-helpers__/actors.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';

describe("an image's owner changed through PATCH as Glance guards it (ledger #15b)", () => {
  it('quirk #15b: only replace /owner is refused to a non-admin; add /owner is let through', () => {
    expect(ownerChangeRefused('replace', 'owner', alice())).toBe(true);
    expect(recorded(275, 8).status).toBe(403);
    expect(recorded(275, 8).text).toContain("Owner can't be updated by non admin.");
    expect(ownerChangeRefused('add', 'owner', alice())).toBe(false);
    expect(ownerChangeRefused('replace', 'owner', admin())).toBe(false);
    expect(ownerChangeRefused('replace', 'name', alice())).toBe(false);
  });

  it('quirk #15b: let through, add /owner answers 404 on a private image and gives a community image away', () => {
    expect(recorded('image-quirks', 1).status).toBe(404);
    expect(recordedExplanation('image-quirks', 1)).toBe('No image found with ID 11111111-1111-4111-8912-000000000001');
    expect(recorded('image-quirks', 3)).toMatchObject({ status: 200, json: { owner: 'p-bob', visibility: 'community' } });
  });
});
