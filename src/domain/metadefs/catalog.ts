/**
 * What every catalog use case works with: the caller, the policy, the
 * rows, the notifier and the clock; finding a namespace as the caller may
 * see it; and how a use case's failures reach the client (a refusal, a
 * missing thing or a conflict as itself, anything else as a bare 500).
 */
import { pyStr, PyException } from '../../lib/python.js';
import type { Clock, IdGenerator } from '../../shared/world.js';
import type { Actor } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import type { Notify } from '../notify.js';
import type { Policy } from '../rules/policy.js';
import { MetadefRepository, type Loaded, type NamespaceRow } from '../db/metadefs.js';
import { canSee, forbidden, notFound } from './rules.js';
import { SAVE_NOT_FOUND } from '../compat/metadef-lookups.js';

export interface Catalog {
  readonly actor: Actor;
  readonly policy: Policy;
  readonly repo: MetadefRepository;
  readonly notify: Notify;
  readonly clock: Clock;
  /** Glance's domain factories draw a uuid4 for each namespace, object, property and tag they make (and never store it). */
  readonly ids: IdGenerator;
}

export function catalogOf(ctx: Ctx): Catalog {
  const { world } = ctx;
  return { actor: ctx.actor, policy: ctx.policy, repo: new MetadefRepository(world.db, world.clock), notify: ctx.notify, clock: world.clock, ids: world.ids };
}

export function enforce(c: Catalog, rule: string): void {
  c.policy.enforce(c.actor, rule);
}

/** A namespace as the catalog hands it out: a missing visibility reads private, a missing protected flag False. */
export interface Namespace {
  readonly loaded: Loaded<NamespaceRow>;
  readonly id: number;
  readonly namespace: string;
  readonly display_name: string | null;
  readonly description: string | null;
  readonly visibility: string;
  readonly protected: boolean;
  readonly owner: string;
  readonly created_at: Date;
  readonly updated_at: Date | null;
}

export function entityOf(loaded: Loaded<NamespaceRow>): Namespace {
  const r = loaded.row;
  return { ...r, loaded, visibility: r.visibility || 'private', protected: r.protected || false };
}

/** The namespace by name, if it exists and the caller sees it; else why not. */
export function lookUpNamespace(c: Catalog, name: unknown): Namespace | 'missing' | 'hidden' {
  const loaded = c.repo.namespaceByName(name);
  if (loaded === undefined) return 'missing';
  if (!canSee(c.actor, loaded.row)) return 'hidden';
  return entityOf(loaded);
}

/** The namespace as the namespace repo finds it: missing and hidden alike are "Could not find". */
export function findNamespace(c: Catalog, name: unknown): Namespace {
  const found = lookUpNamespace(c, name);
  if (typeof found === 'string') throw notFound(`Could not find namespace ${pyStr(name)}`);
  return found;
}

/** The namespace as the db api finds it for a write into it, with the db's own texts. */
export function namespaceForContents(c: Catalog, name: unknown): Namespace {
  const found = lookUpNamespace(c, name);
  if (found === 'missing') throw notFound(`Metadata definition namespace=${pyStr(name)} was not found.`);
  if (found === 'hidden') throw forbidden(`Forbidding request, metadata definition namespace=${pyStr(name)} is not visible.`);
  return found;
}

/** The namespace of a thing being saved, as the db api finds it: missing is SAVE_NOT_FOUND, hidden a refusal. */
export function namespaceForSave(c: Catalog, name: unknown): Namespace {
  const found = lookUpNamespace(c, name);
  if (found === 'missing') throw notFound(SAVE_NOT_FOUND);
  if (found === 'hidden') throw forbidden(`Forbidding request, metadata definition namespace=${pyStr(name)} is not visible.`);
  return found;
}

/** The namespace by its row id, visible to the caller (a namespace save's re-read). */
export function namespaceByIdForSave(c: Catalog, id: number): Namespace {
  const loaded = c.repo.namespaceById(id);
  if (loaded === undefined) throw notFound(SAVE_NOT_FOUND);
  if (!canSee(c.actor, loaded.row)) throw forbidden(`Forbidding request, metadata definition namespace=${pyStr(loaded.row.namespace)} is not visible.`);
  return entityOf(loaded);
}

/** The statuses a guarded body lets through: refusals, missing things, conflicts. */
const PASSING: readonly number[] = [403, 404, 409];

/** A bare 500 of Glance's own making (the controller's `except Exception`). */
export function internalError(detail = ''): DomainError {
  return new DomainError('HTTPInternalServerError', detail, { positional: true });
}

/**
 * A controller's guarded body: refusals, missing things and conflicts
 * reach the client as themselves, and invalid data (when the controller
 * catches it: `what` it could not do) as a 400; anything else is logged by
 * Glance and answered with a bare 500.
 */
export function guarded<T>(fn: () => T, what?: string, onFailure?: (e: DomainError) => void): T {
  try {
    return fn();
  } catch (e) {
    if (what !== undefined && e instanceof DomainError && e.kind === 'Invalid') {
      throw new DomainError('HTTPBadRequest', `Couldn't ${what}: ${e.message}`);
    }
    if (e instanceof DomainError && PASSING.includes(e.status)) {
      onFailure?.(e);
      throw e;
    }
    if (process.env.PEEL_DEBUG) process.stderr.write(`flat metadef: ${e instanceof Error ? e.stack : String(e)}\n`);
    throw internalError();
  }
}

/** `encodeutils.exception_to_unicode(e)`: Python's str(e). */
export function exceptionText(e: unknown): string {
  if (e instanceof PyException) return e.toPyStr();
  if (e instanceof DomainError) return e.message;
  if (e instanceof Error) return e.message;
  return pyStr(e);
}
