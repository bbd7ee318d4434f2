/**
 * Domain failures as values: a stable code and the text Glance shows.
 * The HTTP status is chosen from the code at the edge (model.ts).
 */
export type ErrorCode =
  | 'bad_request' // 400
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'too_large' // 413
  | 'internal' // 500 with Glance's explanation
  | 'crash' // 500, an exception Glance lets escape
  | 'unavailable' // 503
  | 'unauthorized' // 401
  | 'no_content'; // 204: a webob HTTPNoContent Glance raises

/**
 * A failure a use case reports: code for the HTTP edge, text as Glance words it,
 * kind naming the Glance (or Python) exception it stands for.
 * @see glance/common/exception.py GlanceException
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The Glance exception class behind it, for diagnostics and re-mapping. */
    readonly kind = '',
    /** Glance passed the text as the HTTP error's positional detail (shown after webob's stock text). */
    readonly positional = false,
  ) {
    super(message);
  }
}

export const fail = (code: ErrorCode, message: string, kind = '', positional = false): never => {
  throw new DomainError(code, message, kind, positional);
};

/** A policy denial, as oslo raises it through Glance's enforcer. */
export function policyDenied(rule: string): DomainError {
  return new DomainError('forbidden', `You are not authorized to complete ${rule} action.`, 'PolicyForbidden');
}
