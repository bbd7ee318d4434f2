/**
 * Policy fakes for the legacy tests: glance/tests/unit/utils.py's
 * FakePolicyEnforcer, a recording enforcer standing in for the tests'
 * `mock.Mock()` policy, and a request context that offers the policy
 * values oslo.context's RequestContext gives Glance.
 */
import { Forbidden } from '../../../src/legacy/exception.js';
import type { PolicyContext, PolicyEnforcer } from '../../../src/legacy/policy.js';
import type { PolicyMapping } from '../../../src/lib/oslo-policy.js';

/** @see glance/tests/unit/utils.py FakePolicyEnforcer */
export class FakePolicyEnforcer implements PolicyEnforcer {
  rules: Record<string, unknown> = {};

  enforce(_context: PolicyContext, action: string, _target?: PolicyMapping): void {
    // Only an explicit False denies.
    if (this.rules[action] === false) throw new Forbidden();
  }

  set_rules(rules: Record<string, unknown>): void {
    this.rules = rules;
  }
}

export interface EnforceCall {
  readonly context: PolicyContext;
  readonly action: string;
  readonly target: PolicyMapping;
}

/** `mock.Mock()` as the policy: records calls; `side_effect` makes it raise. */
export class RecordingEnforcer implements PolicyEnforcer {
  readonly calls: EnforceCall[] = [];
  side_effect: (() => never) | null = null;

  enforce(context: PolicyContext, action: string, target: PolicyMapping): void {
    this.calls.push({ context, action, target });
    if (this.side_effect !== null) this.side_effect();
  }

  /** Makes every call raise `Forbidden()`, like `side_effect = exception.Forbidden`. */
  deny(): this {
    this.side_effect = () => {
      throw new Forbidden();
    };
    return this;
  }
}

export interface PolicyContextFields {
  readonly user?: string | null;
  readonly tenant?: string | null;
  readonly roles?: readonly string[];
  readonly is_admin?: boolean;
}

/**
 * A context with glance.context.RequestContext's policy dictionaries:
 * oslo.context's `to_policy_values()` keys plus Glance's `user`/`tenant`,
 * and `to_dict()`. Note there is no `is_admin` among the policy values.
 */
export function fakePolicyContext(fields: PolicyContextFields = {}): PolicyContext & { readonly roles: string[] } {
  const user = fields.user ?? null;
  const tenant = fields.tenant ?? null;
  const roles = [...(fields.roles ?? [])];
  return {
    roles,
    to_policy_values: () => ({
      user_id: user,
      user_domain_id: null,
      system_scope: null,
      domain_id: null,
      project_id: tenant,
      project_domain_id: null,
      roles,
      is_admin_project: true,
      service_user_id: null,
      service_user_domain_id: null,
      service_project_id: null,
      service_project_domain_id: null,
      service_roles: [],
      user,
      tenant,
    }),
    to_dict: () => ({
      user,
      tenant,
      project: tenant,
      is_admin: fields.is_admin ?? false,
      read_only: false,
      show_deleted: false,
      roles,
      service_catalog: null,
    }),
  };
}
