/**
 * Every way the flat model fails, as one closed set: each failure is named
 * by the Glance (or Python) exception it stands for, and answers with the
 * HTTP status Glance answers it with where the flat model raises it. The
 * HTTP front renders it (webob's error page for the status, the text as
 * Glance passed it); a bare 500 is told apart from another only by the
 * class that escaped.
 * @see glance/common/exception.py, webob/exc.py
 */
import { pyTypeName } from '../lib/python.js';

/** [status, the class Glance reports it as]. */
type Outcome = readonly [status: number, glanceClass: string];

const FAILURES = {
  // The webob errors a controller (or the HTTP layer) raises.
  HTTPNoContent: [204, 'HTTPNoContent'],
  HTTPBadRequest: [400, 'HTTPBadRequest'],
  HTTPUnauthorized: [401, 'HTTPUnauthorized'],
  HTTPForbidden: [403, 'HTTPForbidden'],
  HTTPNotFound: [404, 'HTTPNotFound'],
  HTTPConflict: [409, 'HTTPConflict'],
  HTTPGone: [410, 'HTTPGone'],
  HTTPRequestEntityTooLarge: [413, 'HTTPRequestEntityTooLarge'],
  /** A 500 with Glance's own explanation (not the bare one). */
  HTTPInternalServerError: [500, 'HTTPInternalServerError'],
  HTTPServiceUnavailable: [503, 'HTTPServiceUnavailable'],
  /** @utils.mutating refusing an anonymous caller (a positional HTTPForbidden). */
  ReadOnly: [403, 'HTTPForbidden'],

  // Glance's exceptions, answered as the controllers that catch them answer.
  BadStoreUri: [400, 'BadStoreUri'],
  DuplicateLocation: [400, 'DuplicateLocation'],
  Invalid: [400, 'Invalid'],
  InvalidFilterOperatorValue: [400, 'InvalidFilterOperatorValue'],
  InvalidFilterRangeValue: [400, 'InvalidFilterRangeValue'],
  InvalidImageStatusTransition: [400, 'InvalidImageStatusTransition'],
  InvalidObject: [400, 'InvalidObject'],
  InvalidParameterValue: [400, 'InvalidParameterValue'],
  InvalidSortKey: [400, 'InvalidSortKey'],
  /** A listing's marker that is not there (ImageNotFound, TaskNotFound) is the caller's 400. */
  MarkerNotFound: [400, 'NotFound'],
  /** A ValueError a controller answers with its text (400). */
  BadValue: [400, 'ValueError'],
  SignatureVerificationError: [400, 'SignatureVerificationError'],
  Forbidden: [403, 'Forbidden'],
  ProtectedImageDelete: [403, 'ProtectedImageDelete'],
  ReadonlyProperty: [403, 'ReadonlyProperty'],
  ReservedProperty: [403, 'ReservedProperty'],
  ImageNotFound: [404, 'ImageNotFound'],
  NotFound: [404, 'NotFound'],
  TaskNotFound: [404, 'TaskNotFound'],
  Conflict: [409, 'Conflict'],
  Duplicate: [409, 'Duplicate'],
  ImageLocationLimitExceeded: [413, 'ImageLocationLimitExceeded'],
  ImageMemberLimitExceeded: [413, 'ImageMemberLimitExceeded'],
  ImagePropertyLimitExceeded: [413, 'ImagePropertyLimitExceeded'],
  ImageTagLimitExceeded: [413, 'ImageTagLimitExceeded'],
  StorageQuotaFull: [413, 'StorageQuotaFull'],

  // What escapes a controller: Glance's bare 500, named by the exception.
  AttributeError: [500, 'AttributeError'],
  DBError: [500, 'DBError'],
  ImageSizeLimitExceeded: [500, 'ImageSizeLimitExceeded'],
  InvalidOptionValue: [500, 'InvalidOptionValue'],
  InvalidPropertyProtectionConfiguration: [500, 'InvalidPropertyProtectionConfiguration'],
  InvalidRequestError: [500, 'InvalidRequestError'],
  KeyError: [500, 'KeyError'],
  NoOptionError: [500, 'NoOptionError'],
  OverflowError: [500, 'OverflowError'],
  TypeError: [500, 'TypeError'],
  UnicodeEncodeError: [500, 'UnicodeEncodeError'],
  ValueError: [500, 'ValueError'],
  /** Another exception escaping (a glance_store one, or a Glance one a controller does not catch): named by `escaped`. */
  Escaped: [500, 'Exception'],
} as const satisfies Readonly<Record<string, Outcome>>;

export type FailureKind = keyof typeof FAILURES;

export interface FailureOptions {
  /** Glance passed the text as the HTTP error's positional detail (shown after webob's stock text). */
  readonly positional?: boolean;
  /** For `Escaped`: the class of what escaped. */
  readonly escaped?: string;
}

/**
 * A failure a use case reports. An empty message is webob's stock
 * explanation for the status.
 */
export class DomainError extends Error {
  readonly positional: boolean;
  private readonly escapedClass: string | undefined;

  constructor(readonly kind: FailureKind, message: string, options: FailureOptions = {}) {
    // A failure is an answer, not a bug: nobody reads its stack, and capturing one was 3% of the flat model's time.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.positional = options.positional ?? false;
    this.escapedClass = options.escaped;
  }

  get status(): number {
    return FAILURES[this.kind][0];
  }

  /** A bare 500 (an exception that escaped), as opposed to an HTTP error with Glance's text. */
  get crashed(): boolean {
    return this.status === 500 && this.kind !== 'HTTPInternalServerError';
  }

  /** The class Glance reports: what escaped for a bare 500, else the exception the failure stands for. */
  get glanceClass(): string {
    return this.escapedClass ?? FAILURES[this.kind][1];
  }

  /** A webob HTTP error raised by a controller, as opposed to a Glance or Python exception. */
  get fromController(): boolean {
    return this.kind.startsWith('HTTP') || this.kind === 'ReadOnly';
  }
}

export const fail = (kind: FailureKind, message: string, options: FailureOptions = {}): never => {
  throw new DomainError(kind, message, options);
};

/**
 * A Glance exception no controller catches on this path: it escapes as a
 * bare 500 named by its class.
 */
export function escaped(e: DomainError): DomainError {
  return e.crashed ? e : new DomainError('Escaped', e.message, { escaped: e.glanceClass });
}

/** The Python class of an exception a shared library raised (a glance_store one, say), or '' for any other value. */
export function pyName(e: unknown): string {
  const name = (e as { pyName?: unknown } | null)?.pyName;
  return typeof name === 'string' ? name : '';
}

/** An exception from a shared library escaping as a bare 500, named by its Python class. */
export function escapedException(e: unknown): DomainError {
  return new DomainError('Escaped', e instanceof Error ? e.message : String(e), { escaped: pyName(e) || pyTypeName(e) });
}

/** A policy denial, as oslo raises it through Glance's enforcer. */
export function policyDenied(rule: string): DomainError {
  return new DomainError('Forbidden', `You are not authorized to complete ${rule} action.`);
}
