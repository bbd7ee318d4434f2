/**
 * What a scenario story is made of: the step type, the maker steps whose
 * server-chosen ids later `<uuid-N>` references may name, the bodies most
 * stories send, and the opening that changes a deployment for a story.
 * Apart from scenario.ts so the stories of `stories/` can use them without
 * importing the scenario generator that imports them.
 */
import type { PyJson } from '../../lib/pyjson.js';
import type { ScenarioConfig } from '../../shared/settings.js';
import type { Caller } from '../../shared/world.js';
import type { GeneratedRequest } from './requests.js';

export interface GeneratedStep extends GeneratedRequest {
  as: Caller | null;
}

/**
 * Steps made to give the server's ids to later steps: creates most
 * deployments let through. Only these count when references are kept
 * reachable; a random create that fails would otherwise leave a later
 * `<uuid-N>` naming an id that never appeared (an invalid scenario).
 */
const MAKERS = new WeakSet<GeneratedStep>();

export function maker(step: GeneratedStep): GeneratedStep {
  MAKERS.add(step);
  return step;
}

export const isMaker = (step: GeneratedStep): boolean => MAKERS.has(step);

/** A visibility the caller may create with Glance's default policy (only admins publicize). */
export function creatable(caller: Caller, visibility: string): string {
  return visibility === 'public' && !caller.roles.includes('admin') ? 'shared' : visibility;
}

/** An image create body of the usual formats, with the given id (or the server's), visibility, properties and tags. */
export const createBody = (id: string | null, visibility: string, props: ReadonlyArray<readonly [string, string]>, tags: readonly string[]): PyJson => {
  const body = new Map<string, PyJson>();
  if (id !== null) body.set('id', id);
  body.set('name', 'prelude').set('visibility', visibility).set('disk_format', 'raw').set('container_format', 'bare');
  if (tags.length > 0) body.set('tags', [...tags]);
  for (const [k, v] of props) body.set(k, v);
  return body;
};

/** A JSON patch of one change. */
export const patchOf = (op: string, path: string, value?: PyJson): PyJson =>
  [new Map<string, PyJson>([['op', op], ['path', path], ...(value === undefined ? [] : [['value', value] as [string, PyJson]])])];

/**
 * A story at the start of a scenario that needs its deployment changed: the
 * change (laid over whatever else the deployment says) and the steps.
 */
export interface Opening {
  config: (config: ScenarioConfig) => ScenarioConfig;
  steps: GeneratedStep[];
}
