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
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSummary } from './lib/mutation-summary.js';
import { buildRoadmap, currentCoverage, glanceFileStatuses, ROADMAP_MD, writeRoadmapFiles } from './lib/roadmap-build.js';
import { terminalTable } from './lib/roadmap-render.js';

const ROOT = join(import.meta.dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { json: { type: 'boolean' }, 'no-measure': { type: 'boolean' }, 'no-write': { type: 'boolean' } } });
  const log = (s: string) => process.stderr.write(s + '\n');
  const coverage = currentCoverage(ROOT, !values['no-measure'], log);
  const roadmap = buildRoadmap(ROOT, coverage, loadSummary(join(ROOT, 'reports-summary/mutation.json')), glanceFileStatuses());
  if (!values['no-write']) writeRoadmapFiles(ROOT, roadmap);
  if (values.json) process.stdout.write(JSON.stringify(roadmap, null, 1) + '\n');
  else process.stdout.write(terminalTable(roadmap) + (values['no-write'] ? '\n' : `\n\nwrote reports/roadmap.html, reports/roadmap.json and the status table of ${ROADMAP_MD}\n`));
}

await main();
