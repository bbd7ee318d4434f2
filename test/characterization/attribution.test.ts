import { describe, expect, it } from 'vitest';
import { legacyModel, legacyModelWithout } from '../../src/legacy/model.js';
import type { Scenario } from '../../src/shared/scenario.js';
import { attributeMismatch } from './attribution.js';
import { checkScenario } from './harness.js';
import { scenarioText } from './generators/scenario.js';

const alice = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
const scenario = (steps: Scenario['steps'], config: Scenario['config'] = {}): Scenario => ({ format: 'peel-scenario/1', config, steps });
const create = { as: alice, op: 'image.create' as const, args: { image: { id: 'cccccccc-0000-4000-8000-000000000001', disk_format: 'raw', container_format: 'bare' } } };

describe('layer attribution', () => {
  it('names the notifier when the other model sends no notifications', () => {
    const s = scenario([create]);
    const result = checkScenario(s, legacyModel, legacyModelWithout('notifier'));
    expect(result.mismatch?.path).toMatch(/^notifications/);
    expect(attributeMismatch(s, scenarioText(s), result.flat, result.mismatch!)).toEqual(['notifier']);
  });

  it('names the quota layer when the other model ignores quotas', () => {
    const s = scenario([{ ...create, args: { ...create.args, tags: ['a', 'b'] } }], { image_tag_quota: 1 });
    const result = checkScenario(s, legacyModel, legacyModelWithout('quota'));
    expect(result.mismatch?.step).toBe(0);
    expect(attributeMismatch(s, scenarioText(s), result.flat, result.mismatch!)).toEqual(['quota']);
  });

  it('names the policy layer when the other model ignores a policy rule', () => {
    const s = scenario([create], { policy: { add_image: '!' } });
    const result = checkScenario(s, legacyModel, legacyModelWithout('policy'));
    expect(attributeMismatch(s, scenarioText(s), result.flat, result.mismatch!)).toEqual(['policy']);
  });

  it('names no layer when two identical models are compared', () => {
    const s = scenario([create]);
    expect(checkScenario(s, legacyModel, legacyModel).mismatch).toBeNull();
  });
});
