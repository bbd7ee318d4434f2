/**
 * Per layer of src/legacy, how close the legacy path is to removal.
 *
 *   npm run roadmap                  # terminal table, reports/roadmap.html, ROADMAP.md status table
 *   npm run roadmap -- --json        # the same numbers as JSON on stdout
 *   npm run roadmap -- --no-measure  # never run the coverage measurement, even when stale
 *   npm run roadmap -- --no-write    # write no file (reports/, ROADMAP.md): only print
 *
 * npm prints its own "> glance-peel@... roadmap" banner on stdout before the
 * script runs; `npm run -s roadmap -- --json` (or `npx tsx scripts/roadmap.ts
 * --json`) leaves stdout to the JSON alone.
 *
 * Coverage comes from reports/coverage-equivalence/summary.json; when it is
 * missing or its sources changed since, it is measured first (300
 * scenarios: 70 to 170 s on 2 cores, depending on what else runs). Mutation scores come from the committed
 * reports-summary/mutation.json (`npm run mutation` refreshes them).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLedger } from '../src/shared/ledger.js';
import { loadCoverageSummary, measureCoverage } from './coverage-equivalence.js';
import { allStatuses, replaceBetweenMarkers } from './glance-tests.js';
import { sourceFingerprint, type CoverageSummary } from './lib/coverage.js';
import { headCommit } from './lib/git.js';
import { layerInventories } from './lib/inventory.js';
import { loadSummary, type MutationSummary } from './lib/mutation-summary.js';
import { metadefFiles, METADEF_LAYERS } from './lib/metadef-sections.js';
import { loadExplanations, explainedTargetScore, type Explanations } from './lib/roadmap-explained.js';
import { flatMutation, layerRow, metadefRow, type GlanceFileStatus, type LayerRow, type Roadmap } from './lib/roadmap-model.js';
import { htmlReport, markdownStatus, terminalTable } from './lib/roadmap-render.js';

const ROOT = join(import.meta.dirname, '..');
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

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { json: { type: 'boolean' }, 'no-measure': { type: 'boolean' }, 'no-write': { type: 'boolean' } } });
  const log = (s: string) => process.stderr.write(s + '\n');
  const coverage = currentCoverage(ROOT, !values['no-measure'], log);
  const roadmap = buildRoadmap(ROOT, coverage, loadSummary(join(ROOT, 'reports-summary/mutation.json')), glanceFileStatuses());
  if (!values['no-write']) writeRoadmapFiles(ROOT, roadmap);
  if (values.json) process.stdout.write(JSON.stringify(roadmap, null, 1) + '\n');
  else process.stdout.write(terminalTable(roadmap) + (values['no-write'] ? '\n' : `\n\nwrote reports/roadmap.html, reports/roadmap.json and the status table of ${ROADMAP_MD}\n`));
}

if (process.argv[1]?.endsWith('roadmap.ts')) await main();
