/**
 * Fixtures for the property protection tests: the two INI files and the
 * policy.json of glance/tests/etc, Glance's `set_property_protection_rules`
 * (which writes a rules dict as INI text), settings carrying the file text,
 * and `create_context(policy, roles)`.
 *
 * @see glance/tests/utils.py BaseTestCase.set_property_protections
 */
import { readFileSync } from 'node:fs';
import { RequestContext } from '../../../src/legacy/context.js';
import { Enforcer } from '../../../src/legacy/policy.js';
import { GLANCE_DEFAULTS, type Settings } from '../../../src/shared/settings.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

export const PROPERTY_PROTECTIONS_CONF = fixture('property-protections.conf');
export const PROPERTY_PROTECTIONS_POLICIES_CONF = fixture('property-protections-policies.conf');
/** glance/tests/etc/policy.json: the policy file Glance's unit tests run with. */
export const TEST_POLICY_JSON: Readonly<Record<string, string>> = JSON.parse(fixture('policy.json')) as Record<string, string>;

export type RulesDict = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** `set_property_protection_rules(rules)`: '[section]' then 'op = a,b' lines, in dict order. */
export function rulesText(rules: RulesDict): string {
  let text = '';
  for (const [section, ops] of Object.entries(rules)) {
    text += `[${section}]\n`;
    for (const [op, roles] of Object.entries(ops)) text += `${op} = ${roles.join(',')}\n`;
  }
  return text;
}

/** `set_property_protections(use_policies)`: the fixture file, with the test policy file. */
export function protectionSettings(usePolicies = false, overrides: Partial<Settings> = {}): Settings {
  return {
    ...GLANCE_DEFAULTS,
    policy: TEST_POLICY_JSON,
    property_protections: usePolicies ? PROPERTY_PROTECTIONS_POLICIES_CONF : PROPERTY_PROTECTIONS_CONF,
    property_protection_rule_format: usePolicies ? 'policies' : 'roles',
    ...overrides,
  };
}

/** `policy.Enforcer()` under the unit tests' policy.json. */
export function testEnforcer(): Enforcer {
  return Enforcer.fromPolicyFile(TEST_POLICY_JSON);
}

/** glance/tests/unit/common/test_property_utils.py create_context */
export function create_context(policy: Enforcer, roles: string[] | null = null): RequestContext {
  return new RequestContext({ roles: roles ?? [], policy_enforcer: policy });
}
