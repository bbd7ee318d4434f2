/**
 * What the mutation suite may assert: Stryker refuses a suite that fails
 * before any mutant, so before mutating this fixes the checks that pass on
 * the unmutated code:
 *
 * - the recorded examples each model replays exactly (format 1 on legacy
 *   only, which alone answers it; format 2 on both);
 * - generated HTTP scenarios (src/characterization/http) on which both
 *   models agree, cut before their first disagreement if any, chosen from a
 *   fixed-seed pool so that together they reach all the code the pool
 *   reaches, each part k times (scripts/lib/mutation-selection.ts), with
 *   the unmutated run recorded so a mutant's run is compared with it.
 *
 * Building it runs the pool under V8's block coverage (a few minutes); the
 * result is kept in reports/mutation/baseline.json and reused while the
 * sources, generators and choice parameters are the same.
 */
import { Session } from 'node:inspector/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { checkHttpText, UnresolvableScenario } from '../../src/characterization/http/harness.js';
import type { HttpModelRun } from '../../src/characterization/http/compare.js';
import { httpScenarioArb, httpScenarioText, type GeneratedHttpScenario } from '../../src/characterization/http/scenario.js';
import { pyJsonLoads, type PyJson } from '../../src/lib/pyjson.js';
import { loadModel, MODEL_NAMES, type ModelName } from '../../src/shared/models.js';
import { checkReplayed, readRecordedSteps, readScenarioFile, replayScenario } from '../../src/shared/scenario-files.js';
import type { WorldSnapshot } from '../../src/shared/snapshot.js';
import type { Model, Priority } from '../../src/shared/world.js';
import { chooseCover, coveredIntervals, type Candidate, type CoverageRange } from './mutation-selection.js';

export const BASELINE_FORMAT = 'peel-mutation-baseline/2';

/** A run as the suite compares it, in JSON: the trace text, and each step's world by index into `worlds`. */
export interface RecordedRun {
  readonly trace: string;
  readonly errorClasses: ReadonlyArray<string | null>;
  readonly priorities: ReadonlyArray<readonly Priority[]>;
  readonly worlds: readonly WorldSnapshot[];
  readonly worldOfStep: readonly number[];
}

export interface BaselineScenario {
  /** `generated <hash> (<steps> steps)`: the name changes when the scenario does, which Stryker's incremental mode needs. */
  readonly name: string;
  readonly text: string;
  /** The legacy model's run; the flat one agreed with it on every step. */
  readonly run: RecordedRun;
}

export interface SelectionParams {
  readonly seed: number;
  /** Generated scenarios drawn. */
  readonly pool: number;
  /** How many chosen scenarios should reach each part of the code the pool reaches. */
  readonly cover: number;
}

export interface MutationBaseline extends SelectionParams {
  readonly format: typeof BASELINE_FORMAT;
  readonly createdAt: string;
  readonly commit: string;
  /** scripts/lib/coverage.ts sourceFingerprint of the tree it was built from. */
  readonly fingerprint: string;
  /** Of the pool: scenarios both models agreed on (whole or cut), and those no model could run. */
  readonly agreeing: number;
  readonly unresolvable: number;
  /** Example files under examples/ (`http/...` for format 2) each model replays exactly. */
  readonly examples: Record<ModelName, string[]>;
  readonly generated: BaselineScenario[];
}

/** Every example scenario, format 1 then format 2, as paths under examples/. */
export function exampleFiles(examplesDir: string): string[] {
  const list = (dir: string, prefix: string) =>
    existsSync(join(examplesDir, dir)) ? readdirSync(join(examplesDir, dir)).filter((f) => f.endsWith('.scenario.json')).sort().map((f) => prefix + f) : [];
  return [...list('.', ''), ...list('http', 'http/')];
}

/** Whether a model answers an example's format and replays the recorded trace exactly. */
export function examplePasses(examplesDir: string, file: string, model: Model): boolean {
  try {
    const loaded = readScenarioFile(join(examplesDir, file));
    if (loaded.format === 1 ? model.open === undefined : model.openHttp === undefined) return false;
    return checkReplayed(loaded, readRecordedSteps(loaded), replayScenario(loaded, model)).difference === null;
  } catch {
    return false;
  }
}

export function recordRun(run: HttpModelRun): RecordedRun {
  const worlds: WorldSnapshot[] = [];
  const seen = new Map<string, number>();
  const worldOfStep = run.worlds.map((w) => {
    const key = JSON.stringify(w);
    let at = seen.get(key);
    if (at === undefined) {
      at = worlds.push(w) - 1;
      seen.set(key, at);
    }
    return at;
  });
  return { trace: run.text, errorClasses: run.errorClasses.map((c) => c ?? null), priorities: run.priorities, worlds, worldOfStep };
}

/** The recorded run as compareHttpRuns reads one. */
export function replayedRun(r: RecordedRun): HttpModelRun {
  return {
    steps: (pyJsonLoads(r.trace) as Map<string, PyJson>).get('steps') as PyJson[],
    text: r.trace,
    errorClasses: r.errorClasses.map((c) => c ?? undefined),
    worlds: r.worldOfStep.map((i) => r.worlds[i] as WorldSnapshot),
    priorities: r.priorities,
  };
}

/** The scenario, or the part of it before the first step the models disagree on; null if nothing agrees or it cannot run. */
export function agreeingPrefix(scenario: GeneratedHttpScenario, legacy: Model, flat: Model): { text: string; run: HttpModelRun } | 'unresolvable' | null {
  let current = scenario;
  for (;;) {
    if (current.steps.length === 0) return null;
    const text = httpScenarioText(current);
    let result;
    try {
      result = checkHttpText(text, legacy, flat);
    } catch (e) {
      if (e instanceof UnresolvableScenario) return 'unresolvable';
      return null;
    }
    if (result.mismatch === null) return { text, run: result.legacy };
    current = { ...current, steps: current.steps.slice(0, result.mismatch.step) };
  }
}

const shortHash = (text: string): string => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
};

/** The code a coverage take saw in the mutable sources, as covered intervals per file. */
function coveredSources(root: string, scripts: ReadonlyArray<{ url: string; functions: ReadonlyArray<{ ranges: readonly CoverageRange[] }> }>): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const s of scripts) {
    if (!s.url.startsWith('file:')) continue;
    const path = fileURLToPath(s.url);
    if (!path.startsWith(join(root, 'src/legacy/')) && !path.startsWith(join(root, 'src/domain/'))) continue;
    const intervals = coveredIntervals(s.functions.flatMap((f) => f.ranges));
    if (intervals.length > 0) out.set(path.slice(root.length + 1), intervals);
  }
  return out;
}

export interface BuildOptions extends SelectionParams {
  readonly root: string;
  readonly commit: string;
  readonly fingerprint: string;
  readonly log?: (line: string) => void;
}

export async function buildBaseline(o: BuildOptions): Promise<MutationBaseline> {
  const log = o.log ?? (() => undefined);
  const examplesDir = join(o.root, 'examples');
  const models = { legacy: await loadModel('legacy'), flat: await loadModel('flat') };
  const files = exampleFiles(examplesDir);
  const examples = Object.fromEntries(MODEL_NAMES.map((m) => [m, files.filter((f) => examplePasses(examplesDir, f, models[m]))])) as Record<ModelName, string[]>;
  log(`examples replayed exactly: ${examples.legacy.length} on legacy, ${examples.flat.length} on flat (of ${files.length})`);

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  const pool = fc.sample(httpScenarioArb, { numRuns: o.pool, seed: o.seed });
  const kept: Array<{ text: string; run: HttpModelRun; steps: number }> = [];
  const candidates: Candidate[] = [];
  let unresolvable = 0;
  const started = Date.now();
  for (const [i, scenario] of pool.entries()) {
    await session.post('Profiler.takePreciseCoverage');
    const prefix = agreeingPrefix(scenario, models.legacy, models.flat);
    const taken = await session.post('Profiler.takePreciseCoverage');
    if (prefix === 'unresolvable') unresolvable++;
    if (prefix === null || prefix === 'unresolvable') continue;
    const steps = prefix.run.steps.length;
    candidates.push({ name: `#${i}`, cost: steps + 1, covered: coveredSources(o.root, taken.result) });
    kept.push({ text: prefix.text, run: prefix.run, steps });
    if ((i + 1) % 50 === 0) log(`pool: ${i + 1}/${o.pool} run under coverage (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await session.post('Profiler.stopPreciseCoverage');
  session.disconnect();

  const chosen = chooseCover(candidates, o.cover).sort((a, b) => a - b);
  log(`chose ${chosen.length} of ${kept.length} agreeing scenarios (${chosen.reduce((n, i) => n + (kept[i]?.steps ?? 0), 0)} steps) covering the pool's code ${o.cover} times`);
  const generated = chosen.map((i) => {
    const k = kept[i] as (typeof kept)[number];
    return { name: `generated ${shortHash(k.text)} (${k.steps} steps)`, text: k.text, run: recordRun(k.run) };
  });
  return {
    format: BASELINE_FORMAT, createdAt: new Date().toISOString(), commit: o.commit, fingerprint: o.fingerprint,
    seed: o.seed, pool: o.pool, cover: o.cover, agreeing: kept.length, unresolvable, examples, generated,
  };
}

/** A baseline kept from an earlier build, if it was built from the same tree with the same parameters. */
export function reusableBaseline(path: string, fingerprint: string, params: SelectionParams): MutationBaseline | null {
  try {
    const b = JSON.parse(readFileSync(path, 'utf8')) as MutationBaseline;
    const same = b.format === BASELINE_FORMAT && b.fingerprint === fingerprint && b.seed === params.seed && b.pool === params.pool && b.cover === params.cover;
    return same ? b : null;
  } catch {
    return null;
  }
}
