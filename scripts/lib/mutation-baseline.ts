/**
 * What the mutation suite may assert: Stryker refuses a suite that fails
 * before any mutant, and the models do not agree everywhere yet. So before
 * mutating, this fixes the checks that pass on the unmutated code: the
 * examples each model replays exactly, and of every fixed-seed generated
 * scenario the longest prefix on which both models agree. A mutant is
 * killed when it breaks one of these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWithSnapshots, type ModelRun } from '../../src/shared/compare.js';
import { loadModel, MODEL_NAMES, type ModelName } from '../../src/shared/models.js';
import { runScenario } from '../../src/shared/runner.js';
import { parseScenarioText, type Scenario } from '../../src/shared/scenario.js';
import { firstDifference } from '../../src/shared/trace-diff.js';
import type { Trace } from '../../src/shared/trace.js';
import type { Model } from '../../src/shared/world.js';
import { scenarioText } from '../../test/characterization/generators/scenario.js';
import { checkScenario } from '../../test/characterization/harness.js';
import { sampleScenarios } from './batch.js';

export interface MutationBaseline {
  readonly createdAt: string;
  readonly commit: string;
  readonly seed: number;
  readonly sampled: number;
  /** Example files (under examples/) each model replays exactly. */
  readonly examples: Record<ModelName, string[]>;
  /**
   * Generated scenarios, cut before their first disagreement, with each
   * model's run recorded, so a mutation run replays only the mutated side.
   */
  readonly generated: Array<{ readonly name: string; readonly text: string; readonly runs: Record<ModelName, ModelRun> }>;
}

export function examplePasses(examplesDir: string, file: string, model: Model): boolean {
  const path = join(examplesDir, file);
  const text = readFileSync(path, 'utf8');
  const recorded = JSON.parse(readFileSync(path.replace(/\.scenario\.json$/, '.trace.json'), 'utf8')) as Trace;
  try {
    return firstDifference(recorded, runScenario(parseScenarioText(text, path), text, model).trace) === null;
  } catch {
    return false;
  }
}

/** The scenario up to (not including) the step where the models first disagree, or null if nothing agrees. */
export function agreeingPrefix(scenario: Scenario, legacy: Model, flat: Model): Scenario | null {
  let current = scenario;
  for (;;) {
    if (current.steps.length === 0) return null;
    let result;
    try {
      result = checkScenario(current, legacy, flat);
    } catch {
      return null;
    }
    const bad = result.mismatch?.step ?? result.violation?.step ?? null;
    if (bad === null) return current;
    // A violation can sit on an earlier step than the one reported; cut and check again.
    current = { ...current, steps: current.steps.slice(0, Math.min(bad, current.steps.length - 1)) };
  }
}

export async function buildBaseline(root: string, generatedCount: number, seed: number, commit: string): Promise<MutationBaseline> {
  const examplesDir = join(root, 'examples');
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.scenario.json')).sort();
  const models = { legacy: await loadModel('legacy'), flat: await loadModel('flat') };
  const examples = Object.fromEntries(MODEL_NAMES.map((m) => [m, files.filter((f) => examplePasses(examplesDir, f, models[m]))])) as Record<ModelName, string[]>;
  const generated: MutationBaseline['generated'] = [];
  sampleScenarios(generatedCount, seed).forEach((scenario, i) => {
    const prefix = agreeingPrefix(scenario, models.legacy, models.flat);
    if (!prefix) return;
    const text = scenarioText(prefix);
    const runs = { legacy: runWithSnapshots(prefix, text, models.legacy), flat: runWithSnapshots(prefix, text, models.flat) };
    generated.push({ name: `generated #${i} (${prefix.steps.length} of ${scenario.steps.length} steps)`, text, runs });
  });
  return { createdAt: new Date().toISOString(), commit, seed, sampled: generatedCount, examples, generated };
}
