/**
 * Golden masters: a fixed-seed sample of generated scenarios, recorded on
 * the legacy model with `peel record` into test/characterization/golden/.
 * Rerun only when the legacy model's behaviour is meant to change.
 *
 *   npx tsx scripts/golden.ts [--count 40] [--seed 1]
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { main as peel } from '../src/cli.js';
import { scenarioArb, scenarioText } from '../src/characterization/format1/scenario.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { count: { type: 'string', default: '40' }, seed: { type: 'string', default: '1' } } });
const count = Number(values.count);
const seed = Number(values.seed);
const dir = mkdtempSync(join(tmpdir(), 'peel-golden-'));
const files = fc.sample(scenarioArb, { numRuns: count, seed }).map((scenario, i) => {
  const path = join(dir, `gen-s${seed}-${String(i + 1).padStart(3, '0')}.scenario.json`);
  writeFileSync(path, scenarioText({ ...scenario, name: `generated, seed ${seed}, #${i + 1}` }));
  return path;
});
const out = join(import.meta.dirname, '../test/characterization/golden');
const code = await peel(['record', '--model', 'legacy', '--out-dir', out, ...files]);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${files.length} golden masters recorded in test/characterization/golden (seed ${seed})\n`);
process.exitCode = code;
