/**
 * Faithfulness soak: generated scenarios replayed on the legacy model and
 * on the real Glance 16.0.0 through the project's own driver
 * (tools/glance-driver), reporting the share of steps that agree. Each
 * disagreeing scenario is shrunk by dropping steps while it still
 * disagrees, then saved with Glance's trace as a new example fixture.
 *
 *   npm run faithfulness -- --runs 200 --seed 1 [--no-save] [--format 1]
 *   npm run faithfulness -- --emit DIR --runs 300 --seed 1   # only write the generated scenarios
 *
 * Without the driver's two prerequisites (python3-glance, a Glance 16.0.0
 * checkout) it says what to install and exits 0: CI never needs Glance.
 */
import fc from 'fast-check';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel } from '../src/shared/models.js';
import { runScenario } from '../src/shared/runner.js';
import type { Scenario } from '../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../src/shared/trace-diff.js';
import { traceText, type Trace } from '../src/shared/trace.js';
import type { Model } from '../src/shared/world.js';
import { scenarioArb, scenarioText } from '../test/characterization/generators/scenario.js';
import { driverUnavailable, replayOnGlance, ROOT } from './lib/faithfulness-driver.js';

const HELP = `npm run faithfulness -- [options]

Generated scenarios on the legacy model and on the real Glance 16.0.0
(tools/glance-driver), compared step by step.

  --runs N      how many scenarios (default 100)
  --seed S      fast-check seed (default: from the clock; printed)
  --format F    scenario format to generate: 1 (format 2 generation does not exist yet)
  --no-save     do not shrink and save disagreeing scenarios under examples/
  --emit DIR    write the generated scenarios to DIR and stop (no Glance needed)
  --help        this text

Needs Debian 12's python3-glance and a Glance 16.0.0 checkout in $GLANCE_SRC
(default /tmp/glance-16); see tools/glance-driver/README.md. Without them it
says what is missing and exits 0.
`;

/** The generator of each scenario format; format 2 joins when it exists. */
const GENERATORS: Record<string, fc.Arbitrary<Scenario> | undefined> = { '1': scenarioArb };

class UsageError extends Error {}

interface Options {
  runs: number;
  seed: number;
  format: string;
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
  if (!(values.format in GENERATORS)) throw new UsageError(values.format === '2' ? '--format 2: generating format-2 scenarios does not exist yet; only --format 1' : `--format: expected 1, got "${values.format}"`);
  const seed = values.seed !== undefined ? Number(values.seed) : (Date.now() ^ 0xfa17) | 0;
  return { runs: Number(values.runs), seed, format: values.format, save: !values['no-save'], emit: values.emit };
}

function generate(opts: Options): Scenario[] {
  return fc.sample(GENERATORS[opts.format] as fc.Arbitrary<Scenario>, { numRuns: opts.runs, seed: opts.seed });
}

/** Glance's traces, parsed; null where the driver refused a scenario. */
function glanceTraces(scenarios: readonly Scenario[]): Array<Trace | null> {
  return replayOnGlance(scenarios.map(scenarioText)).traces.map((t) => (t === null ? null : (JSON.parse(t) as Trace)));
}

function legacyTrace(model: Model, s: Scenario): Trace {
  return runScenario(s, scenarioText(s), model).trace;
}

function agreeingSteps(a: Trace, b: Trace): number {
  let n = 0;
  for (let k = 0; k < Math.min(a.steps.length, b.steps.length); k++) {
    if (firstDifference({ format: 'peel-trace/1', steps: [a.steps[k] as never] }, { format: 'peel-trace/1', steps: [b.steps[k] as never] }) === null) n++;
  }
  return n;
}

/** Drops steps one at a time while the scenario still disagrees (one driver run per round). */
function shrink(model: Model, scenario: Scenario, budget = 12): { scenario: Scenario; glance: Trace } {
  let current = scenario;
  let glance = glanceTraces([current])[0] as Trace;
  for (let round = 0; round < budget && current.steps.length > 1; round++) {
    const candidates = current.steps.map((_, i) => ({ ...current, steps: current.steps.filter((__, j) => j !== i) }));
    const traces = glanceTraces(candidates);
    const i = candidates.findIndex((c, j) => traces[j] && firstDifference(traces[j] as Trace, legacyTrace(model, c)) !== null);
    if (i < 0) break;
    current = candidates[i] as Scenario;
    glance = traces[i] as Trace;
  }
  return { scenario: current, glance };
}

function saveExample(scenario: Scenario, glance: Trace): string {
  const examples = join(ROOT, 'examples');
  const numbers = readdirSync(examples).map((f) => Number(/^(\d+)-/.exec(f)?.[1] ?? 0));
  const n = String(Math.max(0, ...numbers) + 1).padStart(3, '0');
  const base = `${n}-faithfulness-finding`;
  writeFileSync(join(examples, `${base}.scenario.json`), scenarioText({ ...scenario, name: 'found by the faithfulness soak: the legacy model disagreed with Glance 16.0.0' }));
  writeFileSync(join(examples, `${base}.trace.json`), traceText(glance));
  return `examples/${base}.scenario.json`;
}

function emit(dir: string, scenarios: readonly Scenario[], seed: number): void {
  mkdirSync(dir, { recursive: true });
  scenarios.forEach((s, i) => writeFileSync(join(dir, `generated-${String(i).padStart(5, '0')}.scenario.json`), scenarioText(s)));
  process.stdout.write(`wrote ${scenarios.length} generated scenarios (seed ${seed}) to ${dir}\n`);
}

async function soak(opts: Options): Promise<void> {
  const model = await loadModel('legacy');
  const scenarios = generate(opts);
  process.stderr.write(`faithfulness: ${scenarios.length} generated format-${opts.format} scenarios (seed ${opts.seed}) on the legacy model and on Glance 16.0.0\n`);
  const started = Date.now();
  const glance = glanceTraces(scenarios);
  let steps = 0;
  let agree = 0;
  let refused = 0;
  const disagreeing: Scenario[] = [];
  scenarios.forEach((s, i) => {
    const g = glance[i];
    if (!g) {
      refused++;
      return;
    }
    const ours = legacyTrace(model, s);
    steps += g.steps.length;
    agree += agreeingSteps(g, ours);
    const d = firstDifference(g, ours);
    if (d) {
      disagreeing.push(s);
      process.stdout.write(`disagrees (scenario ${i}): ${describeDifference(d)}\n`);
    }
  });
  const share = steps === 0 ? 1 : agree / steps;
  const refusedNote = refused ? `, ${refused} refused by the driver as invalid` : '';
  process.stdout.write(`${agree} of ${steps} steps agree (${(share * 100).toFixed(2)}%), ${disagreeing.length} of ${scenarios.length} scenarios disagree${refusedNote}, ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${opts.seed}\n`);
  if (disagreeing.length > 0) process.stdout.write(`reproduce: npm run faithfulness -- --runs ${opts.runs} --seed ${opts.seed} --no-save\n`);
  if (opts.save) {
    for (const s of disagreeing.slice(0, 5)) {
      const small = shrink(model, s);
      process.stdout.write(`saved ${saveExample(small.scenario, small.glance)} (${small.scenario.steps.length} steps)\n`);
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
    emit(opts.emit, generate(opts), opts.seed);
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
