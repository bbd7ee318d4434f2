/**
 * The format-2 generators send the requests that reach the legacy methods
 * the roadmap once found unexercised (issue 10 item 5): a sample of the
 * fixed-seed scenarios the roadmap measures is searched for each request,
 * so a generator change that drops one fails here before the roadmap's
 * "methods exercised" criterion does.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { metadefScenarioArb } from '../../src/characterization/http/metadefs.js';
import { httpScenarioArb, type GeneratedHttpScenario, type GeneratedStep } from '../../src/characterization/http/scenario.js';
import type { PyJson } from '../../src/lib/pyjson.js';

/** Fewer than the roadmap's 300 and 60, so each request must be common, not a lucky draw. */
const SAMPLE = 120;
let scenarios: GeneratedHttpScenario[];

beforeAll(() => {
  scenarios = [...fc.sample(httpScenarioArb, { numRuns: SAMPLE, seed: 20180228 }), ...fc.sample(metadefScenarioArb, { numRuns: SAMPLE / 4, seed: 20180228 })];
});

const user = (s: GeneratedStep): string | null | undefined => s.as?.user;
const ops = (s: GeneratedStep): Array<[string, string]> =>
  Array.isArray(s.json) ? s.json.flatMap((op: PyJson) => (op instanceof Map ? [[String(op.get('op')), String(op.get('path'))] as [string, string]] : [])) : [];
const patches = (s: GeneratedStep, op: string, path: string): boolean => s.method === 'PATCH' && ops(s).some(([o, p]) => o === op && p === path);

/** At least `times` scenarios hold a step passing `test` (and `where` holds for their deployment). */
function often(what: string, times: number, test: (s: GeneratedStep) => boolean, where: (c: Record<string, unknown>) => boolean = () => true): void {
  const found = scenarios.filter((sc) => where(sc.config as Record<string, unknown>) && sc.steps.some(test)).length;
  expect(found, `scenarios with ${what}`).toBeGreaterThanOrEqual(times);
}

describe('format-2 generators reach the methods no generated run used to call', () => {
  it('have a member of an image with two locations remove one, where locations are shown', () => {
    // The controller gets as far as ImmutableLocations.pop only then.
    often('a member removing a location', 8, (s) => user(s) === 'u-bob' && patches(s, 'remove', '/locations/0'), (c) => c['show_multiple_locations'] === true);
  });

  it('have other projects add owner, image_id and extra_properties to an image (the immutable proxy setters)', () => {
    for (const path of ['/owner', '/image_id', '/extra_properties']) often(`another project adding ${path}`, 2, (s) => user(s) !== 'u-alice' && user(s) !== 'u-admin' && patches(s, 'add', path));
  });

  it('have an owner set its member status and edit its image with writes that go through', () => {
    often("alice setting bob's member status", 8, (s) => user(s) === 'u-alice' && s.method === 'PUT' && /\/members\/p-bob$/.test(s.path));
    for (const path of ['/name', '/min_ram']) often(`an owner replacing ${path}`, 4, (s) => patches(s, 'replace', path) || patches(s, 'add', path));
    often('an admin giving an image away', 8, (s) => user(s) === 'u-admin' && patches(s, 'replace', '/owner'));
  });

  it('list tasks as a caller without a project where the tasks API is open', () => {
    often('a project-less task listing', 8, (s) => user(s) === 'u-nobody' && s.method === 'GET' && /^\/v2\/tasks(\?|$)/.test(s.path), (c) => (c['policy'] as Record<string, unknown> | undefined)?.['tasks_api_access'] === '');
  });

  it("empty a namespace's objects, properties and tags, and delete or change its contents one by one", () => {
    for (const kind of ['objects', 'properties', 'tags']) often(`DELETE .../${kind}`, 6, (s) => s.method === 'DELETE' && s.path.startsWith('/v2/metadefs/namespaces/') && s.path.endsWith(`/${kind}`));
    for (const kind of ['objects', 'properties', 'tags', 'resource_types']) often(`DELETE .../${kind}/NAME`, 6, (s) => s.method === 'DELETE' && new RegExp(`^/v2/metadefs/namespaces/[^/]+/${kind}/[^/]+$`).test(s.path));
    for (const kind of ['objects', 'properties', 'tags']) often(`PUT .../${kind}/NAME`, 6, (s) => s.method === 'PUT' && new RegExp(`^/v2/metadefs/namespaces/[^/]+/${kind}/[^/]+$`).test(s.path));
    often('namespaces listed by resource type', 6, (s) => s.method === 'GET' && /^\/v2\/metadefs\/namespaces\?.*resource_types=OS/.test(s.path));
    often('a catalog listing sorted by a key that is no column', 6, (s) => s.method === 'GET' && s.path.startsWith('/v2/metadefs/') && /sort_key=bogus/.test(s.path));
  });

  it('read every metadef schema document', () => {
    for (const doc of ['namespace', 'namespaces', 'resource_type', 'resource_types', 'property', 'properties', 'object', 'objects', 'tag', 'tags']) {
      often(`GET /v2/schemas/metadefs/${doc}`, 2, (s) => s.method === 'GET' && s.path === `/v2/schemas/metadefs/${doc}`);
    }
  });
});
