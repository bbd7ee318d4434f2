import { beforeEach, describe, expect, it } from 'vitest';
import { InterpolationSyntaxError, NoOptionError } from '../../../src/lib/configparser.js';
import { PyReUnsupportedError } from '../../../src/lib/pyre.js';
import { InvalidPropertyProtectionConfiguration } from '../../../src/legacy/exception.js';
import {
  GLANCE_16_PARSER,
  PropertyRules,
  REFERENCE_RUNNER_PARSER,
  is_property_protection_enabled,
} from '../../../src/legacy/property-utils.js';
import type { Enforcer } from '../../../src/legacy/policy.js';
import {
  create_context,
  protectionSettings,
  rulesText,
  testEnforcer,
} from '../__test-helpers__/property-protections.js';

const CONFIG_SECTIONS = [
  '^x_owner_.*',
  'spl_create_prop',
  'spl_read_prop',
  'spl_read_only_prop',
  'spl_update_prop',
  'spl_update_only_prop',
  'spl_delete_prop',
  'spl_delete_empty_prop',
  '^x_all_permitted.*',
  '^x_none_permitted.*',
  'x_none_read',
  'x_none_update',
  'x_none_delete',
  'x_case_insensitive',
  'x_foo_matcher',
  'x_foo_*',
  '.*',
];

let policy: Enforcer;

describe('TestPropertyRulesWithRoles', () => {
  // PropertyRules(self.policy) and PropertyRules() (its own default Enforcer) over the roles file.
  const rules = (): PropertyRules => new PropertyRules(protectionSettings(), policy);
  const defaultRules = (): PropertyRules => new PropertyRules(protectionSettings());

  beforeEach(() => {
    policy = testEnforcer();
  });

  it('test_is_property_protections_enabled_true: a property protection file turns protections on', () => {
    expect(is_property_protection_enabled(protectionSettings())).toBe(true);
  });

  it('test_is_property_protections_enabled_false: no file leaves them off', () => {
    expect(is_property_protection_enabled(protectionSettings(false, { property_protections: null }))).toBe(false);
  });

  it('test_property_protection_file_doesnt_exist: a missing file is an invalid configuration', () => {
    // No file text stands for Glance's CONF.find_file failing on a missing file.
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: null }))).toThrow(InvalidPropertyProtectionConfiguration);
  });

  it('test_property_protection_with_mutually_exclusive_rule: @ and ! together are refused', () => {
    const text = rulesText({ '.*': { create: ['@', '!'], read: ['fake-role'], update: ['fake-role'], delete: ['fake-role'] } });
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }))).toThrow(InvalidPropertyProtectionConfiguration);
  });

  it('test_property_protection_with_malformed_rule: a section that is no valid regex is refused', () => {
    const text = rulesText({ '^[0-9)': { create: ['fake-role'], read: ['fake-role'], update: ['fake-role'], delete: ['fake-role'] } });
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }))).toThrow(InvalidPropertyProtectionConfiguration);
  });

  it('test_property_protection_with_missing_operation: refused, but only because ConfigParser cuts [^[0-9]] at the first ]', () => {
    // NOTE(quirk): the header '[^[0-9]]' is read as section '^[0-9', a bad regex; see the NoOptionError test below.
    const text = rulesText({ '^[0-9]': { create: ['fake-role'], update: ['fake-role'], delete: ['fake-role'] } });
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }))).toThrow(InvalidPropertyProtectionConfiguration);
  });

  it('test_property_protection_with_misspelt_operation: refused for the same section-name quirk', () => {
    const text = rulesText({ '^[0-9]': { create: ['fake-role'], rade: ['fake-role'], update: ['fake-role'], delete: ['fake-role'] } });
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }))).toThrow(InvalidPropertyProtectionConfiguration);
  });

  it('test_property_protection_with_whitespace: roles around commas are stripped', () => {
    const text = rulesText({
      '^test_prop.*': { create: ['member ,fake-role'], read: ['fake-role, member'], update: ['fake-role,  member'], delete: ['fake-role,   member'] },
    });
    const checker = new PropertyRules(protectionSettings(false, { property_protections: text }));
    expect(checker.check_property_rules('test_prop_1', 'read', create_context(policy, ['member']))).toBe(true);
    expect(checker.check_property_rules('test_prop_1', 'read', create_context(policy, ['fake-role']))).toBe(true);
  });

  it('test_check_property_rules_invalid_action: an operation other than CRUD is refused', () => {
    expect(rules().check_property_rules('test_prop', 'hall', create_context(policy, ['admin']))).toBe(false);
  });

  it('test_check_property_rules_read_permitted_admin_role: admin may read a property only admin may touch', () => {
    expect(rules().check_property_rules('test_prop', 'read', create_context(policy, ['admin']))).toBe(true);
  });

  it('test_check_property_rules_read_permitted_specific_role: member may read x_owner_*', () => {
    expect(rules().check_property_rules('x_owner_prop', 'read', create_context(policy, ['member']))).toBe(true);
  });

  it('test_check_property_rules_read_unpermitted_role: member may not read an admin-only property', () => {
    expect(rules().check_property_rules('test_prop', 'read', create_context(policy, ['member']))).toBe(false);
  });

  it('test_check_property_rules_create_permitted_admin_role: admin may create a property only admin may touch', () => {
    expect(rules().check_property_rules('test_prop', 'create', create_context(policy, ['admin']))).toBe(true);
  });

  it('test_check_property_rules_create_permitted_specific_role: member may create x_owner_*', () => {
    expect(rules().check_property_rules('x_owner_prop', 'create', create_context(policy, ['member']))).toBe(true);
  });

  it('test_check_property_rules_create_unpermitted_role: member may not create an admin-only property', () => {
    expect(rules().check_property_rules('test_prop', 'create', create_context(policy, ['member']))).toBe(false);
  });

  it('test_check_property_rules_update_permitted_admin_role: admin may update a property only admin may touch', () => {
    expect(rules().check_property_rules('test_prop', 'update', create_context(policy, ['admin']))).toBe(true);
  });

  it('test_check_property_rules_update_permitted_specific_role: member may update x_owner_*', () => {
    expect(rules().check_property_rules('x_owner_prop', 'update', create_context(policy, ['member']))).toBe(true);
  });

  it('test_check_property_rules_update_unpermitted_role: member may not update an admin-only property', () => {
    expect(rules().check_property_rules('test_prop', 'update', create_context(policy, ['member']))).toBe(false);
  });

  it('test_check_property_rules_delete_permitted_admin_role: admin may delete a property only admin may touch', () => {
    expect(rules().check_property_rules('test_prop', 'delete', create_context(policy, ['admin']))).toBe(true);
  });

  it('test_check_property_rules_delete_permitted_specific_role: member may delete x_owner_*', () => {
    expect(rules().check_property_rules('x_owner_prop', 'delete', create_context(policy, ['member']))).toBe(true);
  });

  it('test_check_property_rules_delete_unpermitted_role: member may not delete an admin-only property', () => {
    expect(rules().check_property_rules('test_prop', 'delete', create_context(policy, ['member']))).toBe(false);
  });

  it('test_property_config_loaded_in_order: sections come back in file order', () => {
    const checker = rules();
    expect(checker.config.sections()).toEqual(CONFIG_SECTIONS);
  });

  it('test_property_rules_loaded_in_order: the compiled rules keep file order', () => {
    const checker = rules();
    const sections = checker.config.sections();
    sections.forEach((s, i) => expect(checker.rules[i]?.[0].pattern).toBe(s));
    expect(checker.rules).toHaveLength(sections.length);
  });

  it('test_check_property_rules_create_all_permitted: @ lets anyone create', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'create', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_read_all_permitted: @ lets anyone read', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'read', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_update_all_permitted: @ lets anyone update', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'update', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_delete_all_permitted: @ lets anyone delete', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'delete', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_create_none_permitted: ! lets nobody create', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'create', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_read_none_permitted: ! lets nobody read', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'read', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_update_none_permitted: ! lets nobody update', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'update', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_delete_none_permitted: ! lets nobody delete', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'delete', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_read_none: read ! blocks read, update and delete', () => {
    expect(defaultRules().check_property_rules('x_none_read', 'create', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_read', 'read', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_none_read', 'update', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_none_read', 'delete', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_update_none: update ! blocks update only', () => {
    expect(defaultRules().check_property_rules('x_none_update', 'create', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_update', 'read', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_update', 'update', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_none_update', 'delete', create_context(policy, ['admin', 'member']))).toBe(true);
  });

  it('test_check_property_rules_delete_none: delete ! blocks delete only', () => {
    expect(defaultRules().check_property_rules('x_none_delete', 'create', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_delete', 'read', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_delete', 'update', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_delete', 'delete', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_return_first_match: the first matching section decides (x_foo_matcher before x_foo_*)', () => {
    expect(defaultRules().check_property_rules('x_foo_matcher', 'create', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_foo_matcher', 'read', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_foo_matcher', 'update', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_foo_matcher', 'delete', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_case_insensitive_property_rules: roles in the file match case-insensitively', () => {
    expect(defaultRules().check_property_rules('x_case_insensitive', 'create', create_context(policy, ['member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_case_insensitive', 'read', create_context(policy, ['member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_case_insensitive', 'update', create_context(policy, ['member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_case_insensitive', 'delete', create_context(policy, ['member']))).toBe(true);
  });
});

describe('TestPropertyRulesWithPolicies', () => {
  let checker: PropertyRules;
  const defaultRules = (): PropertyRules => new PropertyRules(protectionSettings(true));

  beforeEach(() => {
    policy = testEnforcer();
    checker = new PropertyRules(protectionSettings(true), policy);
  });

  it('test_check_property_rules_create_permitted_specific_policy: the policy for create lets spl_role in', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'create', create_context(policy, ['spl_role']))).toBe(true);
  });

  it('test_check_property_rules_create_unpermitted_policy: the policy for create keeps fake-role out', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'create', create_context(policy, ['fake-role']))).toBe(false);
  });

  it('test_check_property_rules_read_permitted_specific_policy: the policy for read lets spl_role in', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'read', create_context(policy, ['spl_role']))).toBe(true);
  });

  it('test_check_property_rules_read_unpermitted_policy: the policy for read keeps fake-role out', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'read', create_context(policy, ['fake-role']))).toBe(false);
  });

  it('test_check_property_rules_update_permitted_specific_policy: the policy for update lets admin in', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'update', create_context(policy, ['admin']))).toBe(true);
  });

  it('test_check_property_rules_update_unpermitted_policy: the policy for update keeps fake-role out', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'update', create_context(policy, ['fake-role']))).toBe(false);
  });

  it('test_check_property_rules_delete_permitted_specific_policy: the policy for delete lets admin in', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'delete', create_context(policy, ['admin']))).toBe(true);
  });

  it('test_check_property_rules_delete_unpermitted_policy: the policy for delete keeps fake-role out', () => {
    expect(checker.check_property_rules('spl_creator_policy', 'delete', create_context(policy, ['fake-role']))).toBe(false);
  });

  it('test_property_protection_with_malformed_rule: a section that is no valid regex is refused', () => {
    const text = rulesText({ '^[0-9)': { create: ['fake-policy'], read: ['fake-policy'], update: ['fake-policy'], delete: ['fake-policy'] } });
    expect(() => new PropertyRules(protectionSettings(true, { property_protections: text }))).toThrow(InvalidPropertyProtectionConfiguration);
  });

  it('test_property_protection_with_multiple_policies: more than one policy for an operation is refused', () => {
    const text = rulesText({ '^x_.*': { create: ['fake-policy, another_pol'], read: ['fake-policy'], update: ['fake-policy'], delete: ['fake-policy'] } });
    expect(() => new PropertyRules(protectionSettings(true, { property_protections: text }))).toThrow(InvalidPropertyProtectionConfiguration);
  });

  it('test_check_property_rules_create_all_permitted: @ lets anyone create', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'create', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_read_all_permitted: @ lets anyone read', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'read', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_update_all_permitted: @ lets anyone update', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'update', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_delete_all_permitted: @ lets anyone delete', () => {
    expect(defaultRules().check_property_rules('x_all_permitted', 'delete', create_context(policy, ['']))).toBe(true);
  });

  it('test_check_property_rules_create_none_permitted: ! lets nobody create', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'create', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_read_none_permitted: ! lets nobody read', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'read', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_update_none_permitted: ! lets nobody update', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'update', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_delete_none_permitted: ! lets nobody delete', () => {
    expect(defaultRules().check_property_rules('x_none_permitted', 'delete', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_read_none: read ! blocks read, update and delete', () => {
    expect(defaultRules().check_property_rules('x_none_read', 'create', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_read', 'read', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_none_read', 'update', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_none_read', 'delete', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_property_rules_update_none: update ! blocks update only', () => {
    expect(defaultRules().check_property_rules('x_none_update', 'create', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_update', 'read', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_update', 'update', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_none_update', 'delete', create_context(policy, ['admin', 'member']))).toBe(true);
  });

  it('test_check_property_rules_delete_none: delete ! blocks delete only', () => {
    expect(defaultRules().check_property_rules('x_none_delete', 'create', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_delete', 'read', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_delete', 'update', create_context(policy, ['admin', 'member']))).toBe(true);
    expect(defaultRules().check_property_rules('x_none_delete', 'delete', create_context(policy, ['']))).toBe(false);
  });

  it('test_check_return_first_match: the first matching section decides (x_foo_matcher before x_foo_*)', () => {
    expect(defaultRules().check_property_rules('x_foo_matcher', 'create', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_foo_matcher', 'read', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_foo_matcher', 'update', create_context(policy, ['']))).toBe(false);
    expect(defaultRules().check_property_rules('x_foo_matcher', 'delete', create_context(policy, ['']))).toBe(false);
  });
});

describe('PropertyRules quirks kept from Glance 16', () => {
  beforeEach(() => {
    policy = testEnforcer();
  });

  it('a section really missing an operation escapes as NoOptionError, not as an invalid configuration', () => {
    const text = rulesText({ '^x_.*': { create: ['admin'], update: ['admin'], delete: ['admin'] } });
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }), policy)).toThrow(NoOptionError);
  });

  it('check_property_rules appends the service roles to context.roles in place, on every call', () => {
    const checker = new PropertyRules(protectionSettings(), policy);
    const ctx = create_context(policy, ['member']);
    ctx.service_roles = ['service'];
    checker.check_property_rules('x_owner_prop', 'read', ctx);
    checker.check_property_rules('x_owner_prop', 'read', ctx);
    expect(ctx.roles).toEqual(['member', 'service', 'service']);
  });

  it('a service role grants what the file gives that role', () => {
    const text = rulesText({ '.*': { create: ['svc'], read: ['svc'], update: ['svc'], delete: ['svc'] } });
    const checker = new PropertyRules(protectionSettings(false, { property_protections: text }), policy);
    const ctx = create_context(policy, ['member']);
    expect(checker.check_property_rules('k', 'read', ctx)).toBe(false);
    ctx.service_roles = ['svc'];
    expect(checker.check_property_rules('k', 'read', ctx)).toBe(true);
  });

  it('an empty file protects nothing: every operation is allowed', () => {
    const checker = new PropertyRules(protectionSettings(false, { property_protections: '' }), policy);
    expect(checker.check_property_rules('anything', 'delete', create_context(policy, []))).toBe(true);
    expect(checker.check_property_rules('anything', 'hall', create_context(policy, []))).toBe(true);
  });

  it('a name no section matches is refused', () => {
    const text = rulesText({ '^x_': { create: ['@'], read: ['@'], update: ['@'], delete: ['@'] } });
    const checker = new PropertyRules(protectionSettings(false, { property_protections: text }), policy);
    expect(checker.check_property_rules('y_prop', 'read', create_context(policy, ['admin']))).toBe(false);
  });

  it('policies format registers "<section>:<op>" = "rule:<policy>" on the enforcer', () => {
    new PropertyRules(protectionSettings(true), policy);
    const ctx = create_context(policy, ['spl_role']);
    expect(policy.check(ctx, 'spl_creator_policy:create', {})).toBe(true);
    expect(policy.check(create_context(policy, ['other']), 'spl_creator_policy:create', {})).toBe(false);
  });

  it('unparsable INI text is an invalid configuration', () => {
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: 'create = admin\n' }), policy)).toThrow(
      InvalidPropertyProtectionConfiguration,
    );
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: '[a]\n[a]\n' }), policy)).toThrow(
      InvalidPropertyProtectionConfiguration,
    );
  });

  it('a pattern Python accepts but the regex translation cannot honour is not passed off as a bad file', () => {
    const text = rulesText({ '(a)?(?(1)b|c)': { create: ['@'], read: ['@'], update: ['@'], delete: ['@'] } });
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }), policy)).toThrow(PyReUnsupportedError);
  });

  it('a [DEFAULT] section is no rule but supplies operations the sections lack', () => {
    const text = '[DEFAULT]\ndelete = admin\n[^x_]\ncreate = member\nread = member\nupdate = member\n';
    const checker = new PropertyRules(protectionSettings(false, { property_protections: text }), policy);
    expect(checker.config.sections()).toEqual(['^x_']);
    expect(checker.check_property_rules('x_a', 'delete', create_context(policy, ['admin']))).toBe(true);
    expect(checker.check_property_rules('x_a', 'delete', create_context(policy, ['member']))).toBe(false);
  });

  it('a stray % in a value escapes as InterpolationSyntaxError, not as an invalid configuration', () => {
    const text = '[.*]\ncreate = 50%\nread = @\nupdate = @\ndelete = @\n';
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }), policy)).toThrow(InterpolationSyntaxError);
  });

  it('option names are case-insensitive and % interpolates from the same section', () => {
    const text = '[^x_]\nwho = member\nCREATE = %(who)s\nRead = %(who)s,admin\nupdate = admin\ndelete = admin\n';
    const checker = new PropertyRules(protectionSettings(false, { property_protections: text }), policy);
    expect(checker.check_property_rules('x_a', 'create', create_context(policy, ['member']))).toBe(true);
    expect(checker.check_property_rules('x_a', 'read', create_context(policy, ['admin']))).toBe(true);
  });

  it('section regexes are searched, not matched: an unanchored section matches inside a name', () => {
    const text = rulesText({ 'secret': { create: ['!'], read: ['!'], update: ['!'], delete: ['!'] }, '.*': { create: ['@'], read: ['@'], update: ['@'], delete: ['@'] } });
    const checker = new PropertyRules(protectionSettings(false, { property_protections: text }), policy);
    expect(checker.check_property_rules('my_secret_key', 'read', create_context(policy, ['admin']))).toBe(false);
    expect(checker.check_property_rules('public', 'read', create_context(policy, ['admin']))).toBe(true);
  });
});

describe('PropertyRules section headers: Glance 16 (Python <= 3.9) against the reference runner (CPython 3.11)', () => {
  const text = '[^[0-9]]\ncreate = admin\nread = admin\nupdate = admin\ndelete = admin\n\n[.*]\ncreate = @\nread = @\nupdate = @\ndelete = @\n';

  beforeEach(() => {
    policy = testEnforcer();
  });

  it('NOTE(quirk): Glance 16 cuts [^[0-9]] to ^[0-9, an invalid regex', () => {
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: text }), policy, GLANCE_16_PARSER)).toThrow(
      InvalidPropertyProtectionConfiguration,
    );
  });

  it('the reference runner reads ^[0-9]: digit-led keys are admin-only (examples/066)', () => {
    const checker = new PropertyRules(protectionSettings(false, { property_protections: text }), policy, REFERENCE_RUNNER_PARSER);
    expect(checker.config.sections()).toEqual(['^[0-9]', '.*']);
    expect(checker.check_property_rules('1abc', 'create', create_context(policy, ['member']))).toBe(false);
    expect(checker.check_property_rules('9lives', 'create', create_context(policy, ['admin']))).toBe(true);
    expect(checker.check_property_rules('abc', 'create', create_context(policy, ['member']))).toBe(true);
  });

  it('with the reference runner parser a missing operation escapes as NoOptionError (examples/065)', () => {
    const missing = rulesText({ '^[0-9]': { create: ['fake-role'], update: ['fake-role'], delete: ['fake-role'] } });
    expect(() => new PropertyRules(protectionSettings(false, { property_protections: missing }), policy, REFERENCE_RUNNER_PARSER)).toThrow(
      NoOptionError,
    );
  });
});
