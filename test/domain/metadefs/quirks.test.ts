/**
 * Glance 16.0.0's metadef behaviours the flat model keeps, each named
 * (the NOTE(quirk) comments of src/domain/metadefs), driven over HTTP on
 * the flat model alone: the recorded examples 301-342 pin the same on
 * both models against Glance's own traces.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pyJsonLoads, toPlain, type PyJson } from '../../../src/lib/pyjson.js';
import { validateHttpScenario } from '../../../src/shared/http-scenario.js';
import { runHttpScenario } from '../../../src/shared/http-runner.js';
import { loadModel } from '../../../src/shared/models.js';
import type { Model } from '../../../src/shared/world.js';

const ALICE = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
const BOB = { user: 'u-bob', project: 'p-bob', roles: ['member'] };

interface Step {
  readonly as?: typeof ALICE | null;
  readonly method: string;
  readonly path: string;
  readonly json?: unknown;
}

interface Answer {
  readonly status: number;
  readonly json?: any;
  readonly text?: string;
  readonly notifications: Array<{ event_type: string; payload: any }>;
}

let flat: Model;
beforeAll(async () => {
  flat = await loadModel('flat');
});

/** The steps on a fresh flat world; each answer as its trace entry records it, plus the 500's class. */
function run(steps: readonly Step[], config: Record<string, unknown> = {}): Array<Answer & { errorClass?: string }> {
  const text = JSON.stringify({ format: 'peel-scenario/2', name: 'quirks', config, steps: steps.map((s) => ({ as: ALICE, ...s })) });
  const result = runHttpScenario(validateHttpScenario(pyJsonLoads(text), 'quirks'), text, flat);
  const traced = toPlain((result.trace as Map<string, PyJson>).get('steps') as PyJson) as Answer[];
  return traced.map((a, k) => ({ ...a, errorClass: result.errorClasses[k] }));
}

const NS = '/v2/metadefs/namespaces';
const publicNs = { method: 'POST', path: NS, json: { namespace: 'OS::Q', visibility: 'public' } };

describe('the metadef quirks the flat model keeps', () => {
  it('any project may add objects, properties and associations to a public namespace it does not own, but not change it', () => {
    const [, obj, prop, rt, put] = run([
      publicNs,
      { as: BOB, method: 'POST', path: `${NS}/OS::Q/objects`, json: { name: 'o' } },
      { as: BOB, method: 'POST', path: `${NS}/OS::Q/properties`, json: { name: 'p', title: 'P', type: 'string' } },
      { as: BOB, method: 'POST', path: `${NS}/OS::Q/resource_types`, json: { name: 'OS::Glance::Image' } },
      { as: BOB, method: 'PUT', path: `${NS}/OS::Q/objects/o`, json: { name: 'o' } },
    ]);
    expect([obj?.status, prop?.status, rt?.status, put?.status]).toEqual([201, 201, 201, 403]);
    expect(put?.text).toContain("You are not permitted to modify 'name' on this object.");
  });

  it('dissociating is checked by no policy rule of its own (a default rule that denies everything does not stop it)', () => {
    const policy = { default: '!' };
    const [, , dissociated] = run([
      { method: 'POST', path: NS, json: { namespace: 'OS::Q', resource_type_associations: [{ name: 'OS::Glance::Image' }] } },
      { method: 'GET', path: `${NS}/OS::Q/resource_types` },
      { method: 'DELETE', path: `${NS}/OS::Q/resource_types/OS::Glance::Image` },
    ], { policy });
    expect(dissociated?.status).toBe(204);
  });

  it('a PUT answers (and notifies) the updated_at read before the save', () => {
    const [created, , updated] = run([publicNs, { method: 'GET', path: `${NS}/OS::Q` }, { method: 'PUT', path: `${NS}/OS::Q`, json: { namespace: 'OS::Q', description: 'd' } }]);
    expect(updated?.json.updated_at).toBe(created?.json.updated_at);
    expect(updated?.notifications[0]?.payload.updated_at).toBe(created?.json.updated_at);
  });

  it('renaming an object or property onto an existing name is refused naming the stored (old) name', () => {
    const answers = run([
      { method: 'POST', path: NS, json: { namespace: 'OS::Q', objects: [{ name: 'a' }, { name: 'b' }], properties: { x: { title: 'X', type: 'string' }, y: { title: 'Y', type: 'string' } } } },
      { method: 'PUT', path: `${NS}/OS::Q/objects/a`, json: { name: 'b' } },
      { method: 'PUT', path: `${NS}/OS::Q/properties/x`, json: { name: 'y', title: 'Y', type: 'string' } },
    ]);
    expect(answers[1]?.text).toContain('with the same name=a in namespace=OS::Q.');
    expect(answers[2]?.text).toContain('with the same name=x in namespace=OS::Q.');
  });

  it('paging by a true/false sort key compares it as an integer', () => {
    const answers = run([
      { method: 'POST', path: NS, json: { namespace: 'n1', protected: true } },
      { method: 'POST', path: NS, json: { namespace: 'n2' } },
      { method: 'POST', path: NS, json: { namespace: 'n3', protected: true } },
      { method: 'GET', path: `${NS}?sort_key=protected&sort_dir=desc&limit=1` },
      { method: 'GET', path: `${NS}?sort_key=protected&sort_dir=desc&marker=n3` },
    ]);
    expect(answers[3]?.json.namespaces.map((n: any) => n.namespace)).toEqual(['n3']);
    expect(answers[4]?.json.namespaces.map((n: any) => n.namespace)).toEqual(['n1', 'n2']);
  });

  it('a limit that is not an integer is a 500 on the namespace listing (int() before validation); limit=0 is an empty tag page', () => {
    const answers = run([publicNs, { method: 'GET', path: `${NS}?limit=x` }, { method: 'GET', path: `${NS}/OS::Q/tags?limit=0` }, { method: 'GET', path: `${NS}/OS::Q/objects?limit=0` }]);
    expect([answers[1]?.status, answers[1]?.errorClass]).toEqual([500, 'ValueError']);
    expect([answers[2]?.status, answers[2]?.json]).toEqual([200, { tags: [] }]);
    expect(answers[3]?.status).toBe(400);
  });

  it('any query parameter but resource_type on a namespace or property show is a 500, after the reads', () => {
    const answers = run([
      { method: 'POST', path: NS, json: { namespace: 'OS::Q', properties: { p: { title: 'P', type: 'string' } } } },
      { method: 'GET', path: `${NS}/OS::Q?bogus=1` },
      { method: 'GET', path: `${NS}/OS::Q/properties/p?bogus=1` },
      { method: 'GET', path: `${NS}/OS::Nope?bogus=1` },
    ]);
    expect([answers[1]?.status, answers[1]?.errorClass]).toEqual([500, 'HTTPInternalServerError']);
    expect(answers[2]?.status).toBe(500);
    expect(answers[3]?.status).toBe(404);
  });

  it('a property default with non-ASCII text is a 500, and a namespace created with one is left in place', () => {
    const answers = run([
      { method: 'POST', path: NS, json: { namespace: 'OS::Q', properties: { p: { title: 'P', type: 'string', default: 'é' } } } },
      { method: 'GET', path: `${NS}/OS::Q` },
    ]);
    expect(answers[0]?.status).toBe(500);
    expect(answers[0]?.notifications.map((n) => n.event_type)).toEqual(['metadef_namespace.create']);
    expect(answers[1]?.status).toBe(200);
  });

  it('the object listing\'s schema link has no leading slash', () => {
    const [, listed] = run([publicNs, { method: 'GET', path: `${NS}/OS::Q/objects` }]);
    expect(listed?.json).toEqual({ objects: [], schema: 'v2/schemas/metadefs/objects' });
  });

  it('object notifications send each property value `x or None`, items and default as the objects they are', () => {
    const [, created] = run([publicNs, {
      method: 'POST', path: `${NS}/OS::Q/objects`,
      json: { name: 'o', properties: { p: { title: 'P', type: 'array', minimum: 0, default: 5, items: { type: 'string' } } } },
    }]);
    const property = created?.notifications[0]?.payload.properties[0];
    expect(property).toMatchObject({ name: 'p', minimum: null, default: "b'5'", enum: null });
    expect(property.items).toBe('<glance.api.v2.model.metadef_property_item_type.ItemType object at 0x0>');
  });

  it('an empty tag list answers 201 without looking the namespace up', () => {
    const [answer] = run([{ method: 'POST', path: `${NS}/OS::Nope/tags`, json: { tags: [] } }]);
    expect([answer?.status, answer?.json]).toEqual([201, { tags: [] }]);
  });
});
