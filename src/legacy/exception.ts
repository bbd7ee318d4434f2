/**
 * Glance's own exception classes, with the names, Python hierarchy and
 * message templates of glance/common/exception.py. Controllers map these
 * to HTTP statuses by class, and traces show their text, so both must
 * match Glance exactly.
 *
 * Python's multiple inheritance (`TaskNotFound(TaskException, NotFound)`)
 * is kept: the TS parent is the first Python base, the others are listed
 * in `pyBases`, and `instanceof` follows both.
 *
 * @see glance/common/exception.py
 */
import { PyException, ValueError, pyFormat, pyStr } from '../lib/python.js';

/** Keyword arguments a Glance exception formats its template with. */
export type ExceptionKwargs = Readonly<Record<string, unknown>>;

type AnyClass = abstract new (...args: never[]) => unknown;

/** `issubclass(cls, target)` over the TS chain plus the extra Python bases. */
function pyIsSubclass(cls: unknown, target: unknown): boolean {
  if (typeof cls !== 'function') return false;
  if (cls === target) return true;
  const extra: readonly AnyClass[] = Object.prototype.hasOwnProperty.call(cls, 'pyBases')
    ? ((cls as unknown as { pyBases: readonly AnyClass[] }).pyBases)
    : [];
  return extra.some((base) => pyIsSubclass(base, target)) || pyIsSubclass(Object.getPrototypeOf(cls), target);
}

/** Python's `not message` for the values a message can be. */
function isFalsyMessage(message: unknown): boolean {
  return message === null || message === undefined || message === '' || message === false || message === 0;
}

/** The template `%`-formatted with kwargs; a format failure keeps the template. */
function formatMessage(template: unknown, kwargs: ExceptionKwargs | undefined): string {
  if (kwargs === undefined || Object.keys(kwargs).length === 0 || typeof template !== 'string') {
    return pyStr(template);
  }
  try {
    return pyFormat(template, kwargs);
  } catch {
    // NOTE(quirk): glance/common/exception.py swallows the formatting error
    // (_FATAL_EXCEPTION_FORMAT_ERRORS is False) and keeps the raw template.
    return template;
  }
}

/**
 * Python's `int(x)` for a retry value given as int or digit string.
 * Anything else raises ValueError, as `int()` would.
 */
function pyInt(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  throw new ValueError(`invalid literal for int() with base 10: ${pyStr(value)}`);
}

/** The six fields of Python's `urlparse.urlparse` result. */
export interface ParsedUrl {
  readonly scheme: string;
  readonly netloc: string;
  readonly path: string;
  readonly params: string;
  readonly query: string;
  readonly fragment: string;
}

/** Enough of `urlparse.urlparse` for RedirectException. */
export function urlparse(url: string): ParsedUrl {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(url);
  const [, scheme = '', netloc = '', rawPath = '', query = '', fragment = ''] = m ?? [];
  const lastSlash = rawPath.lastIndexOf('/');
  const semi = rawPath.indexOf(';', lastSlash + 1);
  const path = semi < 0 ? rawPath : rawPath.slice(0, semi);
  const params = semi < 0 ? '' : rawPath.slice(semi + 1);
  return { scheme: scheme.toLowerCase(), netloc, path, params, query, fragment };
}

/** @see glance/common/exception.py RedirectException */
export class RedirectException extends PyException {
  readonly url: ParsedUrl;
  constructor(url: string) {
    super('');
    this.url = urlparse(url);
  }
}

/**
 * Base Glance exception: `new X(message?, kwargs?)` is
 * `X(message=None, **kwargs)`. An empty message falls back to the class
 * template; the message is `%`-formatted with kwargs when any are given.
 * `message` (Python's `str(e)`) and `msg` hold the result.
 *
 * @see glance/common/exception.py GlanceException.__init__
 */
export class GlanceException extends PyException {
  static message = 'An unknown exception occurred';
  /** Python bases after the first (the TS parent), for `instanceof`. */
  static pyBases: readonly AnyClass[] = [];

  /** Python's `e.msg`. */
  readonly msg: string;

  constructor(message?: unknown, kwargs?: ExceptionKwargs) {
    const template = isFalsyMessage(message) ? (new.target as typeof GlanceException).message : message;
    const text = formatMessage(template, kwargs);
    super(text);
    this.msg = text;
  }

  static [Symbol.hasInstance](this: unknown, instance: unknown): boolean {
    if (typeof instance !== 'object' || instance === null) return false;
    return pyIsSubclass(instance.constructor, this);
  }
}

export class MissingCredentialError extends GlanceException {
  static override message = 'Missing required credential: %(required)s';
}

export class BadAuthStrategy extends GlanceException {
  static override message = 'Incorrect auth strategy, expected "%(expected)s" but received "%(received)s"';
}

export class NotFound extends GlanceException {
  static override message = 'An object with the specified identifier was not found.';
}

export class BadStoreUri extends GlanceException {
  static override message = 'The Store URI was malformed.';
}

export class Duplicate extends GlanceException {
  static override message = 'An object with the same identifier already exists.';
}

export class Conflict extends GlanceException {
  static override message = 'An object with the same identifier is currently being operated on.';
}

export class StorageQuotaFull extends GlanceException {
  static override message = 'The size of the data %(image_size)s will exceed the limit. %(remaining)s bytes remaining.';
}

export class AuthBadRequest extends GlanceException {
  static override message = 'Connect error/bad request to Auth service at URL %(url)s.';
}

export class AuthUrlNotFound extends GlanceException {
  static override message = 'Auth service at URL %(url)s not found.';
}

export class AuthorizationFailure extends GlanceException {
  static override message = 'Authorization failed.';
}

export class NotAuthenticated extends GlanceException {
  static override message = 'You are not authenticated.';
}

export class UploadException extends GlanceException {
  static override message = 'Image upload problem: %s';
}

export class Forbidden extends GlanceException {
  static override message = 'You are not authorized to complete %(action)s action.';
}

export class ForbiddenPublicImage extends Forbidden {
  static override message = 'You are not authorized to complete this action.';
}

export class ProtectedImageDelete extends Forbidden {
  static override message = 'Image %(image_id)s is protected and cannot be deleted.';
}

export class ProtectedMetadefNamespaceDelete extends Forbidden {
  static override message = 'Metadata definition namespace %(namespace)s is protected and cannot be deleted.';
}

export class ProtectedMetadefNamespacePropDelete extends Forbidden {
  static override message = 'Metadata definition property %(property_name)s is protected and cannot be deleted.';
}

export class ProtectedMetadefObjectDelete extends Forbidden {
  static override message = 'Metadata definition object %(object_name)s is protected and cannot be deleted.';
}

export class ProtectedMetadefResourceTypeAssociationDelete extends Forbidden {
  static override message =
    'Metadata definition resource-type-association %(resource_type)s is protected and cannot be deleted.';
}

export class ProtectedMetadefResourceTypeSystemDelete extends Forbidden {
  static override message =
    'Metadata definition resource-type %(resource_type_name)s is a seeded-system type and cannot be deleted.';
}

export class ProtectedMetadefTagDelete extends Forbidden {
  static override message = 'Metadata definition tag %(tag_name)s is protected and cannot be deleted.';
}

export class Invalid extends GlanceException {
  static override message = 'Data supplied was not valid.';
}

export class InvalidSortKey extends Invalid {
  static override message = 'Sort key supplied was not valid.';
}

export class InvalidSortDir extends Invalid {
  static override message = 'Sort direction supplied was not valid.';
}

export class InvalidPropertyProtectionConfiguration extends Invalid {
  static override message = 'Invalid configuration in property protection file.';
}

export class InvalidSwiftStoreConfiguration extends Invalid {
  static override message = 'Invalid configuration in glance-swift conf file.';
}

export class InvalidFilterOperatorValue extends Invalid {
  static override message = 'Unable to filter using the specified operator.';
}

export class InvalidFilterRangeValue extends Invalid {
  static override message = 'Unable to filter using the specified range.';
}

export class InvalidOptionValue extends Invalid {
  static override message = 'Invalid value for option %(option)s: %(value)s';
}

export class ReadonlyProperty extends Forbidden {
  static override message = "Attribute '%(property)s' is read-only.";
}

export class ReservedProperty extends Forbidden {
  static override message = "Attribute '%(property)s' is reserved.";
}

export class AuthorizationRedirect extends GlanceException {
  static override message = 'Redirecting to %(uri)s for authorization.';
}

export class ClientConnectionError extends GlanceException {
  static override message = 'There was an error connecting to a server';
}

export class ClientConfigurationError extends GlanceException {
  static override message = 'There was an error configuring the client.';
}

export class MultipleChoices extends GlanceException {
  static override message =
    'The request returned a 302 Multiple Choices. This generally means that you have not included a version ' +
    'indicator in a request URI.\n\nThe body of response returned:\n%(body)s';
}

/** Reads `retry` into `retry_after` like Glance: `int(kwargs['retry'])` when truthy. */
function retryAfter(kwargs: ExceptionKwargs | undefined): number | null {
  const retry = kwargs?.['retry'];
  return isFalsyMessage(retry) ? null : pyInt(retry);
}

export class LimitExceeded extends GlanceException {
  static override message =
    'The request returned a 413 Request Entity Too Large. This generally means that rate limiting or a quota ' +
    'threshold was breached.\n\nThe response body:\n%(body)s';
  readonly retry_after: number | null;
  constructor(message?: unknown, kwargs?: ExceptionKwargs) {
    const retry = retryAfter(kwargs);
    super(message, kwargs);
    this.retry_after = retry;
  }
}

export class ServiceUnavailable extends GlanceException {
  static override message =
    'The request returned 503 Service Unavailable. This generally occurs on service overload or other ' +
    'transient outage.';
  readonly retry_after: number | null;
  constructor(message?: unknown, kwargs?: ExceptionKwargs) {
    const retry = retryAfter(kwargs);
    super(message, kwargs);
    this.retry_after = retry;
  }
}

export class ServerError extends GlanceException {
  static override message = 'The request returned 500 Internal Server Error.';
}

export class UnexpectedStatus extends GlanceException {
  static override message = 'The request returned an unexpected status: %(status)s.\n\nThe response body:\n%(body)s';
}

export class InvalidContentType extends GlanceException {
  static override message = 'Invalid content type %(content_type)s';
}

export class BadRegistryConnectionConfiguration extends GlanceException {
  static override message = 'Registry was not configured correctly on API server. Reason: %(reason)s';
}

export class BadDriverConfiguration extends GlanceException {
  static override message = 'Driver %(driver_name)s could not be configured correctly. Reason: %(reason)s';
}

export class MaxRedirectsExceeded extends GlanceException {
  static override message = 'Maximum redirects (%(redirects)s) was exceeded.';
}

export class InvalidRedirect extends GlanceException {
  static override message = 'Received invalid HTTP redirect.';
}

export class NoServiceEndpoint extends GlanceException {
  static override message = 'Response from Keystone does not contain a Glance endpoint.';
}

export class RegionAmbiguity extends GlanceException {
  static override message =
    "Multiple 'image' service matches for region %(region)s. This generally means that a region is required " +
    'and you have not supplied one.';
}

export class WorkerCreationFailure extends GlanceException {
  static override message = 'Server worker creation failed: %(reason)s.';
}

export class SchemaLoadError extends GlanceException {
  static override message = 'Unable to load schema: %(reason)s';
}

export class InvalidObject extends GlanceException {
  static override message = "Provided object does not match schema '%(schema)s': %(reason)s";
}

export class ImageSizeLimitExceeded extends GlanceException {
  static override message = 'The provided image is too large.';
}

export class FailedToGetScrubberJobs extends GlanceException {
  static override message = 'Scrubber encountered an error while trying to fetch scrub jobs.';
}

export class ImageMemberLimitExceeded extends LimitExceeded {
  static override message =
    'The limit has been exceeded on the number of allowed image members for this image. ' +
    'Attempted: %(attempted)s, Maximum: %(maximum)s';
}

export class ImagePropertyLimitExceeded extends LimitExceeded {
  static override message =
    'The limit has been exceeded on the number of allowed image properties. ' +
    'Attempted: %(attempted)s, Maximum: %(maximum)s';
}

export class ImageTagLimitExceeded extends LimitExceeded {
  static override message =
    'The limit has been exceeded on the number of allowed image tags. Attempted: %(attempted)s, Maximum: %(maximum)s';
}

export class ImageLocationLimitExceeded extends LimitExceeded {
  static override message =
    'The limit has been exceeded on the number of allowed image locations. ' +
    'Attempted: %(attempted)s, Maximum: %(maximum)s';
}

export class SIGHUPInterrupt extends GlanceException {
  static override message = 'System SIGHUP signal received.';
}

export class RPCError extends GlanceException {
  static override message = '%(cls)s exception was raised in the last rpc call: %(val)s';
}

export class TaskException extends GlanceException {
  static override message = 'An unknown task exception occurred';
}

export class BadTaskConfiguration extends GlanceException {
  static override message = 'Task was not configured properly';
}

export class ImageNotFound extends NotFound {
  static override message = 'Image with the given id %(image_id)s was not found';
}

/** Python bases: (TaskException, NotFound). */
export class TaskNotFound extends TaskException {
  static override message = 'Task with the given id %(task_id)s was not found';
  static override pyBases: readonly AnyClass[] = [NotFound];
}

/** Python bases: (TaskException, Invalid). */
export class InvalidTaskStatus extends TaskException {
  static override message = 'Provided status of task is unsupported: %(status)s';
  static override pyBases: readonly AnyClass[] = [Invalid];
}

/** Python bases: (TaskException, Invalid). */
export class InvalidTaskType extends TaskException {
  static override message = 'Provided type of task is unsupported: %(type)s';
  static override pyBases: readonly AnyClass[] = [Invalid];
}

/** Python bases: (TaskException, Invalid). */
export class InvalidTaskStatusTransition extends TaskException {
  static override message = 'Status transition from %(cur_status)s to %(new_status)s is not allowed';
  static override pyBases: readonly AnyClass[] = [Invalid];
}

/** Python bases: (TaskException, Invalid). */
export class ImportTaskError extends TaskException {
  static override message = 'An import task exception occurred';
  static override pyBases: readonly AnyClass[] = [Invalid];
}

export class DuplicateLocation extends Duplicate {
  static override message = 'The location %(location)s already exists';
}

export class InvalidParameterValue extends Invalid {
  static override message = "Invalid value '%(value)s' for parameter '%(param)s': %(extra_msg)s";
}

export class InvalidImageStatusTransition extends Invalid {
  static override message = 'Image status transition from %(cur_status)s to %(new_status)s is not allowed';
}

export class MetadefDuplicateNamespace extends Duplicate {
  static override message = 'The metadata definition namespace=%(namespace_name)s already exists.';
}

export class MetadefDuplicateObject extends Duplicate {
  static override message =
    'A metadata definition object with name=%(object_name)s already exists in namespace=%(namespace_name)s.';
}

export class MetadefDuplicateProperty extends Duplicate {
  static override message =
    'A metadata definition property with name=%(property_name)s already exists in namespace=%(namespace_name)s.';
}

export class MetadefDuplicateResourceType extends Duplicate {
  static override message = 'A metadata definition resource-type with name=%(resource_type_name)s already exists.';
}

export class MetadefDuplicateResourceTypeAssociation extends Duplicate {
  static override message =
    'The metadata definition resource-type association of resource-type=%(resource_type_name)s to ' +
    'namespace=%(namespace_name)s already exists.';
}

export class MetadefDuplicateTag extends Duplicate {
  static override message =
    'A metadata tag with name=%(name)s already exists in namespace=%(namespace_name)s. ' +
    '(Please note that metadata tag names are case insensitive).';
}

export class MetadefForbidden extends Forbidden {
  static override message = 'You are not authorized to complete this action.';
}

export class MetadefIntegrityError extends Forbidden {
  static override message =
    'The metadata definition %(record_type)s with name=%(record_name)s not deleted. ' +
    'Other records still refer to it.';
}

export class MetadefNamespaceNotFound extends NotFound {
  static override message = 'Metadata definition namespace=%(namespace_name)s was not found.';
}

export class MetadefObjectNotFound extends NotFound {
  static override message =
    'The metadata definition object with name=%(object_name)s was not found in namespace=%(namespace_name)s.';
}

export class MetadefPropertyNotFound extends NotFound {
  static override message =
    'The metadata definition property with name=%(property_name)s was not found in namespace=%(namespace_name)s.';
}

export class MetadefResourceTypeNotFound extends NotFound {
  static override message = 'The metadata definition resource-type with name=%(resource_type_name)s, was not found.';
}

export class MetadefResourceTypeAssociationNotFound extends NotFound {
  static override message =
    'The metadata definition resource-type association of resource-type=%(resource_type_name)s to ' +
    'namespace=%(namespace_name)s, was not found.';
}

export class MetadefTagNotFound extends NotFound {
  static override message =
    'The metadata definition tag with name=%(name)s was not found in namespace=%(namespace_name)s.';
}

export class InvalidDataMigrationScript extends GlanceException {
  static override message =
    "Invalid data migration script '%(script)s'. A valid data migration script must implement functions " +
    "'has_migrations' and 'migrate'.";
}
