/**
 * The deployment a scenario runs in: the `config` keys of
 * shared/scenario-format.md over Glance 16.0.0's defaults, plus the few
 * Glance options the format does not expose (fixed at their defaults).
 * Both models receive one Settings value; nothing reads global config.
 */
export interface Settings {
  readonly image_member_quota: number;
  readonly image_property_quota: number;
  readonly image_tag_quota: number;
  readonly image_location_quota: number;
  /** Kept as text: Glance parses it (and may reject it) at use time. */
  readonly user_storage_quota: string;
  readonly show_multiple_locations: boolean;
  readonly show_image_direct_url: boolean;
  readonly delayed_delete: boolean;
  readonly owner_is_tenant: boolean;
  readonly limit_param_default: number;
  readonly api_limit_max: number;
  readonly image_size_cap: number;
  readonly disk_formats: readonly string[];
  readonly container_formats: readonly string[];
  /**
   * Rule name to oslo.policy rule, laid over etc/policy.json: usually text,
   * else any JSON value oslo reads in its list form.
   */
  readonly policy: Readonly<Record<string, unknown>>;
  readonly property_protection_rule_format: 'roles' | 'policies';
  /** INI text of the property protections file; null means protections off. */
  readonly property_protections: string | null;
  /** The database starts with Glance's etc/metadefs (`glance-manage db_load_metadefs`). */
  readonly load_metadefs: boolean;
  // Glance options the scenario format does not expose.
  readonly admin_role: string;
  readonly allow_anonymous_access: boolean;
  readonly disabled_notifications: readonly string[];
  readonly task_time_to_live: number;
  readonly allow_additional_image_properties: boolean;
  readonly enable_image_import: boolean;
  readonly location_strategy: 'location_order' | 'store_type';
  readonly metadata_encryption_key: string | null;
}

export const GLANCE_DEFAULTS: Settings = Object.freeze({
  image_member_quota: 128,
  image_property_quota: 128,
  image_tag_quota: 128,
  image_location_quota: 10,
  user_storage_quota: '0',
  show_multiple_locations: false,
  show_image_direct_url: false,
  delayed_delete: false,
  owner_is_tenant: true,
  limit_param_default: 25,
  api_limit_max: 1000,
  image_size_cap: 1099511627776,
  disk_formats: Object.freeze(['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']),
  container_formats: Object.freeze(['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker']),
  policy: Object.freeze({}),
  property_protection_rule_format: 'roles',
  property_protections: null,
  load_metadefs: false,
  admin_role: 'admin',
  // The oracle (and the format's "as": null) runs with anonymous access on.
  allow_anonymous_access: true,
  disabled_notifications: Object.freeze([]),
  task_time_to_live: 48,
  allow_additional_image_properties: true,
  enable_image_import: true,
  location_strategy: 'location_order',
  metadata_encryption_key: null,
} satisfies Settings);

/** The config keys a scenario may set, with the JSON type each takes. */
export const CONFIG_KEY_TYPES = {
  image_member_quota: 'integer',
  image_property_quota: 'integer',
  image_tag_quota: 'integer',
  image_location_quota: 'integer',
  user_storage_quota: 'string',
  show_multiple_locations: 'boolean',
  show_image_direct_url: 'boolean',
  delayed_delete: 'boolean',
  owner_is_tenant: 'boolean',
  limit_param_default: 'integer',
  api_limit_max: 'integer',
  image_size_cap: 'integer',
  disk_formats: 'string[]',
  container_formats: 'string[]',
  policy: 'string-map',
  property_protection_rule_format: 'rule-format',
  property_protections: 'string',
  load_metadefs: 'boolean',
} as const;

export type ConfigKey = keyof typeof CONFIG_KEY_TYPES;
export type ScenarioConfig = Partial<Pick<Settings, ConfigKey>>;

export function settingsFrom(config: ScenarioConfig, overrides: Partial<Settings> = {}): Settings {
  return Object.freeze({ ...GLANCE_DEFAULTS, ...config, ...overrides });
}
