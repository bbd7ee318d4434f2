/**
 * Layer attribution: which legacy layer's behaviour did the flat model
 * miss? The shrunk scenario is replayed on the legacy onion with one outer
 * layer at a time left out of the Gateway; a layer whose absence makes the
 * legacy model answer the differing step as the flat model does is named.
 */
import { LAYERS, OMITTABLE, type LayerName } from '../../legacy/layers.js';
import { legacyModelWithout } from '../../legacy/model.js';
import { runWithSnapshots, type Mismatch, type ModelRun } from '../../shared/compare.js';
import type { Scenario } from '../../shared/scenario.js';
import { firstDifference } from '../../shared/trace-diff.js';

/** Everything the comparison looks at for one step: answer, world, and the class behind a 500. */
function sameStepAs(a: ModelRun, b: ModelRun, step: number): boolean {
  const pick = (run: ModelRun) => ({
    format: 'peel-trace/1' as const,
    steps: [run.trace.steps[step] as never, run.worlds[step] as never, (run.trace.steps[step]?.status === 500 ? run.errorClasses[step] : null) as never],
  });
  return firstDifference(pick(a), pick(b)) === null;
}

/** Layers whose omission reproduces the flat model's answer at the differing step. */
export function attributeMismatch(scenario: Scenario, text: string, flat: ModelRun, mismatch: Mismatch, legacy?: ModelRun): LayerName[] {
  const found: LayerName[] = [];
  for (const layer of LAYERS) {
    const omit = OMITTABLE[layer.name];
    if (!omit) continue;
    const probe = runWithSnapshots(scenario, text, legacyModelWithout(omit));
    // A layer whose omission changes nothing at that step explains nothing.
    const matters = legacy === undefined || !sameStepAs(probe, legacy, mismatch.step);
    if (matters && sameStepAs(probe, flat, mismatch.step)) found.push(layer.name);
  }
  return found;
}

export function attributionLine(layers: readonly LayerName[]): string {
  if (layers.length === 0) return 'Layer: no single outer layer explains it (look at the db, the domain core, or the use case itself).';
  return `Layer: the flat model answers as the legacy onion does without its ${layers.join(' or ')} layer; that layer's behaviour is what it missed.`;
}
