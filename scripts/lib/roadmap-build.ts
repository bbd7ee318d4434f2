/** The roadmap of a checkout, built from measurements already made (`npm run roadmap` is its entry). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLedger } from '../../src/shared/ledger.js';
import { loadCoverageSummary, measureCoverage } from './coverage-measure.js';
import { allStatuses, replaceBetweenMarkers } from './glance-tests.js';
import { sourceFingerprint, type CoverageSummary } from './coverage.js';
import { headCommit } from './git.js';
import { layerInventories } from './inventory.js';
import { type MutationSummary } from './mutation-summary.js';
import { metadefFiles, METADEF_LAYERS } from './metadef-sections.js';
import { loadExplanations, explainedTargetScore, type Explanations } from './roadmap-explained.js';
import { flatMutation, layerRow, metadefRow, type GlanceFileStatus, type LayerRow, type Roadmap } from './roadmap-model.js';
import { htmlReport, markdownStatus } from './roadmap-render.js';

export const ROADMAP_MD = 'ROADMAP.md';
export const STATUS_MARKER = 'roadmap-status';

export function glanceFileStatuses(): GlanceFileStatus[] {
  return allStatuses().map((s) => ({ file: s.file, cases: s.cases, ported: s.ported.length, notPorted: s.notPorted.length, missing: s.missing.length }));
}

/** What keeps cycle 1 open, in words: each row's unmet criteria, and the flat files under their mutation threshold. */
export function blockersOf(rows: readonly LayerRow[], flat: Roadmap['flatMutation']): string[] {
  const out = rows.flatMap((r) => r.criteria.filter((c) => !c.met).map((c) => `${r.label ?? r.layer}: ${c.name} (${c.text})`));
  if (!flat) out.push('src/domain: mutation score not measured (npm run mutation)');
  else for (const f of flat.files.filter((x) => !x.met)) out.push(`src/domain: ${f.file} mutation ${f.score === null ? 'n/a' : `${(f.score * 100).toFixed(1)}%`} (target 85% per file)`);
  return out;
}

/** Entries of the explained-mutants file that match no survivor of any target they could belong to. */
function staleExplanations(mutation: MutationSummary, explanations: Explanations): Roadmap['staleExplanations'] {
  const stale = Object.entries(mutation.targets)
    .filter(([key]) => !key.startsWith('metadefs:'))
    .flatMap(([, t]) => explainedTargetScore(t, explanations.mutants).stale);
  const measured = new Set(Object.values(mutation.targets).flatMap((t) => Object.keys(t.files)));
  // An entry for a file no target measured is not stale: its file was not mutated yet.
  return stale.filter((e) => measured.has(e.file)).map((e) => ({ file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), mutator: e.mutator }));
}

/** Builds the roadmap of the checkout at `root` from measurements already made. */
export function buildRoadmap(root: string, coverage: CoverageSummary | null, mutation: MutationSummary, glance: readonly GlanceFileStatus[]): Roadmap {
  const explanations = loadExplanations(root);
  const inventories = layerInventories(root);
  const layers = inventories.map((inv) => layerRow(inv, coverage, mutation, glance, explanations));
  const metadefs = inventories
    .filter((inv) => (METADEF_LAYERS as readonly string[]).includes(inv.layer))
    .map((inv) => metadefRow(inv, metadefFiles(root, inv.layer as (typeof METADEF_LAYERS)[number]), coverage, mutation, glance, explanations));
  const ledger = loadLedger(join(root, 'divergence-ledger.json')).entries.map((e) => ({ id: e.id, summary: e.summary, right: e.right, scenario: e.scenario }));
  const flat = flatMutation(mutation, explanations);
  const blockers = blockersOf([...layers, ...metadefs], flat);
  return {
    generatedAt: new Date().toISOString(),
    commit: headCommit(root),
    coverage: coverage
      ? { measuredAt: coverage.generatedAt, commit: coverage.commit, runs: coverage.runs, seed: coverage.seed, agreeing: coverage.agreeing, fresh: coverage.fingerprint === sourceFingerprint(root) }
      : null,
    layers,
    metadefs,
    ledger,
    flatMutation: flat,
    staleExplanations: staleExplanations(mutation, explanations),
    blockers,
    cycle1Done: blockers.length === 0,
  };
}

/** The coverage summary, measured now when missing or stale (unless told not to). */
export function currentCoverage(root: string, measure: boolean, log: (s: string) => void, runs?: number): CoverageSummary | null {
  const existing = loadCoverageSummary(root);
  const fresh = existing !== null && existing.fingerprint === sourceFingerprint(root) && existing.ops !== undefined && (runs === undefined || existing.runs === runs);
  if (fresh || !measure) {
    if (!fresh) log(existing ? 'coverage is stale (sources changed): run `npm run coverage:equivalence`' : 'no coverage yet: run `npm run coverage:equivalence`');
    return existing;
  }
  log(existing ? 'coverage is stale, measuring it again...' : 'no coverage yet, measuring it...');
  return measureCoverage(root, runs);
}

export function writeRoadmapFiles(root: string, roadmap: Roadmap): void {
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'reports/roadmap.html'), htmlReport(roadmap));
  writeFileSync(join(root, 'reports/roadmap.json'), JSON.stringify(roadmap, null, 1) + '\n');
  const md = join(root, ROADMAP_MD);
  writeFileSync(md, replaceBetweenMarkers(readFileSync(md, 'utf8'), STATUS_MARKER, markdownStatus(roadmap)));
}
