/**
 * The deployments of Glance's `set_property_protections()` (glance/tests/utils.py):
 * glance/tests/etc/property-protections.conf with the roles format, or
 * property-protections-policies.conf with the policies format and the
 * `glance_creator` rule that glance/tests/etc/policy.json defines.
 */
import { readFileSync } from 'node:fs';
import type { ScenarioConfig } from '../../../src/shared/settings.js';

const conf = (name: string): string => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

export const ROLES_PROTECTIONS: ScenarioConfig = { property_protections: conf('property-protections.conf') };

export const POLICIES_PROTECTIONS: ScenarioConfig = {
  property_protections: conf('property-protections-policies.conf'),
  property_protection_rule_format: 'policies',
  policy: { glance_creator: 'role:admin or role:spl_role' },
};
