/**
 * Deployments for generated scenarios: mostly Glance's defaults, often
 * small quotas, and the switches that change behaviour (delayed delete,
 * location display, owner_is_tenant, policy overrides, property
 * protections in both formats).
 */
import fc from 'fast-check';
import type { ScenarioConfig } from '../shared/settings.js';

export const POLICY_OVERRIDES: ReadonlyArray<Record<string, string>> = [
  { publicize_image: '' },
  { get_image: 'role:admin or project_id:%(owner)s' },
  { add_image: '!' },
  { modify_image: 'role:admin' },
  { delete_image: 'not role:reader' },
  { download_image: 'role:admin' },
  { upload_image: 'role:member or role:admin' },
  { get_image_location: 'role:admin', set_image_location: 'role:admin' },
  { delete_image_location: '!' },
  { add_member: 'role:admin' },
  { modify_member: '!' },
  { communitize_image: '!' },
  { deactivate: '', reactivate: '' },
  { tasks_api_access: '', add_task: '', get_tasks: '', get_task: '' },
  { tasks_api_access: 'role:member', get_task: '!' },
  { context_is_admin: 'role:admin or role:reader' },
  { get_images: 'not role:reader' },
];

export const PROTECTIONS_ROLES = `[^x_secret$]
create = admin
read = admin
update = admin
delete = admin

[^spl_create_only$]
create = member,admin
read = admin
update = admin
delete = admin

[^x_.*]
create = member,admin
read = member,admin,reader
update = admin
delete = admin

[.*]
create = @
read = @
update = @
delete = @
`;

export const PROTECTIONS_POLICIES = `[^x_secret$]
create = context_is_admin
read = context_is_admin
update = context_is_admin
delete = context_is_admin

[^x_.*]
create = default_rule
read = default_rule
update = context_is_admin
delete = context_is_admin

[.*]
create = default_rule
read = default_rule
update = default_rule
delete = default_rule
`;

const quota = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constant(-1) });

export const configArb: fc.Arbitrary<ScenarioConfig> = fc
  .record(
    {
      image_member_quota: quota,
      image_property_quota: quota,
      image_tag_quota: quota,
      image_location_quota: quota,
      // Malformed quota strings are refused by Glance when the quota is read, not at start-up.
      user_storage_quota: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('0', '10', '40B', '1KB', '64') },
        { weight: 1, arbitrary: fc.constantFrom('5kb', '-5', '1.5KB', ' 10 ', '', '10 B', '1TB') },
      ),
      // A cap smaller than most uploads: the overflow surfaces as a quota error.
      image_size_cap: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(1, 3, 8) }),
      show_multiple_locations: fc.boolean(),
      show_image_direct_url: fc.boolean(),
      delayed_delete: fc.boolean(),
      owner_is_tenant: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      limit_param_default: fc.constantFrom(2, 3, 25),
      policy: fc.oneof(
        { weight: 3, arbitrary: fc.constant({}) },
        { weight: 2, arbitrary: fc.subarray([...POLICY_OVERRIDES], { minLength: 1, maxLength: 3 }).map((os) => Object.assign({}, ...os) as Record<string, string>) },
      ),
      protections: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constant({ text: PROTECTIONS_ROLES, format: 'roles' as const }) },
        { weight: 1, arbitrary: fc.constant({ text: PROTECTIONS_POLICIES, format: 'policies' as const }) },
      ),
    },
    { requiredKeys: ['policy', 'protections'] },
  )
  .map(({ protections, policy, ...rest }) => {
    const config: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== false && v !== '0') config[k] = v;
    if (rest.owner_is_tenant === false) config.owner_is_tenant = false;
    if (Object.keys(policy).length > 0) {
      config.policy = protections?.format === 'policies' ? { default_rule: 'role:member or role:admin', ...policy } : policy;
    } else if (protections?.format === 'policies') {
      config.policy = { default_rule: 'role:member or role:admin' };
    }
    if (protections) {
      config.property_protections = protections.text;
      config.property_protection_rule_format = protections.format;
    }
    return config as ScenarioConfig;
  });
