import { describe, expect, it } from 'vitest';
import { toggleRefused } from '../../../src/domain/compat/image-status.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';

describe('deactivate and reactivate as Glance answers them (ledger #22)', () => {
  it("quirk #22: deactivating from a status other than active is the domain's Forbidden (403), not a conflict", () => {
    const refused = toggleRefused('queued', 'deactivate');
    expect(refused).toMatchObject({ kind: 'Forbidden', status: recorded('image-quirks', 11).status });
    expect(refused.message).toBe(recordedExplanation('image-quirks', 11));
  });

  it('quirk #22: reactivating is refused the same way, naming the action', () => {
    expect(toggleRefused('saving', 'reactivate')).toMatchObject({ status: 403, message: "Not allowed to reactivate image in status 'saving'" });
  });
});
