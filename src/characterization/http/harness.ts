/**
 * The format-2 equivalence check that `npm test`, the soak script and the
 * review share: generated HTTP scenarios on both models, shrunk on failure,
 * the shrunk scenario saved to the corpus and reported with the commands
 * that reproduce it.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pyJsonDumpsValue, pyJsonLoads } from '../../lib/pyjson.js';
import { validateHttpScenario, type HttpScenario } from '../../shared/http-scenario.js';
import { ScenarioError } from '../../shared/scenario.js';
import type { Model } from '../../shared/world.js';
import { compareHttpModels, type HttpMismatch, type HttpModelRun } from './compare.js';
import { httpScenarioArb, httpScenarioText, type GeneratedHttpScenario } from './scenario.js';
import { reproduceLines } from '../reproduce.js';

export const CORPUS_DIR = join(import.meta.dirname, '../../../test/characterization/corpus');

export interface HttpCheckResult {
  readonly mismatch: HttpMismatch | null;
  readonly text: string;
  readonly scenario: HttpScenario;
  readonly legacy: HttpModelRun;
  readonly flat: HttpModelRun;
}

/** A reference to an id neither model ever made: the scenario is invalid, not a difference. */
export class UnresolvableScenario extends Error {}

export function checkHttpText(text: string, legacy: Model, flat: Model, file = '(generated)'): HttpCheckResult {
  const scenario = validateHttpScenario(pyJsonLoads(text), file);
  try {
    const { mismatch, left, right } = compareHttpModels(scenario, text, legacy, flat);
    return { mismatch, text, scenario, legacy: left, flat: right };
  } catch (e) {
    if (e instanceof ScenarioError) throw new UnresolvableScenario(e.message);
    throw e;
  }
}

export function describeHttpMismatch(m: HttpMismatch, scenario?: HttpScenario): string {
  const show = (v: unknown): string => {
    if (v === undefined) return '(absent)';
    const t = pyJsonDumpsValue(v, { ensureAscii: false, sortKeys: true });
    return t.length > 400 ? t.slice(0, 397) + '...' : t;
  };
  const step = scenario?.steps[m.step];
  const request = step ? ` (${step.method} ${step.path})` : '';
  return `step ${m.step}${request}, ${m.aspect} ${m.path}:\n  legacy: ${show(m.left)}\n  flat:   ${show(m.right)}`;
}

/** Where `saveHttpToCorpus` puts a scenario: the file name is its content hash. */
export function corpusPathOf(text: string, dir = CORPUS_DIR): string {
  return join(dir, `found-http-${createHash('sha1').update(text).digest('hex').slice(0, 12)}.scenario.json`);
}

/** Saves a failing scenario in the corpus; the file name is its content hash. */
export function saveHttpToCorpus(text: string, dir = CORPUS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const path = corpusPathOf(text, dir);
  writeFileSync(path, text);
  return relative(process.cwd(), path);
}

export function httpFailureReport(result: HttpCheckResult, savedAt: string, seed: number | undefined, path: string | undefined, extra: readonly string[] = []): string {
  return [
    'The legacy and flat models answer an HTTP scenario differently.',
    result.mismatch ? describeHttpMismatch(result.mismatch, result.scenario) : '',
    ...extra,
    ...reproduceLines(savedAt, seed, path, result.text),
  ].filter((l) => l !== '').join('\n');
}

export interface HttpEquivalenceRun {
  readonly numRuns: number;
  readonly seed: number;
  readonly path?: string;
  /**
   * Which of the generated scenarios to run: draws index, index+count, ...
   * (0-based) of the very run `seed` gives unsharded; the others pass
   * unchecked. So the shards of one seed's run together are that run.
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Called for each checked scenario that agreed (shrinks too), with its call number (0-based draws, then shrinks). */
  readonly onResult?: (scenario: GeneratedHttpScenario, result: HttpCheckResult, run: number) => void;
  /** Extra lines for a failure report (e.g. which legacy layer the flat model missed). */
  readonly explain?: (result: HttpCheckResult) => readonly string[];
  /**
   * Draws past this one pass unchecked (read before each draw): a process
   * sharing a run with others stops once another found an earlier failure.
   */
  readonly lastRun?: () => number;
  /** Called once, with its draw, when a scenario first fails (before shrinking). */
  readonly onFailure?: (run: number) => void;
  /** Saves the shrunk scenario and answers the path the report names (default: `saveHttpToCorpus`). */
  readonly save?: (text: string) => string;
}

export interface HttpEquivalenceOutcome {
  readonly failed: boolean;
  readonly report: string;
  readonly numRuns: number;
  readonly discarded: number;
  /** The draw that failed first (0-based), when one did. */
  readonly failedRun?: number;
  /** The shrunk scenario, when one was found and saved. */
  readonly shrunk?: string;
}

/** The check of each draw and shrink, and what it learnt on the way. */
interface EquivalenceCheck {
  readonly check: (scenario: GeneratedHttpScenario) => void;
  readonly discarded: () => number;
  readonly failedRun: () => number | undefined;
}

function equivalenceCheck(legacy: Model, flat: Model, run: HttpEquivalenceRun): EquivalenceCheck {
  let discarded = 0;
  let drawn = 0;
  let shrinking = false;
  let failedRun: number | undefined;
  const check = (scenario: GeneratedHttpScenario): void => {
    // fast-check calls this once per run, in order, until one fails; then every shrink must be checked.
    const k = drawn++;
    if (!shrinking && run.shard !== undefined && k % run.shard.count !== run.shard.index) return;
    if (!shrinking && run.lastRun !== undefined && k > run.lastRun()) return;
    const failing = (): void => {
      if (!shrinking) {
        failedRun = k;
        run.onFailure?.(k);
      }
      shrinking = true;
    };
    let result: HttpCheckResult;
    try {
      result = checkHttpText(httpScenarioText(scenario), legacy, flat);
    } catch (e) {
      // A discard passes rather than being redrawn (fc.pre), so run k is draw k in every shard.
      if (e instanceof UnresolvableScenario) {
        discarded++;
        return;
      }
      failing();
      throw e;
    }
    if (result.mismatch) {
      failing();
      throw new Error(describeHttpMismatch(result.mismatch, result.scenario));
    }
    run.onResult?.(scenario, result, k);
  };
  return { check, discarded: () => discarded, failedRun: () => failedRun };
}

function checkOptions(run: HttpEquivalenceRun): fc.Parameters<[GeneratedHttpScenario]> {
  return { numRuns: run.numRuns, seed: run.seed, ...(run.path ? { path: run.path } : {}), endOnFailure: false };
}

/** The outcome of a finished fast-check run: on a failure, the shrunk scenario checked again, saved and reported. */
function outcomeOf(details: fc.RunDetails<[GeneratedHttpScenario]>, c: EquivalenceCheck, legacy: Model, flat: Model, run: HttpEquivalenceRun): HttpEquivalenceOutcome {
  const discarded = c.discarded();
  const failedRun = c.failedRun();
  const failedAt = failedRun !== undefined ? { failedRun } : {};
  if (!details.failed || details.counterexample === null) {
    return { failed: details.failed, report: details.failed ? String(details.errorInstance) : '', numRuns: details.numRuns, discarded, ...failedAt };
  }
  const [scenario] = details.counterexample;
  const text = httpScenarioText(scenario);
  const result = checkHttpText(text, legacy, flat);
  if (!result.mismatch) return { failed: true, report: `flaky: the shrunk scenario passes when rerun\n${String(details.errorInstance)}`, numRuns: details.numRuns, discarded, ...failedAt };
  const saved = (run.save ?? saveHttpToCorpus)(text);
  const report = httpFailureReport(result, saved, details.seed, details.counterexamplePath ?? undefined, run.explain?.(result) ?? []);
  return { failed: true, report, numRuns: details.numRuns, discarded, ...failedAt, shrunk: text };
}

export function runHttpEquivalence(legacy: Model, flat: Model, run: HttpEquivalenceRun): HttpEquivalenceOutcome {
  const c = equivalenceCheck(legacy, flat, run);
  return outcomeOf(fc.check(fc.property(httpScenarioArb, c.check), checkOptions(run)), c, legacy, flat, run);
}

/** Scenarios checked between two yields of `runHttpEquivalenceYielding`. */
const YIELD_EVERY = 8;

/**
 * `runHttpEquivalence` with the same draws, checks and outcome, that lets
 * the event loop run every few scenarios: a test runner's worker whose loop
 * is blocked for a minute (a long soak in one synchronous call) times out
 * its own messages to the runner.
 */
export async function runHttpEquivalenceYielding(legacy: Model, flat: Model, run: HttpEquivalenceRun): Promise<HttpEquivalenceOutcome> {
  const c = equivalenceCheck(legacy, flat, run);
  let calls = 0;
  const property = fc.asyncProperty(httpScenarioArb, async (scenario) => {
    if (++calls % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    c.check(scenario);
  });
  return outcomeOf(await fc.check(property, checkOptions(run)), c, legacy, flat, run);
}
