/**
 * The roadmap's per-layer aggregation, on a small coverage fixture: which
 * methods count as exercised, the layer's ratios, its criteria and
 * progress, and the rewriting of ROADMAP.md between its markers.
 */
import { describe, expect, it } from 'vitest';
import { replaceBetweenMarkers } from '../../scripts/lib/glance-tests.js';
import { summarizeFile, type CoverageSummary, type IstanbulCoverage } from '../../scripts/lib/coverage.js';
import type { LayerInventory } from '../../scripts/lib/inventory.js';
import { EMPTY_SUMMARY, scoreOf, type MutationSummary } from '../../scripts/lib/mutation-summary.js';
import { callableCalls, layerRow, THRESHOLDS, type GlanceFileStatus } from '../../scripts/lib/roadmap-model.js';
import { markdownStatus, htmlReport, terminalTable } from '../../scripts/lib/roadmap-render.js';

const pos = (line: number, column = 0) => ({ line, column });
const range = (a: number, b: number, col = 0) => ({ start: pos(a, col), end: pos(b, 1) });

/** quota.ts with an esbuild helper, two methods called, one not. */
const istanbul: IstanbulCoverage = {
  '/repo/src/legacy/quota.ts': {
    fnMap: {
      0: { name: '__name', decl: range(7, 7), loc: range(7, 7), line: 7 },
      1: { name: 'save', decl: range(10, 14, 11), loc: range(10, 14, 11), line: 10 },
      2: { name: 'add', decl: range(16, 18, 11), loc: range(16, 18, 11), line: 16 },
      3: { name: 'get size', decl: range(20, 20, 2), loc: range(20, 20, 2), line: 20 },
    },
    f: { 0: 40, 1: 3, 2: 0, 3: 9 },
    branchMap: {
      0: { loc: range(7, 7), locations: [range(7, 7)] },
      1: { loc: range(11, 12), locations: [range(11, 11), range(12, 12)] },
      2: { loc: range(16, 18), locations: [range(16, 18)] },
    },
    b: { 0: [40], 1: [3, 0], 2: [0] },
  },
};

const inventory: LayerInventory = {
  layer: 'quota',
  files: ['src/legacy/quota.ts'],
  classes: ['ImageRepoProxy'],
  callables: [
    { layer: 'quota', file: 'src/legacy/quota.ts', className: 'ImageRepoProxy', name: 'save', kind: 'method', line: 10 },
    { layer: 'quota', file: 'src/legacy/quota.ts', className: 'ImageRepoProxy', name: 'add', kind: 'method', line: 16 },
    { layer: 'quota', file: 'src/legacy/quota.ts', className: 'ImageProxy', name: 'size', kind: 'getter', line: 20 },
    { layer: 'quota', file: 'src/legacy/quota.ts', className: null, name: 'unmapped', kind: 'function', line: 30 },
  ],
};

const coverage = (ops: CoverageSummary['ops']): CoverageSummary => ({
  generatedAt: '2026-11-27T05:00:00.000Z',
  commit: 'abc',
  fingerprint: 'f',
  runs: 10,
  seed: 1,
  agreeing: 5,
  seconds: 1,
  ops,
  files: { 'src/legacy/quota.ts': summarizeFile(istanbul['/repo/src/legacy/quota.ts']!) },
});

const allQuotaOpsAgree = Object.fromEntries(['image.create', 'image.update', 'image.upload', 'tag.update', 'member.create'].map((op) => [op, { agreed: 4, disagreed: 0 }]));
const glance: GlanceFileStatus[] = [
  { file: 'test_quota.py', cases: 10, ported: 6, notPorted: 2, missing: 2 },
  { file: 'test_auth.py', cases: 50, ported: 50, notPorted: 0, missing: 0 },
];
const mutation: MutationSummary = {
  format: 'peel-mutation-summary/1',
  targets: {
    'layer:quota': {
      measuredAt: '2026-11-27T04:00:00.000Z', commit: 'abc', seconds: 60, mutate: ['src/legacy/quota.ts'],
      baseline: { examplesLegacy: 1, examplesFlat: 1, generated: 1, sampled: 1 },
      score: 0.9, files: { 'src/legacy/quota.ts': scoreOf(['Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'Survived']) },
    },
  },
};

describe('coverage summary', () => {
  it('drops the esbuild helper and its branch, keeps the rest', () => {
    const f = summarizeFile(istanbul['/repo/src/legacy/quota.ts']!);
    expect(f.functions).toEqual({ total: 3, covered: 2 });
    expect(f.branches).toEqual({ total: 3, covered: 1 });
    expect(f.fns.map((x) => x.name)).toEqual(['save', 'add', 'get size']);
  });
});

describe('roadmap aggregation per layer', () => {
  it('a method is exercised when the function on its line was called', () => {
    const c = coverage(allQuotaOpsAgree);
    const file = c.files['src/legacy/quota.ts'];
    expect(inventory.callables.map((m) => callableCalls(m, file))).toEqual([3, 0, 9, null]);
  });

  it('a method c8 leaves out (a computed key, which V8 leaves unnamed) takes the calls of the unnamed function on its line', () => {
    const file = { ...summarizeFile(istanbul['/repo/src/legacy/quota.ts']!), unnamed: [[30, 4]] as const };
    expect(inventory.callables.map((m) => callableCalls(m, file))).toEqual([3, 0, 9, 4]);
  });

  it('counts methods, functions, branches, Glance tests and the mutation score of the layer', () => {
    const row = layerRow(inventory, coverage(allQuotaOpsAgree), mutation, glance);
    expect(row.methods).toEqual({ total: 4, covered: 2 });
    expect(row.unexercised).toEqual(['quota.ts:16 ImageRepoProxy.add', 'quota.ts:30 unmapped']);
    expect(row.functions).toEqual({ total: 3, covered: 2 });
    expect(row.branches).toEqual({ total: 3, covered: 1 });
    expect(row.glance).toMatchObject({ cases: 10, ported: 6, notPorted: 2, missing: 2 });
    expect(row.mutation?.score).toBe(0.9);
    expect(row.flat.covers).toBe(true);
  });

  it('progress is the mean of each criterion against its threshold, capped at 1', () => {
    const row = layerRow(inventory, coverage(allQuotaOpsAgree), mutation, glance);
    const expected = (0.5 / THRESHOLDS.methodsExercised + (1 / 3) / THRESHOLDS.branches + 1 + 0.8 + 1) / 5;
    expect(row.progress).toBeCloseTo(expected, 10);
    expect(row.criteria.map((c) => c.met)).toEqual([false, false, true, false, true]);
    expect(row.done).toBe(false);
  });

  it('one disagreeing op, or an op never sampled, means the flat model does not cover the layer', () => {
    const disagreeing = layerRow(inventory, coverage({ ...allQuotaOpsAgree, 'image.upload': { agreed: 3, disagreed: 1 } }), mutation, glance);
    expect(disagreeing.flat).toMatchObject({ covers: false, disagreeing: ['image.upload'] });
    const { 'member.create': _gone, ...rest } = allQuotaOpsAgree;
    expect(layerRow(inventory, coverage(rest), mutation, glance).flat).toMatchObject({ covers: false, unseen: ['member.create'] });
  });

  it('without measurements the row says so instead of inventing numbers', () => {
    const row = layerRow(inventory, null, EMPTY_SUMMARY, glance);
    expect(row.functions).toBeNull();
    expect(row.mutation).toBeNull();
    expect(row.flat.covers).toBeNull();
    expect(row.criteria.find((c) => c.name === 'mutation score')).toMatchObject({ value: null, met: false });
  });
});

describe('roadmap output', () => {
  const row = layerRow(inventory, coverage(allQuotaOpsAgree), mutation, glance);
  const roadmap = {
    generatedAt: '2026-11-27T05:10:00.000Z', commit: 'def',
    coverage: { measuredAt: '2026-11-27T05:00:00.000Z', commit: 'abc', runs: 10, seed: 1, agreeing: 5, fresh: true },
    layers: [row], ledger: [], cycle1Done: false,
  };

  it('rewrites only the text between the roadmap-status markers', () => {
    const before = '# Roadmap\n\nintro\n<!-- roadmap-status:start -->\nold table\n<!-- roadmap-status:end -->\n\n<!-- ported-tests:start -->\nkeep\n<!-- ported-tests:end -->\n';
    const after = replaceBetweenMarkers(before, 'roadmap-status', markdownStatus(roadmap));
    expect(after).not.toContain('old table');
    expect(after).toContain('| quota | 1 | 2/4 (50.0%) |');
    expect(after.startsWith('# Roadmap\n\nintro\n<!-- roadmap-status:start -->\n')).toBe(true);
    expect(after.endsWith('<!-- roadmap-status:end -->\n\n<!-- ported-tests:start -->\nkeep\n<!-- ported-tests:end -->\n')).toBe(true);
    expect(replaceBetweenMarkers(after, 'roadmap-status', markdownStatus(roadmap))).toBe(after);
  });

  it('refuses a file without the markers', () => {
    expect(() => replaceBetweenMarkers('# Roadmap\n', 'roadmap-status', 'x')).toThrow(/markers/);
  });

  it('the terminal table and the HTML page carry the same numbers', () => {
    expect(terminalTable(roadmap)).toMatch(/quota\s+1\s+2\/4 \(50\.0%\)/);
    const html = htmlReport(roadmap);
    expect(html).toContain('<!doctype html>');
    expect(html).toContain('2/4 (50.0%)');
    expect(html).toMatch(/class="bar"[^>]*><div style="width:\d+%">/);
    expect(html).not.toMatch(/<link|<script src/);
  });
});
