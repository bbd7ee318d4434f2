/**
 * The mutation suite's baseline and model, loaded once per worker: a module
 * the test file imports stays in the worker's module cache between mutant
 * runs (vitest.mutation.config.ts: isolate false), where the test file
 * itself is run again each time. Loading the model here, before any test,
 * also lets Stryker see the models' import-time code as static.
 */
import { readFileSync } from 'node:fs';
import type { MutationBaseline } from '../../scripts/lib/mutation-baseline.js';
import { loadModel, type ModelName } from '../../src/shared/models.js';

const baselinePath = process.env.PEEL_MUTATION_BASELINE;
if (!baselinePath) throw new Error('PEEL_MUTATION_BASELINE is not set: run this suite through `npm run mutation`');

export const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as MutationBaseline;
export const side: ModelName = process.env.PEEL_MUTATION_SIDE === 'legacy' ? 'legacy' : 'flat';
export const model = await loadModel(side);
