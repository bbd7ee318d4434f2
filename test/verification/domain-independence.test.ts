import { describe, expect, it } from 'vitest';
import { findLegacyImports } from '../../scripts/lib/domain-independence.js';

describe('the flattened model stands alone', () => {
  it('src/domain imports nothing from src/legacy', () => {
    const findings = findLegacyImports();
    expect(findings.map((f) => `${f.filePath}:${f.lineNumber}: ${f.message}`)).toEqual([]);
  });
});
