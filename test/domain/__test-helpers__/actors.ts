/** Callers and settings the rule tests share. */
import { newActor, type Actor } from '../../../src/domain/actor.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import { settingsFrom, type ScenarioConfig, type Settings } from '../../../src/shared/settings.js';

export function settings(config: ScenarioConfig = {}): Settings {
  return settingsFrom(config);
}

export function actor(project: string | null, roles: string[] = ['member'], config: ScenarioConfig = {}): Actor {
  const s = settings(config);
  const policy = new Policy(s);
  if (project === null) return newActor({ user_id: null, project_id: null, roles: [], values: {}, readOnly: true, ownerIsTenant: true }, s, policy);
  return newActor({ user_id: `u-${project}`, project_id: project, roles, values: {}, readOnly: false, ownerIsTenant: s.owner_is_tenant }, s, policy);
}

export const alice = (): Actor => actor('p-alice');
export const bob = (): Actor => actor('p-bob');
export const admin = (): Actor => actor('p-admin', ['admin']);
export const anonymous = (): Actor => actor(null);
