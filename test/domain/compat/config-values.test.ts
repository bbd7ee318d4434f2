import { describe, expect, it } from 'vitest';
import { LEGACY_SECTION_HEADERS, STORAGE_QUOTA_PATTERN } from '../../../src/domain/compat/config-values.js';

describe('deployment values read as Python 3 reads them (ledger #66, #67)', () => {
  it('quirk #66: a storage quota may end with one newline and use any Unicode decimal digits', () => {
    expect(STORAGE_QUOTA_PATTERN.test('10\n')).toBe(true);
    expect(STORAGE_QUOTA_PATTERN.test('١٠KB')).toBe(true);
    expect(STORAGE_QUOTA_PATTERN.test('10\n\n')).toBe(false);
    expect(STORAGE_QUOTA_PATTERN.test('10 KB')).toBe(false);
  });

  it("quirk #67: section headers are read with Python 3's greedy pattern, not 2.7's", () => {
    expect(LEGACY_SECTION_HEADERS).toBe(false);
  });
});
