/**
 * Turning what a model answered into a `peel-trace/1` file, the way the
 * reference runner does (shared/oracle/run.py `_body_of`, `_plain`,
 * `normalize`), so traces from the real Glance and from either model
 * compare byte for byte.
 */
import type { Notification, StepOutcome } from './world.js';
import { compareCodePoints, pyJsonDumps } from './pyjson.js';

export const STORE_ROOT_OUT = 'file:///var/lib/glance/images/';
export const UUID_RE = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

export interface TraceStep {
  status: number;
  body?: unknown;
  error?: string;
  notifications: Array<{ event_type: string; payload: unknown }>;
}

export interface Trace {
  format: 'peel-trace/1';
  steps: TraceStep[];
}

const LINK_KEYS = ['self', 'file', 'schema'];

function cleanEntity(entity: Record<string, unknown>): Record<string, unknown> {
  for (const k of LINK_KEYS) delete entity[k];
  if (Array.isArray(entity.tags)) entity.tags = sortedStrings(entity.tags);
  return entity;
}

/** Sorts like Python's sorted() on str. */
function sortedStrings(values: unknown[]): unknown[] {
  return [...values].sort((a, b) => compareCodePoints(String(a), String(b)));
}

/** The response body without links, tags sorted (run.py `_body_of`). */
export function cleanBody(body: unknown): unknown {
  const copy: unknown = structuredClone(body);
  if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) return copy;
  const record = copy as Record<string, unknown>;
  for (const coll of ['images', 'members', 'tasks']) {
    const items = record[coll];
    if (Array.isArray(items)) {
      record[coll] = items.map((e) => (e !== null && typeof e === 'object' && !Array.isArray(e) ? cleanEntity(e as Record<string, unknown>) : e));
      delete record.schema;
      return record;
    }
  }
  return cleanEntity(record);
}

/** A notification as the trace records it (run.py `_plain`). */
export function plainNotification(n: Notification): { event_type: string; payload: unknown } {
  const payload: unknown = JSON.parse(JSON.stringify(n.payload ?? null));
  if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
    const record = payload as Record<string, unknown>;
    if (Array.isArray(record.tags)) record.tags = sortedStrings(record.tags);
  }
  return { event_type: n.event_type, payload };
}

export function traceStep(outcome: StepOutcome, notifications: readonly Notification[]): TraceStep {
  const step: TraceStep = { status: outcome.status, notifications: notifications.map(plainNotification) };
  if (outcome.body !== undefined && outcome.status !== 204) step.body = cleanBody(outcome.body);
  if (outcome.status >= 400 && outcome.error !== undefined) step.error = outcome.error;
  return step;
}

/** Every UUID written in the scenario file: those keep their value. */
export function scenarioUuids(scenarioText: string): Set<string> {
  return new Set(scenarioText.match(UUID_RE) ?? []);
}

/**
 * Generated UUIDs to <uuid-N>, numbered in the order the returned function
 * first meets them; UUIDs the scenario gave keep their value.
 */
export function uuidNumbering(given: ReadonlySet<string>): (uuid: string) => string {
  const numbering = new Map<string, string>();
  return (u) => {
    if (given.has(u)) return u;
    let n = numbering.get(u);
    if (n === undefined) {
      n = `<uuid-${numbering.size + 1}>`;
      numbering.set(u, n);
    }
    return n;
  };
}

/**
 * Store root to its canonical path, then generated UUIDs to <uuid-N> in
 * order of first appearance in the key-sorted text (run.py `normalize`).
 */
export function normalizeTrace(trace: Trace, storeRoot: string, given: ReadonlySet<string>): Trace {
  let text = pyJsonDumps(trace, null);
  const root = storeRoot.endsWith('/') ? storeRoot.slice(0, -1) : storeRoot;
  text = text.split(`file://${root}/`).join(STORE_ROOT_OUT);
  text = text.split(`${root}/`).join('/var/lib/glance/images/');
  text = text.replace(UUID_RE, uuidNumbering(given));
  return JSON.parse(text) as Trace;
}

/** The trace file text, as the reference runner writes it. */
export function traceText(trace: Trace): string {
  return pyJsonDumps(trace, 1) + '\n';
}

/** Scenario URLs under the canonical store root point into this run's store. */
export function mapStoreUrlsIn<T>(value: T, storeRoot: string): T {
  const root = storeRoot.endsWith('/') ? storeRoot : storeRoot + '/';
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.split(STORE_ROOT_OUT).join(`file://${root}`);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
