/**
 * Format 2 (HTTP scenarios) replayed by each model and by the real Glance
 * 16.0.0 on the same workload: generated HTTP scenarios of a fixed seed,
 * the kind the equivalence soak checks, kept only where they resolve (every
 * `<uuid-N>` names an id a step made). Each model replays them as `peel
 * replay` does (fresh world, every request through the model's HTTP entry,
 * the trace normalised and written as text); the reference runner
 * (shared/oracle/run.py) replays the same files from a temp directory and
 * prints its own scenarios per second. Without the runner (or Glance's
 * source) the Glance ratio is reported as not measured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { httpScenarioArb, httpScenarioText } from '../src/characterization/http/scenario.js';
import { pyJsonLoads } from '../src/lib/pyjson.js';
import { runHttpScenario } from '../src/shared/http-runner.js';
import { validateHttpScenario, type HttpScenario } from '../src/shared/http-scenario.js';
import { httpTraceText } from '../src/shared/http-trace.js';
import { ScenarioError } from '../src/shared/scenario.js';
import type { Model } from '../src/shared/world.js';
import { lockstep, medianOf, rate, type Rate } from './timing.js';

/** The generated workload's seed: fixed, so every run replays the same scenarios. */
export const HTTP_REPLAY_SEED = 20181203;

export interface HttpReplayOptions {
  /** Generated scenarios drawn (those that do not resolve are left out). */
  readonly scenarios: number;
  readonly rounds: number;
}

interface Workload {
  readonly texts: readonly string[];
  readonly scenarios: readonly HttpScenario[];
  readonly steps: number;
}

/** The generated scenarios every model can run, with their text as files hold it. */
export function httpWorkload(count: number, probe: Model): Workload {
  const texts: string[] = [];
  const scenarios: HttpScenario[] = [];
  let steps = 0;
  for (const generated of fc.sample(httpScenarioArb, { numRuns: count, seed: HTTP_REPLAY_SEED })) {
    const text = httpScenarioText(generated);
    const scenario = validateHttpScenario(pyJsonLoads(text), '(bench)');
    try {
      runHttpScenario(scenario, text, probe);
    } catch (e) {
      if (e instanceof ScenarioError) continue;
      throw e;
    }
    texts.push(text);
    scenarios.push(scenario);
    steps += scenario.steps.length;
  }
  return { texts, scenarios, steps };
}

/** One replay as `peel replay` does it: the run and the trace text it writes. */
function replay(model: Model, scenario: HttpScenario, text: string): string {
  return httpTraceText(runHttpScenario(scenario, text, model).trace);
}

export interface GlanceRate {
  /** Scenarios per second as the runner prints it (wall clock, imports excluded). */
  readonly printed: number;
  /** The same scenarios per CPU second of the runner, interpreter start-up and imports excluded. */
  readonly cpu: number;
  /** Scenarios whose Glance trace is the legacy model's, byte for byte. */
  readonly agreeing: number;
}

export interface HttpReplayResult {
  readonly scenarios: number;
  readonly steps: number;
  /** Median scenarios per wall-clock and per CPU second, per model name. */
  readonly perSecond: Record<string, Rate>;
  readonly glance: GlanceRate | { readonly unmeasured: string };
  /** Generated scenarios left out because the reference runner could not record them. */
  readonly left: number;
}

/**
 * The reference runner replays the workload first: a scenario it cannot
 * record (it reports it invalid, or it stops the runner) is left out for
 * every replayer. Then both models replay the scenarios left in lockstep,
 * scenario by scenario, for `rounds` rounds (the median counts).
 */
export function measureHttpReplay(models: readonly Model[], options: HttpReplayOptions, progress: (text: string) => void): HttpReplayResult {
  const [probe] = models;
  if (probe === undefined) throw new Error('no model to measure');
  const generated = httpWorkload(options.scenarios, probe);
  progress(`format 2 replay: the reference runner on ${generated.texts.length} generated scenarios`);
  const glance = measureGlance(generated.texts);
  const kept = 'unmeasured' in glance ? generated.texts.map((_, i) => i) : glance.kept;
  const texts = kept.map((i) => generated.texts[i] as string);
  const scenarios = kept.map((i) => generated.scenarios[i] as HttpScenario);
  const steps = scenarios.reduce((n, s) => n + s.steps.length, 0);
  const n = scenarios.length;
  // A throwaway pass: otherwise the first model measured also pays for JIT warm-up.
  for (const m of models) for (let i = 0; i < Math.min(n, 20); i++) replay(m, scenarios[i] as HttpScenario, texts[i] as string);
  const samples = models.map((): Rate[] => []);
  for (let r = 0; r < options.rounds; r++) {
    progress(`format 2 replay: round ${r + 1}/${options.rounds}, ${n} scenarios per model`);
    const took = lockstep(models.length, n, (k, i) => void replay(models[k] as Model, scenarios[i] as HttpScenario, texts[i] as string));
    took.forEach((t, k) => samples[k]?.push(rate(n, t)));
  }
  const perSecond: Record<string, Rate> = {};
  models.forEach((m, k) => (perSecond[m.name] = medianOf(samples[k] ?? [])));
  if ('unmeasured' in glance) return { scenarios: n, steps, perSecond, glance, left: generated.texts.length - n };
  const agreeing = scenarios.filter((s, i) => glance.traces[i] === replay(probe, s, texts[i] as string)).length;
  return { scenarios: n, steps, perSecond, glance: { printed: glance.printed, cpu: glance.cpu, agreeing }, left: generated.texts.length - n };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = '/usr/bin/python3';

/** The reference runner: $PEEL_ORACLE, else shared/oracle/run.py beside the repository. */
function oraclePath(): string {
  return process.env['PEEL_ORACLE'] ?? join(ROOT, '..', 'shared', 'oracle', 'run.py');
}

/** Why the runner cannot be used here, or null. */
function oracleMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (!existsSync(oraclePath())) return `reference runner not found (${oraclePath()}; set PEEL_ORACLE)`;
  const glance = process.env['GLANCE_SRC'] ?? '/tmp/glance-16';
  if (!existsSync(join(glance, 'glance'))) return `Glance 16.0.0 source not found in ${glance} (GLANCE_SRC)`;
  return null;
}

interface OracleRun {
  readonly status: number | null;
  readonly stderr: string;
  /** CPU seconds of the runner process (user + system), from the shell's `times`. */
  readonly cpu: number;
}

/** Runs the reference runner through bash, whose `times` gives the runner's CPU time. */
function runOracle(args: readonly string[]): OracleRun {
  const script = '"$@"; rc=$?; times >&2; exit $rc';
  const r = spawnSync('bash', ['-c', script, 'oracle', PYTHON, oraclePath(), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const stderr = r.stderr ?? '';
  // `times` prints the shell's own user/sys, then its children's: the runner's.
  const lines = stderr.trimEnd().split('\n');
  const children = lines[lines.length - 1] ?? '';
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { status: r.status, stderr, cpu: secs.reduce((a, b) => a + b, 0) };
}

interface GlanceRun {
  /** Indices (into the texts given) of the scenarios every replayer runs. */
  readonly kept: readonly number[];
  /** The runner's trace of each kept scenario, in `kept` order. */
  readonly traces: readonly string[];
  readonly printed: number;
  readonly cpu: number;
}

/** How many times the runner may stop on a scenario before the measurement is given up. */
const MAX_STOPS = 25;

function measureGlance(texts: readonly string[]): GlanceRun | { unmeasured: string } {
  const missing = oracleMissing();
  if (missing !== null) return { unmeasured: missing };
  const dir = mkdtempSync(join(tmpdir(), 'peel-bench-http-'));
  try {
    const files = texts.map((text, i) => {
      const path = join(dir, `s${String(i).padStart(4, '0')}.scenario.json`);
      writeFileSync(path, text);
      return path;
    });
    const traceIn = (out: string, i: number): string | null => {
      const path = join(out, `s${String(i).padStart(4, '0')}.trace.json`);
      return existsSync(path) ? readFileSync(path, 'utf8') : null;
    };
    // First pass: which scenarios the runner records. It takes its files in order; a scenario that
    // stops it is the first after the last trace, and it goes on from the next one.
    const kept: number[] = [];
    let rest = texts.map((_, i) => i);
    let stops = 0;
    let timed: { run: OracleRun; out: string } | null = null;
    for (let pass = 0; rest.length > 0; pass++) {
      const out = join(dir, `select${pass}`);
      const run = runOracle(['--out-dir', out, ...rest.map((i) => files[i] as string)]);
      const finished = /\(([\d.]+)\/s\)/.test(run.stderr);
      let last = -1;
      rest.forEach((i, p) => {
        if (traceIn(out, i) !== null) last = p;
      });
      const stop = finished ? rest.length : last + 1;
      kept.push(...rest.slice(0, stop).filter((i) => traceIn(out, i) !== null));
      if (finished && pass === 0 && kept.length === texts.length) timed = { run, out };
      if (!finished && ++stops > MAX_STOPS) return { unmeasured: `the reference runner stopped on more than ${MAX_STOPS} of the generated scenarios` };
      rest = rest.slice(stop + 1);
    }
    if (kept.length === 0) return { unmeasured: 'the reference runner recorded none of the generated scenarios' };
    // Timed pass on exactly the scenarios every replayer runs (the first pass, when it recorded them all).
    const out = join(dir, 'timed');
    timed ??= { run: runOracle(['--out-dir', out, ...kept.map((i) => files[i] as string)]), out };
    const printed = /\(([\d.]+)\/s\)/.exec(timed.run.stderr);
    const traces = kept.map((i) => traceIn(timed.out, i));
    if (printed === null || traces.some((t) => t === null)) return { unmeasured: `the reference runner did not record the scenarios it recorded before (exit status ${timed.run.status})` };
    // Start-up and imports alone: one scenario without steps.
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ format: 'peel-scenario/2', name: 'empty', config: {}, steps: [] }));
    const idle = runOracle(['--out-dir', join(dir, 'idle'), empty]);
    const cpu = Math.max(1e-9, timed.run.cpu - idle.cpu);
    return { kept, traces: traces as string[], printed: Number(printed[1]), cpu: kept.length / cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
