/**
 * Faithfulness soak: the equivalence generators fed to the legacy model
 * and to the real Glance 16.0.0 (the reference runner of ../shared/oracle,
 * where it is set up), reporting the share of steps that agree. Each
 * disagreeing scenario is shrunk by dropping steps while it still
 * disagrees, then saved with Glance's trace as a new example fixture.
 *
 *   npm run faithfulness -- --runs 200 --seed 1 [--no-save]
 *
 * Without the runner it says so and exits 0: CI never needs it.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel } from '../src/shared/models.js';
import { runScenario } from '../src/shared/runner.js';
import type { Scenario } from '../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../src/shared/trace-diff.js';
import { traceText, type Trace } from '../src/shared/trace.js';
import type { Model } from '../src/shared/world.js';
import { scenarioArb, scenarioText } from '../test/characterization/generators/scenario.js';

const ROOT = join(import.meta.dirname, '..');
const ORACLE = process.env.PEEL_ORACLE ?? join(ROOT, '../shared/oracle/run.py');
const PYTHON = process.env.PEEL_ORACLE_PYTHON ?? '/usr/bin/python3';
const GLANCE_SRC = process.env.GLANCE_SRC ?? '/tmp/glance-16';

/** Why the reference runner cannot run here, or null when it can. */
export function oracleUnavailable(): string | null {
  if (!existsSync(ORACLE)) return `no reference runner at ${ORACLE}`;
  if (!existsSync(PYTHON)) return `no ${PYTHON}`;
  if (!existsSync(join(GLANCE_SRC, 'glance/api/v2/images.py'))) return `no Glance 16.0.0 source in ${GLANCE_SRC} (see ../shared/oracle/README.md)`;
  const probe = spawnSync(PYTHON, ['-c', 'import glance_store, oslo_policy, webob'], { encoding: 'utf8' });
  if (probe.status !== 0) return "Glance's Python libraries are not installed (apt-get install python3-glance)";
  return null;
}

/** Runs the reference runner once on many scenarios; null where it refused one. */
function oracleTraces(scenarios: readonly Scenario[]): Array<Trace | null> {
  const dir = mkdtempSync(join(tmpdir(), 'peel-faith-'));
  try {
    const files = scenarios.map((s, i) => {
      const path = join(dir, `s${String(i).padStart(5, '0')}.scenario.json`);
      writeFileSync(path, scenarioText(s));
      return path;
    });
    const out = join(dir, 'out');
    spawnSync(PYTHON, [ORACLE, '--out-dir', out, ...files], { encoding: 'utf8', env: { ...process.env, GLANCE_SRC } });
    return files.map((f) => {
      const trace = join(out, f.split('/').pop()!.replace('.scenario.json', '.trace.json'));
      return existsSync(trace) ? (JSON.parse(readFileSync(trace, 'utf8')) as Trace) : null;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

/** Drops steps one at a time while the scenario still disagrees (one oracle call per round). */
function shrink(model: Model, scenario: Scenario, budget = 12): { scenario: Scenario; glance: Trace } {
  let current = scenario;
  let glance = oracleTraces([current])[0] as Trace;
  for (let round = 0; round < budget && current.steps.length > 1; round++) {
    const candidates = current.steps.map((_, i) => ({ ...current, steps: current.steps.filter((__, j) => j !== i) }));
    const traces = oracleTraces(candidates);
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

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: 'string', default: '100' }, seed: { type: 'string' }, 'no-save': { type: 'boolean', default: false } } });
  const unavailable = oracleUnavailable();
  if (unavailable) {
    process.stdout.write(`faithfulness: the reference runner is not set up on this machine (${unavailable}); nothing compared.\n`);
    return;
  }
  if (!/^\d+$/.test(values.runs ?? '')) throw new Error(`--runs: expected a whole number, got "${values.runs}"`);
  const seed = values.seed !== undefined ? Number(values.seed) : (Date.now() ^ 0xfa17) | 0;
  const model = await loadModel('legacy');
  const scenarios = fc.sample(scenarioArb, { numRuns: Number(values.runs), seed });
  process.stderr.write(`faithfulness: ${scenarios.length} generated scenarios (seed ${seed}) on the legacy model and on Glance 16.0.0\n`);
  const started = Date.now();
  const glance = oracleTraces(scenarios);
  let steps = 0;
  let agree = 0;
  const disagreeing: Scenario[] = [];
  scenarios.forEach((s, i) => {
    const g = glance[i];
    if (!g) return;
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
  process.stdout.write(`${agree} of ${steps} steps agree (${(share * 100).toFixed(2)}%), ${disagreeing.length} of ${scenarios.length} scenarios disagree, ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed}\n`);
  if (!values['no-save']) {
    for (const s of disagreeing.slice(0, 5)) {
      const small = shrink(model, s);
      process.stdout.write(`saved ${saveExample(small.scenario, small.glance)} (${small.scenario.steps.length} steps)\n`);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`faithfulness: ${(e as Error).message}\n`);
  process.exit(2);
});
