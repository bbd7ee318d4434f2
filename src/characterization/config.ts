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

// ------------------------------------------------------------------ hostile deployments

/** Policy rule names the images, members and tasks APIs enforce. */
export const POLICY_NAMES = [
  'context_is_admin', 'default', 'add_image', 'delete_image', 'get_image', 'get_images', 'modify_image', 'publicize_image',
  'communitize_image', 'download_image', 'upload_image', 'delete_image_location', 'get_image_location', 'set_image_location',
  'add_member', 'delete_member', 'get_member', 'get_members', 'modify_member', 'deactivate', 'reactivate',
  'get_task', 'get_tasks', 'add_task', 'modify_task', 'tasks_api_access',
] as const;

/** Rule texts oslo.policy parses oddly or not at all (no `http:` checks: those reach the network). */
export const ODD_RULE_TEXTS = [
  '', '!', '@', 'role:admin', 'role:member', 'role:ADMIN', 'role:Member', 'rule:nonexistent', 'rule:default', 'rule:context_is_admin',
  'project_id:%(project_id)s', 'project_id:%(owner)s', 'tenant:%(owner)s', 'user_id:%(user_id)s', 'is_admin:True', 'is_admin:False',
  'not role:admin', '(role:admin or role:member) and not role:reader', 'role:admin or (role:member and project_id:%(owner)s)',
  'bogus', 'role:', ':', '(', 'role:admin or', 'and', 'not', '@ or !', "'member':%(roles)s", 'role:%(bogus)s', 'field:images:x=y',
] as const;

/** Rules of every JSON type: oslo.policy reads a list (or what it takes for one), falsy values allow. */
export const NON_TEXT_RULES: readonly unknown[] = [null, 0, false, [], [[]], [['role:admin']], ['role:admin', 'role:member'], [['role:member', 'role:admin']], { 'role:admin': 1 }, {}];

/** Property protection files the parser refuses or reads oddly. */
export const MALFORMED_PROTECTIONS = [
  '', 'x', '[', '[^x_.*]\ncreate = admin\n', '[^x_.*]\ncreate = admin\nread = admin\nupdate = admin\ndelete = admin\nbogus = admin\n',
  '[(]\ncreate = @\nread = @\nupdate = @\ndelete = @\n', '[.*]\ncreate = @,!\nread = @\nupdate = !\ndelete = !\n',
  '[.*]\ncreate = admin\nread = admin\nupdate = admin\ndelete = admin\n[.*]\ncreate = @\nread = @\nupdate = @\ndelete = @\n',
  '[.*]\ncreate =\nread =\nupdate =\ndelete =\n', '[^x_.*]\ncreate = member , admin\nread = MEMBER\nupdate = admin\ndelete = admin\n',
  '[x_foo]\ncreate = @\nread = !\nupdate = @\ndelete = @\n', 'create = admin\n', '[.*]\n create = @\n',
  '[.*]\ncreate: @\nread: @\nupdate: @\ndelete: @\n', '[DEFAULT]\ncreate = @\n[.*]\nread = @\nupdate = @\ndelete = @\n',
] as const;

const optional = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(arb, { freq, nil: undefined });

const hostileQuota = fc.constantFrom(0, 1, 2, -1, 128);

/**
 * Rule texts that make oslo.policy raise outside Glance's error handling
 * when ContextMiddleware checks context_is_admin: every request fails before
 * a response exists, and the reference runner cannot record the scenario.
 */
const MIDDLEWARE_CRASHES: readonly unknown[] = ['(', 'and', 'not', ':', 'rule:context_is_admin'];

const hostilePolicyArb: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.tuple(fc.constantFrom(...POLICY_NAMES), fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>(...ODD_RULE_TEXTS) }, { weight: 1, arbitrary: fc.constantFrom(...NON_TEXT_RULES) })), { minLength: 1, maxLength: 4 })
  .map((rules) => Object.fromEntries(rules.filter(([name, rule]) => name !== 'context_is_admin' || !MIDDLEWARE_CRASHES.includes(rule))));

const hostileProtectionsArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ text: PROTECTIONS_ROLES, format: 'roles' as const }) },
  { weight: 2, arbitrary: fc.constant({ text: PROTECTIONS_POLICIES, format: 'policies' as const }) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...MALFORMED_PROTECTIONS), fc.constantFrom('roles' as const, 'policies' as const)).map(([text, format]) => ({ text, format })) },
);

/**
 * Deployments at the edges: quotas of 0, 1 and -1, malformed storage
 * quotas, tiny size caps, paging limits of 1-3, format lists that are
 * empty or oddly cased, policies of every JSON type and odd rule texts,
 * property protections of both formats including malformed files.
 * Every value is one Glance starts with (the reference runner refuses the others).
 */
export const hostileConfigArb: fc.Arbitrary<ScenarioConfig> = fc
  .record({
    image_member_quota: optional(hostileQuota),
    image_property_quota: optional(hostileQuota),
    image_tag_quota: optional(hostileQuota),
    image_location_quota: optional(hostileQuota),
    user_storage_quota: optional(fc.constantFrom('0', '10', '40B', '1KB', '1kB', '5kb', '-5', '1.5KB', ' 10 ', '', '10 B', '1TB', '1K', 'KB', '9'.repeat(30), '+5', '0x10', '１０', '5\n', '1MB', '1GB')),
    image_size_cap: optional(fc.constantFrom(1, 2, 3, 5, 8, 11, 64)),
    limit_param_default: optional(fc.constantFrom(1, 2, 3)),
    api_limit_max: optional(fc.constantFrom(1, 2, 3, 1000)),
    // Mostly lists that keep raw and bare, which the images steps name by `<uuid-N>` are made with.
    disk_formats: optional(fc.oneof({ weight: 3, arbitrary: fc.constantFrom<string[]>(['raw'], ['raw', 'qcow2', 'iso'], ['raw', ''], [' raw', 'raw']) }, { weight: 1, arbitrary: fc.constantFrom<string[]>([], ['RAW'], [' raw', 'qcow2']) }), 4),
    container_formats: optional(fc.oneof({ weight: 3, arbitrary: fc.constantFrom<string[]>(['bare'], ['ovf', 'bare'], ['bare', '']) }, { weight: 1, arbitrary: fc.constantFrom<string[]>([], ['BARE']) }), 4),
    show_multiple_locations: optional(fc.boolean()),
    show_image_direct_url: optional(fc.boolean()),
    delayed_delete: optional(fc.boolean()),
    owner_is_tenant: optional(fc.boolean()),
    policy: optional(hostilePolicyArb),
    protections: optional(hostileProtectionsArb),
  })
  .map(({ protections, ...rest }) => {
    const config: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) config[k] = v;
    if (protections) {
      config.property_protections = protections.text;
      config.property_protection_rule_format = protections.format;
    }
    return config as ScenarioConfig;
  });
