/**
 * `peel-trace/2` entries, made from an HTTP response the way the reference
 * runner makes them (shared/oracle/run.py `HttpClient.step`, `_sorted_tags`,
 * `_plain`, `normalize`), so traces from the real Glance and from either
 * model compare byte for byte. Values are Python's (src/lib/pyjson.ts): a
 * body's `1.0` stays a float.
 */
import { compareCodePoints, isPyDict, JSONDecodeError, PyFloat, pyInt, pyJsonDumpsValue, pyJsonLoads, unicodeJsonString, type PyJson, type PyJsonDict } from '../lib/pyjson.js';
import { pyStr } from '../lib/python.js';
import type { HeaderList } from './http.js';
import { STORE_ROOT_OUT, UUID_RE, uuidNumbering } from './trace.js';
import type { Notification } from './world.js';

/** The response headers a trace keeps, in the order the runner looks for them. */
export const TRACE_HEADERS = ['allow', 'content-md5', 'content-type', 'location', 'openstack-image-import-methods'] as const;
const JSON_TYPES = new Set(['application/json', 'application/schema+json']);

export interface HttpTraceStep {
  status: number;
  headers?: Record<string, string>;
  json?: PyJson;
  text?: string;
  data_b64?: string;
  notifications: Array<{ event_type: string; payload: PyJson }>;
}

export interface HttpTrace {
  format: 'peel-trace/2';
  steps: HttpTraceStep[];
}

/** The last value of a header, as webob's ResponseHeaders answers `headers[name]`. */
function lastHeader(headers: HeaderList, name: string): string | undefined {
  let found: string | undefined;
  for (const [k, v] of headers) if (k.toLowerCase() === name) found = v;
  return found;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** One trace entry: status, the kept headers, the body as json, text or data_b64, and the step's notifications. */
export function httpTraceStep(status: number, headers: HeaderList, body: Buffer, notifications: readonly Notification[]): HttpTraceStep {
  const step: HttpTraceStep = { status, notifications: notifications.map(plainHttpNotification) };
  const kept: Record<string, string> = {};
  for (const name of TRACE_HEADERS) {
    const v = lastHeader(headers, name);
    if (v !== undefined) kept[name] = v;
  }
  if (Object.keys(kept).length > 0) step.headers = kept;
  if (body.length > 0) Object.assign(step, bodyField(lastHeader(headers, 'content-type'), body));
  return step;
}

function bodyField(contentType: string | undefined, body: Buffer): Pick<HttpTraceStep, 'json' | 'text' | 'data_b64'> {
  const mime = (contentType ?? '').split(';', 1)[0]?.toLowerCase() ?? '';
  if (JSON_TYPES.has(mime) || mime.endsWith('+json')) return { json: sortedTags(pyJsonLoads(strictUtf8.decode(body))) };
  try {
    return { text: strictUtf8.decode(body) };
  } catch {
    return { data_b64: body.toString('base64') };
  }
}

/** Glance lists an image's tags in set order; the trace sorts them (run.py `_sorted_tags`). */
function sortedTags(body: PyJson): PyJson {
  if (!isPyDict(body)) return body;
  sortEntityTags(body);
  const images = body.get('images');
  if (Array.isArray(images)) for (const e of images) if (isPyDict(e)) sortEntityTags(e);
  return body;
}

function sortEntityTags(entity: PyJsonDict): void {
  const tags = entity.get('tags');
  if (Array.isArray(tags)) entity.set('tags', [...tags].sort((a, b) => compareCodePoints(pyStrOfTag(a), pyStrOfTag(b))));
}

/** `key=str`: a tag that is not text (a metadef tag's dict, say) sorts by Python's str of it, non-ASCII kept. */
function pyStrOfTag(v: PyJson): string {
  return typeof v === 'string' ? v : pyStr(v);
}

/**
 * A notification as the trace records it (run.py `_plain`): a JSON copy of
 * the payload (objects that are not JSON print as their str), the payload's
 * own `tags` list sorted.
 */
export function plainHttpNotification(n: Notification): { event_type: string; payload: PyJson } {
  const payload = toPyJson(n.payload);
  if (isPyDict(payload)) {
    const tags = payload.get('tags');
    if (Array.isArray(tags)) payload.set('tags', [...tags].sort((a, b) => compareCodePoints(pyStrOfTag(a), pyStrOfTag(b))));
  }
  return { event_type: n.event_type, payload };
}

/** A deep copy as Python's json round trip makes it; plain objects become dicts. */
export function toPyJson(v: unknown): PyJson {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v : new PyFloat(v);
  if (v instanceof PyFloat) return v;
  if (Array.isArray(v)) return v.map(toPyJson);
  if (v instanceof Map) return new Map([...(v as Map<unknown, unknown>)].map(([k, x]) => [String(k), toPyJson(x)]));
  if (v instanceof Set) return [...(v as Set<unknown>)].map(toPyJson);
  // `json.dumps(default=str)`: a Python object (WSME model, bytes) prints as its str.
  if (typeof (v as { toPyRepr?: unknown }).toPyRepr === 'function') return pyStr(v);
  if (typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toPyJson(x)]));
  return String(v);
}

/** The trace entry as the runner's `_learn` serialises it: where new ids first appear. */
export function stepText(step: HttpTraceStep): string {
  return pyJsonDumpsValue(step, { sortKeys: true, ensureAscii: false });
}

/**
 * The UUIDs of `stepText(step)`, in the order the text has them, without
 * writing the text: a UUID never spans two JSON tokens, so matching each
 * string (keys too) in the order `sort_keys` writes them finds the same
 * matches, provided a string is matched as it is written (escaped), which
 * only differs for strings holding quotes, backslashes or control characters.
 */
export function stepUuids(step: HttpTraceStep): string[] {
  const found: string[] = [];
  visitSorted(step, (s) => {
    const written = needsEscape(s) ? unicodeJsonString(s) : s;
    // Shorter than a UUID, the written text cannot hold one.
    if (written.length < 36) return;
    for (const u of written.match(UUID_RE) ?? []) found.push(u);
  });
  return found;
}

/**
 * Every string of a value (keys too) in the order `json.dumps(sort_keys=True)`
 * writes them, as walkSorted visits them, without building the sorted copy
 * (only the strings are wanted here).
 */
function visitSorted(value: unknown, str: (s: string) => void): void {
  if (typeof value === 'string') {
    str(value);
    return;
  }
  if (value === null || typeof value !== 'object' || value instanceof PyFloat) return;
  if (Array.isArray(value)) {
    for (const v of value) visitSorted(v, str);
    return;
  }
  const entries: Array<[unknown, unknown]> = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
  if (entries.length > 1) entries.sort((a, b) => compareCodePoints(String(a[0]), String(b[0])));
  for (const [k, v] of entries) {
    if (typeof k === 'string') str(k);
    visitSorted(v, str);
  }
}

/**
 * Store root to its canonical path, generated UUIDs to <uuid-N> in order of
 * first appearance in the key-sorted text (run.py `normalize`).
 *
 * run.py rewrites the text of `json.dumps(trace, sort_keys=True)` and
 * loads it back. Neither rewrite can reach across a JSON token (the store
 * root holds no quote, a UUID no quote or backslash), so the same rewrites
 * are done string by string in the order the text has them, and the value
 * is rebuilt as `json.loads` would read that text back (dicts in sorted
 * key order, ints and floats as Python reads them); `normalizeHttpTraceText`
 * is the literal text round trip, which this falls back on whenever a
 * rewrite would cut into an escape sequence.
 */
export function normalizeHttpTrace(trace: HttpTrace, storeRoot: string, given: ReadonlySet<string>): PyJsonDict {
  const rewrite = traceRewriter(storeRoot, given);
  try {
    return walkSorted(trace, (s) => {
      if (!needsEscape(s)) return rewrite(s);
      const written = unicodeJsonString(s);
      const rewritten = rewrite(written);
      return rewritten === written ? s : (pyJsonLoads(rewritten) as string);
    }) as PyJsonDict;
  } catch (e) {
    if (!(e instanceof JSONDecodeError || e instanceof NotPyJson)) throw e;
    return normalizeHttpTraceText(trace, storeRoot, given);
  }
}

/** run.py `normalize` as it is written: dumps, rewrite the text, loads. */
export function normalizeHttpTraceText(trace: HttpTrace, storeRoot: string, given: ReadonlySet<string>): PyJsonDict {
  return pyJsonLoads(traceRewriter(storeRoot, given)(pyJsonDumpsValue(trace, { sortKeys: true, ensureAscii: false }))) as PyJsonDict;
}

/** The text rewrites of run.py `normalize`, in its order; the numbering lives as long as the rewriter. */
function traceRewriter(storeRoot: string, given: ReadonlySet<string>): (text: string) => string {
  const root = storeRoot.endsWith('/') ? storeRoot.slice(0, -1) : storeRoot;
  const fileRoot = `file://${root}/`;
  const plainRoot = `${root}/`;
  const number = uuidNumbering(given);
  return (text) => {
    let out = text;
    if (out.includes(plainRoot)) out = out.split(fileRoot).join(STORE_ROOT_OUT).split(plainRoot).join('/var/lib/glance/images/');
    return out.length >= 36 ? out.replace(UUID_RE, number) : out;
  };
}

const ESCAPED = /["\\\u0000-\u001f]/;

/** Whether `json.dumps(ensure_ascii=False)` writes the string otherwise than as its characters. */
function needsEscape(s: string): boolean {
  return ESCAPED.test(s);
}

/** A value `json.dumps` would not write as `pyJsonDumpsValue` does here: left to the text round trip. */
class NotPyJson extends Error {}

/**
 * `json.loads(json.dumps(value, sort_keys=True))` with every string (keys
 * too) passed through `str` in the order the text has them: dicts and
 * objects become dicts in sorted key order, an int beyond 2^53 reads back
 * as Python reads what JavaScript prints for it, other numbers as floats.
 */
function walkSorted(value: unknown, str: (s: string) => string): PyJson {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return str(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return numberReadBack(value);
  if (typeof value === 'bigint') return pyInt(value.toString());
  if (value instanceof PyFloat) return new PyFloat(value.value);
  if (Array.isArray(value)) return value.map((v) => walkSorted(v, str));
  if (typeof value !== 'object') throw new NotPyJson();
  const entries: Array<[unknown, unknown]> = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
  for (const [k] of entries) if (typeof k !== 'string') throw new NotPyJson();
  if (entries.length > 1) entries.sort((a, b) => compareCodePoints(a[0] as string, b[0] as string));
  const out: PyJsonDict = new Map();
  for (const [k, v] of entries) {
    const key = str(k as string);
    out.set(key, walkSorted(v, str));
  }
  return out;
}

/** A JavaScript number as `pyJsonLoads(pyJsonDumpsValue(n))` gives it back. */
function numberReadBack(n: number): PyJson {
  if (!Number.isInteger(n)) return new PyFloat(n);
  if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
  return pyJsonLoads(String(n));
}

/** The trace file text, as the reference runner writes it. */
export function httpTraceText(trace: PyJson): string {
  return pyJsonDumpsValue(trace, { indent: 1, sortKeys: true, ensureAscii: false }) + '\n';
}
