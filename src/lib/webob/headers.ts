/**
 * webob.headers: the two header views.
 *
 * - `EnvironHeaders` (`req.headers`): a case-insensitive dict over the CGI
 *   keys of an environ. A header name maps to its key by `transName`:
 *   upper-cased, '-' to '_', prefixed `HTTP_`, except Content-Type and
 *   Content-Length (`CONTENT_TYPE`, `CONTENT_LENGTH`). So `X-Roles`,
 *   `x-roles` and `X_Roles` are one key; and, as webob's table says,
 *   `Content_Type` is `HTTP_CONTENT_TYPE`, not `CONTENT_TYPE`.
 * - `ResponseHeaders` (`resp.headers`): a MultiDict view over the response
 *   headerlist, keys compared case-insensitively; `setItem` removes every
 *   field of that name and appends one at the end (order matters: webob
 *   sends the list as it is).
 *
 * @see webob/headers.py
 */
import { KeyError } from '../python.js';
import { MultiDict } from './multidict.js';
import { envHas, type Environ } from './wsgi.js';

const KEY2HEADER: Readonly<Record<string, string>> = {
  CONTENT_TYPE: 'Content-Type',
  CONTENT_LENGTH: 'Content-Length',
  HTTP_CONTENT_TYPE: 'Content_Type',
  HTTP_CONTENT_LENGTH: 'Content_Length',
};
const HEADER2KEY: ReadonlyMap<string, string> = new Map(Object.entries(KEY2HEADER).map(([k, v]) => [v.toUpperCase(), k]));

/** The header name an environ key stands for (`HTTP_X_ROLES` -> `X-Roles`), or null for a non-header key. */
export function transKey(key: string): string | null {
  if (Object.prototype.hasOwnProperty.call(KEY2HEADER, key)) return KEY2HEADER[key] as string;
  if (key.startsWith('HTTP_')) return pyTitle(key.slice(5).replace(/_/g, '-'));
  return null;
}

/** The environ key a header name is stored under (`X-Roles` -> `HTTP_X_ROLES`). */
export function transName(name: string): string {
  const upper = name.toUpperCase();
  return HEADER2KEY.get(upper) ?? 'HTTP_' + upper.replace(/-/g, '_');
}

/** Python's `str.title()`: a cased letter after an uncased character is upper-cased, any other lower-cased. */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const isLetter = /[\p{Lu}\p{Ll}\p{Lt}]/u.test(ch);
    out += isLetter ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = isLetter;
  }
  return out;
}

/** `req.headers`: a view over the environ's header keys, one value per name. */
export class EnvironHeaders {
  constructor(readonly environ: Environ) {}

  getItem(name: string): string {
    const key = transName(name);
    if (!envHas(this.environ, key)) throw new KeyError(key);
    return this.environ[key] as string;
  }

  get<D = null>(name: string, fallback: D = null as D): string | D {
    const key = transName(name);
    return envHas(this.environ, key) ? (this.environ[key] as string) : fallback;
  }

  setItem(name: string, value: string): void {
    this.environ[transName(name)] = value;
  }

  delItem(name: string): void {
    const key = transName(name);
    if (!envHas(this.environ, key)) throw new KeyError(key);
    delete this.environ[key];
  }

  contains(name: string): boolean {
    return envHas(this.environ, transName(name));
  }

  /** Header names in environ order (`Content-Type`, `X-Roles`, ...). */
  keys(): string[] {
    const out: string[] = [];
    for (const key of Object.keys(this.environ)) {
      const name = transKey(key);
      if (name !== null && name !== '') out.push(name);
    }
    return out;
  }

  items(): Array<[string, string]> {
    return this.keys().map((name) => [name, this.getItem(name)]);
  }

  len(): number {
    return this.keys().length;
  }

  /** `headers.update(other)`: each pair set in turn. */
  update(pairs: Iterable<readonly [string, string]> | Readonly<Record<string, string>>): void {
    const list = Symbol.iterator in pairs ? (pairs as Iterable<readonly [string, string]>) : Object.entries(pairs);
    for (const [k, v] of list) this.setItem(k, v);
  }

  clear(): void {
    for (const name of this.keys()) this.delItem(name);
  }
}

/** `resp.headers`: the response headerlist as a case-insensitive MultiDict view. */
export class ResponseHeaders extends MultiDict<string> {
  /** A view over `list`: changes go to the list itself. */
  static view(list: Array<[string, string]>): ResponseHeaders {
    const h = new ResponseHeaders();
    h._items = list;
    return h;
  }

  protected override keyEq(a: string, b: string): boolean {
    return a.toLowerCase() === b.toLowerCase();
  }

  override mixed(): Map<string, string | string[]> {
    const r = new Map<string, string | string[]>();
    for (const [k, list] of this.dictOfLists()) r.set(k, list.length === 1 ? (list[0] as string) : list);
    return r;
  }

  /** Keys lower-cased, as webob's ResponseHeaders.dict_of_lists does. */
  override dictOfLists(): Map<string, string[]> {
    const r = new Map<string, string[]>();
    for (const [k, v] of this.items()) {
      const key = k.toLowerCase();
      const list = r.get(key);
      if (list) list.push(v);
      else r.set(key, [v]);
    }
    return r;
  }
}
