/**
 * The WSGI protocol (PEP 3333) as the ports of WebOb, Routes and Glance's
 * wsgi.py speak it: an environ dict, `start_response(status, headers)`,
 * and an iterable of byte chunks back.
 *
 * - `Environ` is a Python dict of str keys: create one with `newEnviron()`
 *   (no prototype, so a header named `constructor` is just a key), read it
 *   with `envGet`/`envHas`. Native-string values (PATH_INFO, QUERY_STRING,
 *   HTTP_*) hold bytes as latin-1 characters, as on Python 3.
 * - An application is a function `(environ, startResponse) => chunks` or an
 *   object with a `call(environ, startResponse)` method (webob's Response and
 *   HTTP exceptions, `wsgify`-wrapped handlers, RoutesMiddleware): Python
 *   calls both the same way, `callApp` does here.
 */

/** A WSGI environ: Python dict of str keys (no prototype). */
export type Environ = Record<string, unknown>;

/** Response header fields in order, as `start_response` receives them. */
export type Headerlist = Array<[string, string]>;

/** The `write` callable `start_response` returns (legacy imperative output). */
export type WriteFn = (chunk: Buffer) => void;

export type StartResponse = (status: string, headers: Headerlist, excInfo?: unknown) => WriteFn;

/** What an application returns: the body's chunks, possibly lazy (downloads). */
export type AppIter = Iterable<Buffer>;

/** An object that is a WSGI application through its `call` method (Python's `__call__`). */
export interface WsgiCallable {
  call(environ: Environ, startResponse: StartResponse): AppIter;
}

export type WsgiFunction = (environ: Environ, startResponse: StartResponse) => AppIter;

/** Any WSGI application. */
export type WsgiApp = WsgiFunction | WsgiCallable;

/** `app(environ, start_response)` whichever form the application has. */
export function callApp(app: WsgiApp, environ: Environ, startResponse: StartResponse): AppIter {
  return typeof app === 'function' ? app(environ, startResponse) : app.call(environ, startResponse);
}

/** Is this value a WSGI application (a function, or an object with `call`)? */
export function isWsgiApp(value: unknown): value is WsgiApp {
  if (typeof value === 'function') return true;
  return typeof value === 'object' && value !== null && typeof (value as { call?: unknown }).call === 'function';
}

/** A new empty environ dict. */
export function newEnviron(entries?: Iterable<readonly [string, unknown]>): Environ {
  const env = Object.create(null) as Environ;
  if (entries) for (const [k, v] of entries) env[k] = v;
  return env;
}

/** `key in environ` (own keys only, whatever the object's prototype). */
export function envHas(environ: Environ, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(environ, key);
}

/** `environ.get(key, fallback)`. */
export function envGet<T = unknown>(environ: Environ, key: string, fallback?: T): T | undefined {
  return envHas(environ, key) ? (environ[key] as T) : fallback;
}

/** `environ.copy()`: a shallow copy keeping key order. */
export function envCopy(environ: Environ): Environ {
  return newEnviron(Object.entries(environ));
}

/** `del environ[key]` without KeyError. */
export function envDelete(environ: Environ, key: string): void {
  if (envHas(environ, key)) delete environ[key];
}

/** Python's `iter_close`: call `close()` when the iterable has one. */
export function iterClose(appIter: unknown): void {
  const close = (appIter as { close?: unknown } | null)?.close;
  if (typeof close === 'function') (close as () => void).call(appIter);
}
