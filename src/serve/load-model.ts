/**
 * Loading a model by name in a `peel serve` thread. Run from the
 * TypeScript sources, the server's threads load them through tsx's
 * CommonJS hook (see boot.ts), which `import()` would bypass: there the
 * model's file is required instead. Built to JavaScript, it is imported.
 */
import { createRequire } from 'node:module';
import { isModelName, loadModel, type ModelName } from '../shared/models.js';
import type { HttpSession } from '../shared/http.js';
import type { Model, World } from '../shared/world.js';

const MODEL_SOURCES: Record<ModelName, { readonly file: string; readonly name: string }> = {
  legacy: { file: '../legacy/model.js', name: 'legacyModel' },
  flat: { file: '../domain/model.js', name: 'flatModel' },
};

async function load(name: ModelName): Promise<Model> {
  if (!import.meta.url.endsWith('.ts')) return loadModel(name);
  const source = MODEL_SOURCES[name];
  return (createRequire(import.meta.url)(source.file) as Record<string, Model>)[source.name] as Model;
}

/** The model's HTTP entry over `world`; an unknown model or one without HTTP is an error. */
export async function openModelHttp(name: string, world: World): Promise<HttpSession> {
  if (!isModelName(name)) throw new Error(`unknown model ${name}`);
  const model = await load(name);
  if (model.openHttp === undefined) throw new Error(`the ${name} model does not answer HTTP requests`);
  return model.openHttp(world);
}
