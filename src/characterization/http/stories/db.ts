/**
 * Stories aimed at the database layer (images, members, tasks and the metadef catalog) and the flat model's SQL: requests the rest of the generators rarely or
 * never make, each reaching behaviour the mutation runs showed unchecked
 * (`npm run survivors`).
 */
import type fc from 'fast-check';
import type { GeneratedStep, Opening } from '../story-kit.js';

/** Stories placed anywhere in a scenario, with their weights against the other chunks (a single random step weighs 26). */
export const chunks: Array<fc.WeightedArbitrary<GeneratedStep[]>> = [];

/** Stories that change the deployment and open the scenario, weighed against the plain opening's 6. */
export const openings: Array<fc.WeightedArbitrary<Opening>> = [];
