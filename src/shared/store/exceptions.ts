/**
 * glance_store.exceptions (glance_store 4.1, the copy the oracle runs):
 * the classes Glance catches or lets escape, with their message templates.
 *
 * These are distinct from Glance's own exceptions of the same names
 * (src/legacy/exception.ts): Glance catches `glance_store.NotFound` in some
 * places and `exception.NotFound` in others, so both hierarchies exist.
 */
import { PyException, pyFormat, pyStringRepr } from '../../lib/python.js';

/** A plain `Exception` subclass in glance_store: its text is what it was given. */
export class BackendException extends PyException {
  constructor(message = '') {
    super(message);
  }
}

export class UnsupportedBackend extends BackendException {}

/** Raised by drivers that redirect; Glance never sees one from file or http. */
export class RedirectException extends PyException {
  constructor(readonly url: string) {
    super(url);
  }
}

/**
 * `GlanceStoreException(message=None, **kwargs)`: an empty message falls back
 * to the class template; kwargs, when given, are %-formatted into whichever
 * message is used, and a formatting failure keeps the text unformatted.
 */
export class GlanceStoreException extends PyException {
  static readonly template: string = 'An unknown exception occurred';
  /** glance_store keeps the final text in `msg` as well. */
  readonly msg: string;
  readonly kwargs: Readonly<Record<string, unknown>>;

  constructor(message?: string | null, kwargs: Record<string, unknown> = {}) {
    const template = (new.target as typeof GlanceStoreException).template;
    const text = formatStoreMessage(message ? message : template, kwargs);
    super(text);
    this.msg = text;
    this.kwargs = kwargs;
  }
}

function formatStoreMessage(message: string, kwargs: Record<string, unknown>): string {
  if (Object.keys(kwargs).length === 0) return message;
  try {
    return pyFormat(message, kwargs);
  } catch {
    return message;
  }
}

export class MissingCredentialError extends GlanceStoreException {
  static override readonly template: string = 'Missing required credential: %(required)s';
}
export class BadAuthStrategy extends GlanceStoreException {
  static override readonly template: string = 'Incorrect auth strategy, expected "%(expected)s" but received "%(received)s"';
}
export class AuthorizationRedirect extends GlanceStoreException {
  static override readonly template: string = 'Redirecting to %(uri)s for authorization.';
}
export class NotFound extends GlanceStoreException {
  static override readonly template: string = 'Image %(image)s not found';
}
export class UnknownHashingAlgo extends GlanceStoreException {
  static override readonly template: string = 'Unknown hashing algorithm identifier: %(algo)s';
}
export class UnknownScheme extends GlanceStoreException {
  static override readonly template: string = "Unknown scheme '%(scheme)s' found in URI";
}
export class BadStoreUri extends GlanceStoreException {
  static override readonly template: string = 'The Store URI was malformed: %(uri)s';
}
export class Duplicate extends GlanceStoreException {
  static override readonly template: string = 'Image %(image)s already exists';
}
export class StorageFull extends GlanceStoreException {
  static override readonly template: string = 'There is not enough disk space on the image storage media.';
}
export class StorageWriteDenied extends GlanceStoreException {
  static override readonly template: string = 'Permission to write image storage media denied.';
}
export class AuthBadRequest extends GlanceStoreException {
  static override readonly template: string = 'Connect error/bad request to Auth service at URL %(url)s.';
}
export class AuthUrlNotFound extends GlanceStoreException {
  static override readonly template: string = 'Auth service at URL %(url)s not found.';
}
export class AuthorizationFailure extends GlanceStoreException {
  static override readonly template: string = 'Authorization failed.';
}
export class NotAuthenticated extends GlanceStoreException {
  static override readonly template: string = 'You are not authenticated.';
}
export class Forbidden extends GlanceStoreException {
  static override readonly template: string = 'You are not authorized to complete this action.';
}
export class Invalid extends GlanceStoreException {
  static override readonly template: string = 'Data supplied was not valid.';
}
export class BadStoreConfiguration extends GlanceStoreException {
  static override readonly template: string = 'Store %(store_name)s could not be configured correctly. Reason: %(reason)s';
}
export class DriverLoadFailure extends GlanceStoreException {
  static override readonly template: string = 'Driver %(driver_name)s could not be loaded.';
}
export class StoreDeleteNotSupported extends GlanceStoreException {
  static override readonly template: string = 'Deleting images from this store is not supported.';
}
export class StoreGetNotSupported extends GlanceStoreException {
  static override readonly template: string = 'Getting images from this store is not supported.';
}
export class StoreRandomGetNotSupported extends StoreGetNotSupported {
  static override readonly template: string =
    'Getting images randomly from this store is not supported. Offset: %(offset)s, length: %(chunk_size)s';
}
export class StoreAddDisabled extends GlanceStoreException {
  static override readonly template: string = 'Configuration for store failed. Adding images to this store is disabled.';
}
export class MaxRedirectsExceeded extends GlanceStoreException {
  static override readonly template: string = 'Maximum redirects (%(redirects)s) was exceeded.';
}
export class NoServiceEndpoint extends GlanceStoreException {
  static override readonly template: string = 'Response from Keystone does not contain a Glance endpoint.';
}
export class RegionAmbiguity extends GlanceStoreException {
  static override readonly template: string =
    "Multiple 'image' service matches for region %(region)s. This generally means that a region is required and you have not supplied one.";
}
export class RemoteServiceUnavailable extends GlanceStoreException {
  static override readonly template: string = 'Remote server where the image is present is unavailable.';
}
export class HasSnapshot extends GlanceStoreException {
  static override readonly template: string = 'The image cannot be deleted because it has snapshot(s).';
}
export class InUseByStore extends GlanceStoreException {
  static override readonly template: string =
    'The image cannot be deleted because it is in use through the backend store outside of Glance.';
}

/**
 * The OSError a driver lets escape when the filesystem refuses something
 * glance_store does not translate (e.g. ENOENT, EISDIR). Its Python class
 * is the errno-specific OSError subclass; the text is CPython's.
 */
export class StoreOSError extends PyException {
  constructor(
    readonly errno: number,
    readonly code: string,
    readonly strerror: string,
    readonly filename: string | null,
  ) {
    super(filename === null ? `[Errno ${errno}] ${strerror}` : `[Errno ${errno}] ${strerror}: ${pyStringRepr(filename)}`);
  }
  override get pyName(): string {
    return OS_ERROR_CLASSES[this.code] ?? 'OSError';
  }
}

const OS_ERROR_CLASSES: Record<string, string> = {
  ENOENT: 'FileNotFoundError',
  EEXIST: 'FileExistsError',
  EISDIR: 'IsADirectoryError',
  ENOTDIR: 'NotADirectoryError',
  EACCES: 'PermissionError',
  EPERM: 'PermissionError',
};

// Glance's own exception module has classes with the same names; these
// aliases let a file import both hierarchies without renaming at each use.
export {
  NotFound as StoreNotFound,
  Forbidden as StoreForbidden,
  Duplicate as StoreDuplicate,
  Invalid as StoreInvalid,
  BadStoreUri as StoreBadStoreUri,
  UnknownScheme as StoreUnknownScheme,
  StorageFull as StoreStorageFull,
  StorageWriteDenied as StoreStorageWriteDenied,
  NotAuthenticated as StoreNotAuthenticated,
  InUseByStore as StoreInUseByStore,
  HasSnapshot as StoreHasSnapshot,
  BackendException as StoreBackendException,
};
