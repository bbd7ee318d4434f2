/**
 * glance_store's read-only http(s) driver (glance_store/_drivers/http.py)
 * over a simulated web instead of the network. The driver logic is kept:
 * URI parsing and its BadStoreUri cases, the URI rebuilt from what was
 * parsed (fragment and `;params` dropped), 404 as NotFound, Content-Length
 * as the size, no add or delete. Only the HTTP exchange is replaced, by the
 * rule of shared/scenario-format.md (the oracle's shim S5).
 */
import { NotImplementedError_, ValueError } from '../../lib/python.js';
import type { ImageRead, StoreLocation, StoredImage } from './api.js';
import { BitMasks, CapableDriver, invalidSchemasReason, startsWithOneOf } from './driver.js';
import { BadStoreUri, NotFound } from './exceptions.js';
import { hostnameOf, partition, urlparse } from './urlparse.js';

const HTTP_SCHEMAS = ['https://', 'http://'] as const;

/** glance_store.driver.Store.READ_CHUNKSIZE: the http driver keeps the 4 MiB default. */
export const HTTP_READ_CHUNK_SIZE = 4 * 1024 * 1024;

/** The remote side: a URL's body, or null when the server answers 404. */
export interface RemoteWeb {
  content(uri: string): Buffer | null;
}

/**
 * The scenario web: a host ending in `.invalid` or a path containing
 * `/missing` is 404; anything else serves the UTF-8 bytes of the URL.
 */
export const scenarioWeb: RemoteWeb = {
  content(uri: string): Buffer | null {
    const p = urlparse(uri);
    const host = hostnameOf(p.netloc) ?? '';
    if (host.endsWith('.invalid') || p.path.includes('/missing')) return null;
    return utf8Strict(uri);
  },
};

/** Python's `str.encode('utf-8')`, which refuses lone surrogates. */
export class UnicodeEncodeError extends ValueError {}

function utf8Strict(s: string): Buffer {
  let position = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new UnicodeEncodeError(
        `'utf-8' codec can't encode character '\\u${cp.toString(16)}' in position ${position}: surrogates not allowed`,
      );
    }
    position++;
  }
  return Buffer.from(s, 'utf8');
}

/**
 * An http(s) location as the driver parsed it.
 * @see glance_store/_drivers/http.py StoreLocation
 */
export class HttpLocation implements StoreLocation {
  constructor(
    readonly storeName: string,
    readonly scheme: string,
    readonly netloc: string,
    readonly user: string | null,
    readonly password: string | null,
    readonly path: string,
    readonly query: string,
  ) {}

  getUri(): string {
    const creds = this.user ? `${this.user}:${this.password ?? ''}@` : '';
    const query = this.query ? `?${this.query}` : '';
    return `${this.scheme}://${creds}${this.netloc}${this.path}${query}`;
  }
}

/**
 * The http(s) store: read access only.
 * @see glance_store/_drivers/http.py Store
 */
export class HttpStore extends CapableDriver {
  readonly name = 'http';
  protected readonly capabilities = BitMasks.READ_ACCESS | BitMasks.DRIVER_REUSABLE;

  constructor(private readonly web: RemoteWeb = scenarioWeb) {
    super();
  }

  getSchemes(): readonly string[] {
    return ['http', 'https'];
  }

  /** @see glance_store/_drivers/http.py StoreLocation.parse_uri */
  parseUri(uri: string, storeName: string): HttpLocation {
    const pieces = urlparse(uri);
    if (!startsWithOneOf(uri, HTTP_SCHEMAS)) throw new BadStoreUri(invalidSchemasReason(HTTP_SCHEMAS));
    const { creds, netloc, path } = splitCredentials(pieces.netloc, pieces.path);
    let user: string | null = null;
    let password: string | null = null;
    if (creds) [user, password] = splitUserPassword(creds);
    if (netloc === '') throw new BadStoreUri(null, { uri });
    const delimiter = count(netloc, ':') > 1 ? ']:' : ':';
    const port = partition(netloc, delimiter)[2];
    if (port && !isPyDigit(port)) throw new BadStoreUri(null, { uri });
    return new HttpLocation(storeName, pieces.scheme, netloc, user, password, path, pieces.query);
  }

  getSize(location: StoreLocation): number {
    return this.query(location as HttpLocation).length;
  }

  protected doGet(location: StoreLocation): ImageRead {
    const body = this.query(location as HttpLocation);
    return { data: chunked(body, HTTP_READ_CHUNK_SIZE), size: body.length };
  }

  protected doAdd(): StoredImage {
    throw new NotImplementedError_('');
  }

  protected doDelete(): void {
    throw new NotImplementedError_('');
  }

  /** `_query` + `_check_store_uri` for a server that never redirects. */
  private query(location: HttpLocation): Buffer {
    const body = this.web.content(location.getUri());
    if (body === null) throw new NotFound('HTTP datastore could not find image at URI.');
    return body;
  }
}

/**
 * The credential split of parse_uri, including its fallback: with more than
 * one '@' in the netloc, the netloc is kept whole and an '@' in the path is
 * taken instead (a second one there escapes as ValueError).
 */
function splitCredentials(netloc: string, path: string): { creds: string | null; netloc: string; path: string } {
  const at = count(netloc, '@');
  if (at === 1) {
    const [creds, , rest] = partition(netloc, '@');
    return { creds, netloc: rest, path };
  }
  if (at === 0) return { creds: null, netloc, path };
  const inPath = count(path, '@');
  if (inPath === 0) return { creds: null, netloc, path };
  if (inPath > 1) throw new ValueError('too many values to unpack (expected 2)');
  const [creds, , rest] = partition(path, '@');
  return { creds, netloc, path: rest };
}

function splitUserPassword(creds: string): [string, string] {
  const parts = creds.split(':');
  if (parts.length !== 2) throw new BadStoreUri('Credentials are not well-formatted.');
  return [parts[0] as string, parts[1] as string];
}

function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

/**
 * `str.isdigit()`: decimal digits plus the digit-valued superscripts,
 * subscripts and circled digits Python also accepts.
 */
function isPyDigit(s: string): boolean {
  return /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u1369-\u1371\u19da\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]+$/u.test(s);
}

function* chunked(body: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}
