/**
 * One generated scenario judged against the real Glance: the trace Glance
 * answered is laid beside the scenario as its recorded trace, and the model
 * replays it as `peel replay --check` would (same reader, same comparison,
 * either format).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../../src/shared/scenario.js';
import { checkReplayed, readRecordedSteps, readScenarioFile, replayScenario } from '../../src/shared/scenario-files.js';
import { firstDifference } from '../../src/shared/trace-diff.js';
import type { Model } from '../../src/shared/world.js';

export type Verdict =
  /** Glance's driver refused the scenario as invalid (e.g. a `<uuid-N>` no step made): not compared. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'compared'; readonly steps: number; readonly agreeing: number; readonly difference: string | null };

function agreeingSteps(expected: readonly unknown[], actual: readonly unknown[]): number {
  return expected.filter((step, k) => k < actual.length && firstDifference({ steps: [step] }, { steps: [actual[k]] }) === null).length;
}

/** Writes NAME.scenario.json (and Glance's NAME.trace.json) into dir and compares the model's replay with Glance's. */
export function judge(dir: string, name: string, scenarioText: string, glanceTrace: string | null, model: Model): Verdict {
  if (glanceTrace === null) return { kind: 'refused' };
  const path = join(dir, `${name}.scenario.json`);
  writeFileSync(path, scenarioText);
  writeFileSync(join(dir, `${name}.trace.json`), glanceTrace);
  const loaded = readScenarioFile(path);
  const recorded = readRecordedSteps(loaded);
  try {
    const run = replayScenario(loaded, model);
    const checked = checkReplayed(loaded, recorded, run);
    return { kind: 'compared', steps: recorded.length, agreeing: agreeingSteps(recorded, run.steps), difference: checked.difference ? checked.line : null };
  } catch (e) {
    // Glance ran it; the model refusing or failing on it is a difference too.
    if (!(e instanceof ScenarioError)) throw e;
    return { kind: 'compared', steps: recorded.length, agreeing: 0, difference: `the ${model.name} model could not replay it: ${e.message}` };
  }
}
