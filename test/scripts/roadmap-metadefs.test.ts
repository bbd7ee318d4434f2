/**
 * The roadmap's metadef rows: where a layer's metadef part is (its
 * "metadefs" section, or a whole metadef file), and how the row counts the
 * methods, functions and branches inside it, its mutation target and the
 * Glance tests of its metadef classes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoverageSummary } from '../../scripts/lib/coverage.js';
import type { LayerInventory } from '../../scripts/lib/inventory.js';
import { metadefFiles, metadefRanges, METADEF_LAYERS } from '../../scripts/lib/metadef-sections.js';
import { EMPTY_SUMMARY, metadefTarget, scoreOf, type MutationSummary } from '../../scripts/lib/mutation-summary.js';
import { metadefRow } from '../../scripts/lib/roadmap-model.js';
import { terminalTable } from '../../scripts/lib/roadmap-render.js';
import { METADEF_ACTIONS } from '../../src/domain/metadefs/http.js';

const ROOT = join(import.meta.dirname, '../..');

function scratch(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'peel-roadmap-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('metadef ranges', () => {
  it('a shared layer file has its metadefs section, from the marker to the next one or the end', () => {
    const root = scratch({
      'src/legacy/policy.ts': ['a', '// ================================================================ metadefs', 'b', 'c', '// ================================================================ later', 'd'].join('\n'),
      'src/legacy/notifier.ts': ['a', '// ================================================================ metadefs', 'b'].join('\n'),
    });
    expect(metadefRanges(root, 'src/legacy/policy.ts')).toEqual([{ start: 2, end: 4 }]);
    expect(metadefRanges(root, 'src/legacy/notifier.ts')).toEqual([{ start: 2, end: 3 }]);
  });

  it('a metadef db api file is metadefs throughout, a file without the section has none', () => {
    const root = scratch({ 'src/legacy/quota.ts': 'x\n' });
    expect(metadefRanges(root, 'src/legacy/db/metadef-api/tag.ts')).toEqual([{ start: 1, end: Number.MAX_SAFE_INTEGER }]);
    expect(metadefRanges(root, 'src/legacy/quota.ts')).toEqual([]);
  });

  it('every layer with metadef classes has a metadef part in this checkout, and no other layer does', () => {
    expect(METADEF_LAYERS).toEqual(['authorization', 'notifier', 'policy', 'db', 'domain core']);
    for (const layer of METADEF_LAYERS) expect(metadefFiles(ROOT, layer).size, layer).toBeGreaterThan(0);
    expect(metadefFiles(ROOT, 'quota').size).toBe(0);
  });
});

describe('a metadef row', () => {
  const inventory: LayerInventory = {
    layer: 'policy',
    files: ['src/legacy/policy.ts'],
    classes: ['ImageProxy', 'MetadefTagProxy'],
    callables: [
      { layer: 'policy', file: 'src/legacy/policy.ts', className: 'ImageProxy', name: 'save', kind: 'method', line: 10 },
      { layer: 'policy', file: 'src/legacy/policy.ts', className: 'MetadefTagProxy', name: 'constructor', kind: 'constructor', line: 110 },
      { layer: 'policy', file: 'src/legacy/policy.ts', className: 'MetadefTagRepoProxy', name: 'get', kind: 'method', line: 120 },
    ],
  };
  const ranges = new Map([['src/legacy/policy.ts', [{ start: 100, end: 200 }]]]);
  const coverage: CoverageSummary = {
    generatedAt: '2026-12-01T00:00:00.000Z', commit: 'abc', fingerprint: 'f', runs: 1, seed: 1, agreeing: 1, seconds: 1,
    ops: Object.fromEntries(METADEF_ACTIONS.map((a) => [a, { agreed: 2, disagreed: 0 }])),
    files: {
      'src/legacy/policy.ts': {
        functions: { total: 3, covered: 2 },
        branches: { total: 6, covered: 3 },
        fns: [
          { name: 'save', line: 10, column: 2, endLine: 12, calls: 5 },
          { name: 'MetadefTagProxy', line: 110, column: 2, endLine: 112, calls: 1 },
          { name: 'get', line: 120, column: 2, endLine: 123, calls: 0 },
        ],
        branchLines: [[11, 2, 2], [121, 4, 1]],
      },
    },
  };
  const mutation: MutationSummary = {
    format: 'peel-mutation-summary/1',
    targets: {
      [metadefTarget('policy')]: {
        measuredAt: '2026-12-01T00:00:00.000Z', commit: 'abc', seconds: 1, mutate: ['src/legacy/policy.ts'],
        baseline: { examplesLegacy: 1, examplesFlat: 1, generated: 1, sampled: 1 },
        score: 0.75, files: { 'src/legacy/policy.ts': scoreOf(['Killed', 'Killed', 'Killed', 'Survived']) },
      },
    },
  };
  const glance = [{ file: 'v2/test_metadef_resources.py', cases: 167, ported: 167, notPorted: 0, missing: 0 }];

  it('counts only what lies in the metadef ranges', () => {
    const row = metadefRow(inventory, ranges, coverage, mutation, glance);
    expect(row.label).toBe('policy · metadefs');
    expect(row.classes).toBe(15);
    expect(row.methods).toEqual({ total: 2, covered: 1 });
    expect(row.unexercised).toEqual(['policy.ts:120 MetadefTagRepoProxy.get']);
    expect(row.functions).toEqual({ total: 2, covered: 1 });
    expect(row.branches).toEqual({ total: 4, covered: 1 });
  });

  it('reads its own mutation target, the metadef Glance tests and the metadef actions of the HTTP runs', () => {
    const row = metadefRow(inventory, ranges, coverage, mutation, glance);
    expect(row.mutation?.score).toBe(0.75);
    expect(row.glance).toMatchObject({ cases: 167, ported: 167 });
    expect(row.flat).toMatchObject({ covers: true, ops: METADEF_ACTIONS });
  });

  it('without measurements it says so, and the tables print it under its own label', () => {
    const row = metadefRow(inventory, ranges, null, EMPTY_SUMMARY, glance);
    expect(row.branches).toBeNull();
    expect(row.mutation).toBeNull();
    const table = terminalTable({ generatedAt: '2026-12-01T00:00:00.000Z', commit: 'x', coverage: null, layers: [], metadefs: [row], ledger: [], cycle1Done: false });
    expect(table).toMatch(/policy · metadefs\s+15\s+0\/2 \(0\.0%\)/);
  });
});
