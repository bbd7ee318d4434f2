/**
 * Faithfulness soak: generated scenarios replayed on the legacy model and
 * on the real Glance 16.0.0 through the project's own driver
 * (tools/glance-driver), reporting the share of steps that agree. Each
 * disagreeing scenario is shrunk by dropping steps while it still
 * disagrees, then saved with Glance's trace as a new example fixture.
 *
 *   npm run faithfulness -- --runs 200 --seed 1 [--no-save] [--format 1|2]
 *   npm run faithfulness -- --emit DIR --runs 300 --seed 1   # only write the generated scenarios
 *
 * Without the driver's two prerequisites (python3-glance, a Glance 16.0.0
 * checkout) it says what to install and exits 0: CI never needs Glance.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel } from '../src/shared/models.js';
import type { Model } from '../src/shared/world.js';
import { judge, type Verdict } from './lib/faithfulness-compare.js';
import { driverUnavailable, replayOnGlance, ROOT } from './lib/faithfulness-driver.js';
import { FORMATS, withoutStep, type FormatKit, type Generated } from './lib/faithfulness-formats.js';

const HELP = `npm run faithfulness -- [options]

Generated scenarios on the legacy model and on the real Glance 16.0.0
(tools/glance-driver), compared step by step.

  --runs N      how many scenarios (default 100)
  --seed S      fast-check seed (default: from the clock; printed)
  --format F    1 (controller calls, default) or 2 (HTTP requests)
  --no-save     do not shrink and save disagreeing scenarios under examples/
  --emit DIR    write the generated scenarios to DIR and stop (no Glance needed)
  --help        this text

Needs Debian 12's python3-glance and a Glance 16.0.0 checkout in $GLANCE_SRC
(default /tmp/glance-16); see tools/glance-driver/README.md. Without them it
says what is missing and exits 0.
`;

class UsageError extends Error {}

interface Options {
  runs: number;
  seed: number;
  kit: FormatKit;
  save: boolean;
  emit: string | undefined;
}

function options(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: 'string', default: '100' }, seed: { type: 'string' }, format: { type: 'string', default: '1' }, 'no-save': { type: 'boolean', default: false }, emit: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return null;
  if (!/^\d+$/.test(values.runs)) throw new UsageError(`--runs: expected a whole number, got "${values.runs}"`);
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) throw new UsageError(`--seed: expected an integer, got "${values.seed}"`);
  const kit = FORMATS[values.format];
  if (!kit) throw new UsageError(`--format: expected 1 or 2, got "${values.format}"`);
  const seed = values.seed !== undefined ? Number(values.seed) : (Date.now() ^ 0xfa17) | 0;
  return { runs: Number(values.runs), seed, kit, save: !values['no-save'], emit: values.emit };
}

/** Each scenario judged against what Glance answered for it (one driver run for all). */
function judgeAll(kit: FormatKit, model: Model, scenarios: readonly Generated[]): Verdict[] {
  const texts = scenarios.map((s) => kit.text(s));
  const glance = replayOnGlance(texts).traces;
  const dir = mkdtempSync(join(tmpdir(), 'peel-faith-'));
  try {
    return texts.map((text, i) => judge(dir, `s${String(i).padStart(5, '0')}`, text, glance[i] ?? null, model));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function disagrees(v: Verdict): boolean {
  return v.kind === 'compared' && v.difference !== null;
}

/** Drops steps one at a time while the scenario still disagrees (one driver run per round). */
function shrink(kit: FormatKit, model: Model, scenario: Generated, budget = 12): Generated {
  let current = scenario;
  for (let round = 0; round < budget && current.steps.length > 1; round++) {
    const candidates = current.steps.map((_, i) => withoutStep(current, i));
    const verdicts = judgeAll(kit, model, candidates);
    const i = verdicts.findIndex(disagrees);
    if (i < 0) break;
    current = candidates[i] as Generated;
  }
  return current;
}

/** Saves the scenario with the trace Glance answers for it, as the next example of its format. */
function saveExample(kit: FormatKit, scenario: Generated): string {
  const dir = join(ROOT, kit.examplesDir);
  const numbers = readdirSync(dir).map((f) => Number(/^(\d+)-/.exec(f)?.[1] ?? 0));
  const base = `${String(Math.max(0, ...numbers) + 1).padStart(3, '0')}-faithfulness-finding`;
  const text = kit.text({ ...scenario, name: 'found by the faithfulness soak: the legacy model disagreed with Glance 16.0.0' });
  const trace = replayOnGlance([text]).traces[0];
  if (trace === null || trace === undefined) throw new Error('the Glance driver refused the shrunk scenario');
  writeFileSync(join(dir, `${base}.scenario.json`), text);
  writeFileSync(join(dir, `${base}.trace.json`), trace);
  return `${kit.examplesDir}/${base}.scenario.json`;
}

function emit(opts: Options): void {
  mkdirSync(opts.emit as string, { recursive: true });
  const scenarios = opts.kit.sample(opts.runs, opts.seed);
  scenarios.forEach((s, i) => writeFileSync(join(opts.emit as string, `generated-${String(i).padStart(5, '0')}.scenario.json`), opts.kit.text(s)));
  process.stdout.write(`wrote ${scenarios.length} generated format-${opts.kit.format} scenarios (seed ${opts.seed}) to ${opts.emit}\n`);
}

async function soak(opts: Options): Promise<void> {
  const model = await loadModel('legacy');
  const scenarios = opts.kit.sample(opts.runs, opts.seed);
  process.stderr.write(`faithfulness: ${scenarios.length} generated format-${opts.kit.format} scenarios (seed ${opts.seed}) on the legacy model and on Glance 16.0.0\n`);
  const started = Date.now();
  const verdicts = judgeAll(opts.kit, model, scenarios);
  let steps = 0;
  let agree = 0;
  let refused = 0;
  const disagreeing: Generated[] = [];
  verdicts.forEach((v, i) => {
    if (v.kind === 'refused') {
      refused++;
      return;
    }
    steps += v.steps;
    agree += v.agreeing;
    if (v.difference !== null) {
      disagreeing.push(scenarios[i] as Generated);
      process.stdout.write(`disagrees (scenario ${i}): ${v.difference}\n`);
    }
  });
  const share = steps === 0 ? 1 : agree / steps;
  const refusedNote = refused ? `, ${refused} refused by Glance as invalid` : '';
  process.stdout.write(`${agree} of ${steps} steps agree (${(share * 100).toFixed(2)}%), ${disagreeing.length} of ${scenarios.length} scenarios disagree${refusedNote}, ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${opts.seed}\n`);
  if (disagreeing.length > 0) process.stdout.write(`reproduce: npm run faithfulness -- --format ${opts.kit.format} --runs ${opts.runs} --seed ${opts.seed} --no-save\n`);
  if (opts.save) {
    for (const s of disagreeing.slice(0, 5)) {
      const small = shrink(opts.kit, model, s);
      process.stdout.write(`saved ${saveExample(opts.kit, small)} (${small.steps.length} steps)\n`);
    }
  }
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  if (opts === null) {
    process.stdout.write(HELP);
    return;
  }
  if (opts.emit !== undefined) {
    emit(opts);
    return;
  }
  const unavailable = driverUnavailable();
  if (unavailable) {
    process.stdout.write(`faithfulness: the Glance driver cannot start on this machine, nothing compared: ${unavailable}\n`);
    return;
  }
  await soak(opts);
}

main().catch((e: unknown) => {
  process.stderr.write(`faithfulness: ${(e as Error).message}\n`);
  process.exit(2);
});
