/**
 * 500s whose cause a trace does not show: the exception class behind each,
 * on both models, is the one Glance 16.0.0 raised. The classes were read
 * from the reference runner's log (`ORACLE_DEBUG=1 /usr/bin/python3
 * ../shared/oracle/run.py` on these steps, its "Caught error" lines).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pyJsonLoads } from '../../../src/lib/pyjson.js';
import { validateHttpScenario } from '../../../src/shared/http-scenario.js';
import { runHttpScenario } from '../../../src/shared/http-runner.js';
import { loadModel } from '../../../src/shared/models.js';
import type { Model } from '../../../src/shared/world.js';

const ALICE = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
const NS = '/v2/metadefs/namespaces';

/** Each step and the class Glance raised for it (undefined: answered without an exception). */
const STEPS: ReadonlyArray<readonly [{ method: string; path: string; json: unknown }, string | undefined]> = [
  [{ method: 'POST', path: NS, json: { namespace: 'OS::P' } }, undefined],
  [{ method: 'POST', path: `${NS}/OS::P/objects`, json: ['properties'] }, 'TypeError'],
  [{ method: 'POST', path: `${NS}/OS::P/objects`, json: [] }, 'AttributeError'],
  [{ method: 'POST', path: NS, json: ['self'] }, 'HTTPForbidden'],
  [{ method: 'PUT', path: `${NS}/OS::P/tags/x`, json: [] }, 'AttributeError'],
  [{ method: 'POST', path: `${NS}/OS::P/properties`, json: [] }, 'AttributeError'],
];

const models: Record<string, Model> = {};
beforeAll(async () => {
  for (const name of ['legacy', 'flat']) models[name] = await loadModel(name as 'legacy' | 'flat');
});

describe.each(['legacy', 'flat'])('%s model', (name) => {
  it('list bodies the metadef schemas let through fail where Glance fails: indexing one by name (TypeError), reading it as a dict (AttributeError)', () => {
    const text = JSON.stringify({ format: 'peel-scenario/2', name: 'list bodies', config: {}, steps: STEPS.map(([s]) => ({ as: ALICE, ...s })) });
    const run = runHttpScenario(validateHttpScenario(pyJsonLoads(text), 'list bodies'), text, models[name] as Model);
    expect(run.errorClasses).toEqual(STEPS.map(([, cls]) => cls));
  });
});
