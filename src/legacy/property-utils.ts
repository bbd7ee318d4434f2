/**
 * The property protections file: which roles (or which policy rules) may
 * create, read, update and delete an image's extra properties, by regular
 * expressions on the property name tried in file order.
 *
 * Glance reads the file named by CONF.property_protection_file into a
 * module-global ConfigParser, again for every PropertyRules. Here the file's
 * text comes from Settings and each PropertyRules parses it into its own
 * parser: the file never changes during a scenario, and re-reading the same
 * text into Glance's global parser merges into identical sections, so what
 * can be observed is the same.
 *
 * @see glance/common/property_utils.py
 */
import { ConfigParser, pyStrip, type ConfigParserOptions } from '../lib/configparser.js';
import { PyReUnsupportedError, compile, type PyPattern } from '../lib/pyre.js';
import { pyStr } from '../lib/python.js';
import type { Settings } from '../shared/settings.js';
import { Forbidden, InvalidPropertyProtectionConfiguration } from './exception.js';
import { Enforcer, type PolicyContext } from './policy.js';

export type PropertyOperation = 'create' | 'read' | 'update' | 'delete';
const OPERATIONS: readonly PropertyOperation[] = ['create', 'read', 'update', 'delete'];

/** The source name parse errors would cite; Glance logs them and raises a bare Invalid... instead. */
const PROPERTY_FILE_NAME = 'property-protections.conf';

/** What PropertyRules reads of the request context (context.ts RequestContext fits). */
export interface PropertyRulesContext extends PolicyContext {
  /** Mutated: the service roles are appended to it on every check. */
  roles: string[];
  service_roles?: string[] | null;
}

/**
 * The policy enforcer as PropertyRules uses it: `add_rules` with
 * "<section>:<op>" = "rule:<policy>", and `enforce`, whose Forbidden means no.
 */
export interface PropertyRulesEnforcer {
  add_rules(rules: Readonly<Record<string, string>>): void;
  enforce(context: PolicyContext, action: string, target: Readonly<Record<string, unknown>>): unknown;
}

export type PropertyRulesSettings = Pick<Settings, 'property_protections' | 'property_protection_rule_format' | 'policy'>;

/**
 * How the file's section headers are read. Glance 16.0.0 ran on Python 2.7
 * and 3.5, whose ConfigParser ends a header at the first ']' (`[^[0-9]]` is
 * section `^[0-9`, an invalid regex): Glance's own unit tests depend on it.
 * The reference runner that recorded examples/ runs CPython 3.11, which reads
 * the name whole (`^[0-9]`): see examples/066-pp-section-name-with-brackets.
 * The gateway picks one by passing `parser` to PropertyRules.
 */
export const GLANCE_16_PARSER: ConfigParserOptions = Object.freeze({ legacySectionHeaders: true });
export const REFERENCE_RUNNER_PARSER: ConfigParserOptions = Object.freeze({ legacySectionHeaders: false });

/** @see glance/common/property_utils.py is_property_protection_enabled */
export function is_property_protection_enabled(settings: Pick<Settings, 'property_protections'>): boolean {
  return settings.property_protections !== null;
}

function invalidConfiguration(): InvalidPropertyProtectionConfiguration {
  return new InvalidPropertyProtectionConfiguration();
}

/**
 * The parsed rules: `rules` holds (compiled section regex, operation → list
 * of roles or the one policy name) in file order.
 *
 * @see glance/common/property_utils.py PropertyRules
 */
export class PropertyRules {
  readonly rules: Array<[PyPattern, Record<PropertyOperation, string[]>]> = [];
  readonly prop_exp_mapping = new Map<PyPattern, string>();
  readonly policies: string[] = [];
  readonly policy_enforcer: PropertyRulesEnforcer;
  readonly prop_prot_rule_format: string;
  /** The parsed file: Glance's module-global `property_utils.CONFIG`. */
  readonly config: ConfigParser;

  constructor(
    private readonly settings: PropertyRulesSettings,
    policy_enforcer?: PropertyRulesEnforcer | null,
    parser: ConfigParserOptions = GLANCE_16_PARSER,
  ) {
    this.config = new ConfigParser(parser);
    this.policy_enforcer = policy_enforcer ?? new Enforcer(settings);
    this.prop_prot_rule_format = String(settings.property_protection_rule_format).toLowerCase();
    this.load_rules();
  }

  private load_rules(): void {
    this.readFile();
    if (this.prop_prot_rule_format !== 'policies' && this.prop_prot_rule_format !== 'roles') {
      throw invalidConfiguration();
    }
    for (const property_exp of this.config.sections()) {
      const compiled_rule = this.compile_rule(property_exp);
      const property_dict = {} as Record<PropertyOperation, string[]>;
      for (const operation of OPERATIONS) {
        // NOTE(quirk): Glance 16 does not catch NoOptionError here (fixed in
        // Glance commit 800ba9645): a missing operation escapes as NoOptionError.
        const permissions = this.config.get(property_exp, operation);
        property_dict[operation] = permissions ? this.permissionList(compiled_rule, property_exp, operation, permissions) : [];
      }
      this.rules.push([compiled_rule, property_dict]);
    }
  }

  private readFile(): void {
    const text = this.settings.property_protections;
    // Glance: CONF.find_file(None) or an unreadable/malformed file, all logged and replaced.
    if (text === null) throw invalidConfiguration();
    try {
      this.config.readFile(text, PROPERTY_FILE_NAME);
    } catch {
      throw invalidConfiguration();
    }
  }

  private permissionList(compiled: PyPattern, property_exp: string, operation: PropertyOperation, permissions: string): string[] {
    if (this.prop_prot_rule_format === 'policies') {
      if (permissions.includes(',')) throw invalidConfiguration();
      this.prop_exp_mapping.set(compiled, property_exp);
      this.add_policy_rules(property_exp, operation, permissions);
      return [permissions];
    }
    const roles = permissions.split(',').map(pyStrip);
    if (roles.includes('@') && roles.includes('!')) throw invalidConfiguration();
    return roles;
  }

  private compile_rule(rule: string): PyPattern {
    try {
      return compile(rule);
    } catch (e) {
      // Python accepts these patterns; refusing them as a bad file would be a lie.
      if (e instanceof PyReUnsupportedError) throw e;
      throw invalidConfiguration();
    }
  }

  /**
   * Registers "<section>:<op>" = "rule:<policy>" on the enforcer.
   * @see glance/common/property_utils.py PropertyRules._add_policy_rules
   */
  private add_policy_rules(property_exp: string, action: string, rule: string): void {
    this.policy_enforcer.add_rules({ [`${property_exp}:${action}`]: `rule:${rule}` });
  }

  private check_policy(property_exp: string, action: string, context: PropertyRulesContext): boolean {
    try {
      this.policy_enforcer.enforce(context, `${property_exp}:${action}`, {});
    } catch (e) {
      if (e instanceof Forbidden) return false;
      throw e;
    }
    return true;
  }

  /** @see glance/common/property_utils.py PropertyRules.check_property_rules */
  check_property_rules(property_name: unknown, action: string, context: PropertyRulesContext): boolean {
    const roles = context.roles;
    // NOTE(quirk): Glance extends context.roles itself, so service roles pile up on every call.
    if (context.service_roles && context.service_roles.length > 0) roles.push(...context.service_roles);
    if (this.rules.length === 0) return true;
    if (!(OPERATIONS as readonly string[]).includes(action)) return false;
    const match = this.rules.find(([exp]) => exp.search(pyStr(property_name)) !== null);
    if (match === undefined) return false;
    const [rule_exp, rule] = match;
    const rule_roles = rule[action as PropertyOperation];
    if (rule_roles.length === 0) return false;
    if (rule_roles.includes('!')) return false;
    if (rule_roles.includes('@')) return true;
    if (this.prop_prot_rule_format === 'policies') {
      return this.check_policy(this.prop_exp_mapping.get(rule_exp) as string, action, context);
    }
    const allowed = new Set(rule_roles.map((r) => r.toLowerCase()));
    return roles.some((r) => allowed.has(r));
  }
}
