/**
 * The models a scenario can run on, by name. Loaded lazily so that the CLI
 * starts fast and a model that fails to load is reported by name.
 */
import type { Model } from './world.js';

export const MODEL_NAMES = ['legacy', 'flat'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export async function loadModel(name: ModelName): Promise<Model> {
  if (name === 'legacy') return (await import('../legacy/model.js')).legacyModel;
  return (await import('../domain/model.js')).flatModel;
}
