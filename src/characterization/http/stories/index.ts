/**
 * Every story of this directory, one module per area of the code they aim
 * at, so that people widening the generators for different layers each
 * edit a file of their own.
 */
import type fc from 'fast-check';
import type { GeneratedStep, Opening } from '../story-kit.js';
import * as authorizationPolicy from './authorization-policy.js';
import * as db from './db.js';
import * as flat from './flat.js';
import * as storage from './storage.js';

const AREAS = [authorizationPolicy, storage, db, flat];

export const STORY_CHUNKS: Array<fc.WeightedArbitrary<GeneratedStep[]>> = AREAS.flatMap((a) => a.chunks);
export const STORY_OPENINGS: Array<fc.WeightedArbitrary<Opening>> = AREAS.flatMap((a) => a.openings);
