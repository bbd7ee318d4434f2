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

/** Saves a failing scenario in the corpus; the file name is its content hash. */
export function saveHttpToCorpus(text: string, dir = CORPUS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `found-http-${createHash('sha1').update(text).digest('hex').slice(0, 12)}.scenario.json`);
  writeFileSync(path, text);
  return relative(process.cwd(), path);
}

export function httpFailureReport(result: HttpCheckResult, savedAt: string, seed: number | undefined, path: string | undefined, extra: readonly string[] = []): string {
  return [
    'The legacy and flat models answer an HTTP scenario differently.',
    result.mismatch ? describeHttpMismatch(result.mismatch, result.scenario) : '',
    ...extra,
    `Shrunk scenario saved as ${savedAt} (commit it: the corpus is replayed on every run). Replay it on each model:`,
    `  npx tsx src/cli.ts replay --model legacy ${savedAt}`,
    `  npx tsx src/cli.ts replay --model flat ${savedAt}`,
    seed !== undefined ? `Reproduce the generated run: npm run equivalence -- --seed ${seed}${path ? ` --path ${path}` : ''}` : '',
    'Scenario:',
    result.text,
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
  readonly onResult?: (scenario: GeneratedHttpScenario, result: HttpCheckResult) => void;
  /** Extra lines for a failure report (e.g. which legacy layer the flat model missed). */
  readonly explain?: (result: HttpCheckResult) => readonly string[];
}

export interface HttpEquivalenceOutcome {
  readonly failed: boolean;
  readonly report: string;
  readonly numRuns: number;
  readonly discarded: number;
}

export function runHttpEquivalence(legacy: Model, flat: Model, run: HttpEquivalenceRun): HttpEquivalenceOutcome {
  let discarded = 0;
  let drawn = 0;
  let shrinking = false;
  const property = fc.property(httpScenarioArb, (scenario) => {
    // fast-check calls this once per run, in order, until one fails; then every shrink must be checked.
    const k = drawn++;
    if (!shrinking && run.shard !== undefined && k % run.shard.count !== run.shard.index) return;
    let result: HttpCheckResult;
    try {
      result = checkHttpText(httpScenarioText(scenario), legacy, flat);
    } catch (e) {
      // A discard passes rather than being redrawn (fc.pre), so run k is draw k in every shard.
      if (e instanceof UnresolvableScenario) {
        discarded++;
        return;
      }
      throw e;
    }
    if (result.mismatch) {
      shrinking = true;
      throw new Error(describeHttpMismatch(result.mismatch, result.scenario));
    }
    run.onResult?.(scenario, result);
  });
  const details = fc.check(property, { numRuns: run.numRuns, seed: run.seed, ...(run.path ? { path: run.path } : {}), endOnFailure: false });
  if (!details.failed || details.counterexample === null) {
    return { failed: details.failed, report: details.failed ? String(details.errorInstance) : '', numRuns: details.numRuns, discarded };
  }
  const [scenario] = details.counterexample;
  const text = httpScenarioText(scenario);
  const result = checkHttpText(text, legacy, flat);
  if (!result.mismatch) return { failed: true, report: `flaky: the shrunk scenario passes when rerun\n${String(details.errorInstance)}`, numRuns: details.numRuns, discarded };
  const saved = saveHttpToCorpus(text);
  return { failed: true, report: httpFailureReport(result, saved, details.seed, details.counterexamplePath ?? undefined, run.explain?.(result) ?? []), numRuns: details.numRuns, discarded };
}
