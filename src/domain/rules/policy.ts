/**
 * Policy decisions: which named rule an action needs and whether the actor
 * passes it against a target. Rules are etc/policy.json laid under the
 * deployment's overrides, evaluated with the oslo.policy rule language.
 */
import { Enforcer, Rules, type PolicyMapping } from '../../lib/oslo-policy.js';
import type { Settings } from '../../shared/settings.js';
import { policyDenied } from '../errors.js';
import { POLICY_DEFAULTS } from './policy-defaults.js';

/** What oslo.policy sees of the caller (oslo.context to_policy_values + Glance's user/tenant). */
export interface Credentials {
  readonly user_id: string | null;
  readonly project_id: string | null;
  /**
   * Mutable: property protections append the service roles to it
   * (compat/protections.ts pileUpServiceRoles), and later policy checks of
   * the same request see them.
   */
  readonly roles: string[];
  readonly serviceRoles: readonly string[];
  /** The other values oslo.policy reads (domains, service user and project, is_admin_project, auth_token, ...). */
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * The deployment's policy rules and the decisions the use cases ask for.
 * @see glance/api/policy.py Enforcer.enforce
 */
export class Policy {
  private enforcer: Enforcer;
  /** Whether the enforcer has a rule map of its own yet (the deployment's is shared until a rule is added). */
  private ownRules = false;

  constructor(private readonly settings: Settings) {
    this.enforcer = new Enforcer(baseRules(settings), DEFAULT_RULE);
  }

  /** Adds rules at run time (property protections in the policies format). */
  addRules(rules: Readonly<Record<string, string>>): void {
    if (!this.ownRules) {
      // A fresh rule map over the shared parsed checks, made only now: addRules must not leak into later requests.
      this.enforcer = new Enforcer(new Rules(baseRules(this.settings).checks, DEFAULT_RULE), DEFAULT_RULE);
      this.ownRules = true;
    }
    this.enforcer.setRules(rules, false);
  }

  allows(creds: Credentials, rule: string, target: PolicyMapping = {}): boolean {
    return this.enforcer.enforce(rule, target, policyValues(creds));
  }

  /** Throws the policy denial Glance's enforcer raises. */
  enforce(creds: Credentials, rule: string, target: PolicyMapping = {}): void {
    if (!this.allows(creds, rule, target)) throw policyDenied(rule);
  }
}

const DEFAULT_RULE = 'default';

/** Parsed once per deployment: parsing the rule text dominated every step. */
const RULES_BY_SETTINGS = new WeakMap<Settings, Rules>();

function baseRules(settings: Settings): Rules {
  let rules = RULES_BY_SETTINGS.get(settings);
  if (rules === undefined) {
    rules = Rules.fromDict({ ...POLICY_DEFAULTS, ...settings.policy }, DEFAULT_RULE);
    RULES_BY_SETTINGS.set(settings, rules);
  }
  return rules;
}

/** oslo.context's `to_policy_values()`. */
function policyValues(c: Credentials): Record<string, unknown> {
  const v = (k: string): unknown => c.values[k] ?? null;
  return {
    user_id: c.user_id,
    user_domain_id: v('user_domain_id'),
    system_scope: v('system_scope'),
    domain_id: v('domain_id'),
    project_id: c.project_id,
    project_domain_id: v('project_domain_id'),
    roles: [...c.roles],
    is_admin_project: c.values['is_admin_project'] ?? true,
    service_user_id: v('service_user_id'),
    service_user_domain_id: v('service_user_domain_id'),
    service_project_id: v('service_project_id'),
    service_project_domain_id: v('service_project_domain_id'),
    service_roles: [...c.serviceRoles],
    user: c.user_id,
    tenant: c.project_id,
  };
}
