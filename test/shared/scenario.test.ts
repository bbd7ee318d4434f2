import { describe, expect, it } from 'vitest';
import { parseScenarioText, ScenarioError } from '../../src/shared/scenario.js';

const who = { user: 'u', project: 'p', roles: ['member'] };
const text = (x: unknown) => JSON.stringify(x);
const scenario = (steps: unknown[], extra: Record<string, unknown> = {}) => text({ format: 'peel-scenario/1', steps, ...extra });

function errorOf(t: string): string {
  try {
    parseScenarioText(t, 'f.scenario.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario files', () => {
  it('accepts the example of the format', () => {
    const s = parseScenarioText(
      scenario(
        [{ as: who, op: 'image.create', args: { image: { id: '5f1c6a2e-0000-4000-8000-000000000001', name: 'cirros' }, extra_properties: { os_distro: 'cirros' }, tags: ['test'] } }],
        { name: 'n', config: { image_member_quota: 2 } },
      ),
      'f',
    );
    expect(s.steps[0]?.op).toBe('image.create');
    expect(s.config.image_member_quota).toBe(2);
  });
  it('names the file, step and field of an unknown key', () => {
    expect(errorOf(scenario([{ as: who, op: 'image.show', args: { image_id: 'x', imageid: 'y' } }]))).toMatch(/^f\.scenario\.json: steps\[0\]\.args\.imageid: unknown arg for image\.show/);
  });
  it('rejects a wrong type with the field named', () => {
    expect(errorOf(scenario([{ as: who, op: 'image.index', args: { limit: '5' } }]))).toBe('f.scenario.json: steps[0].args.limit: expected an integer, got "5"');
  });
  it('rejects an unknown op', () => {
    expect(errorOf(scenario([{ as: who, op: 'image.frobnicate' }]))).toMatch(/steps\[0\]\.op: unknown op "image\.frobnicate"/);
  });
  it('rejects unknown config keys and bad config types', () => {
    expect(errorOf(scenario([], { config: { image_quota: 1 } }))).toMatch(/config\.image_quota: unknown config key/);
    expect(errorOf(scenario([], { config: { delayed_delete: 'yes' } }))).toBe('f.scenario.json: config.delayed_delete: expected true or false, got "yes"');
  });
  it('requires the args an op cannot do without', () => {
    expect(errorOf(scenario([{ as: who, op: 'member.update', args: { image_id: 'i', member_id: 'm' } }]))).toMatch(/steps\[0\]\.args\.status: missing/);
  });
  it('rejects malformed JSON and a wrong format tag', () => {
    expect(errorOf('{')).toMatch(/^f\.scenario\.json: not valid JSON/);
    expect(errorOf(text({ format: 'peel-scenario/2', steps: [] }))).toMatch(/format: expected "peel-scenario\/1"/);
  });
  it('checks patch changes and the caller', () => {
    expect(errorOf(scenario([{ as: who, op: 'image.update', args: { image_id: 'i', changes: [{ op: 'add', path: '/name' }] } }]))).toMatch(/changes\[0\]\.path: expected an array of strings/);
    expect(errorOf(scenario([{ as: { user: 'u', roles: 'admin' }, op: 'image.show', args: { image_id: 'i' } }]))).toMatch(/steps\[0\]\.as\.roles: expected an array of strings/);
    expect(errorOf(scenario([{ op: 'image.show', args: { image_id: 'i' } }]))).toMatch(/steps\[0\]\.as: missing/);
  });
  it('leaves controller input untouched', () => {
    const s = parseScenarioText(scenario([{ as: null, op: 'image.create', args: { image: { min_disk: 'lots' } } }]), 'f');
    expect(s.steps[0]?.args).toEqual({ image: { min_disk: 'lots' } });
    expect(s.steps[0]?.as).toBeNull();
  });
});
