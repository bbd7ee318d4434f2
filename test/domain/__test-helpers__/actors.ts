/** Callers and settings the rule tests share. */
import { actorOf, type Actor } from '../../../src/domain/actor.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import { settingsFrom, type ScenarioConfig, type Settings } from '../../../src/shared/settings.js';

export function settings(config: ScenarioConfig = {}): Settings {
  return settingsFrom(config);
}

export function actor(project: string | null, roles: string[] = ['member'], config: ScenarioConfig = {}): Actor {
  const s = settings(config);
  const caller = project === null ? null : { user: `u-${project}`, project, roles };
  return actorOf(caller, s, new Policy(s));
}

export const alice = (): Actor => actor('p-alice');
export const bob = (): Actor => actor('p-bob');
export const admin = (): Actor => actor('p-admin', ['admin']);
export const anonymous = (): Actor => actor(null);
