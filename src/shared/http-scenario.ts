/**
 * Reading `peel-scenario/2` files (shared/http-scenario-format.md) strictly:
 * an unknown key, a wrong type or a request the reference runner would
 * refuse to send is an error naming the file, the step and the field, so a
 * typo never silently changes what is tested. A step's `json` body is kept
 * as the Python value the reference runner reads (floats apart from ints,
 * dicts in file order), because it is sent as Python serialises it.
 */
import { isPyDict, toPlain, type PyJson, type PyJsonDict } from '../lib/pyjson.js';
import { ScenarioError, validateConfig } from './scenario.js';
import type { ScenarioConfig } from './settings.js';
import type { Caller } from './world.js';

export type HttpStepBody =
  | { readonly kind: 'json'; readonly value: PyJson }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'data'; readonly value: Buffer };

export interface HttpScenarioStep {
  readonly as: Caller | null;
  readonly method: string;
  /** As written in the scenario: starts with /v2/, may hold `<uuid-N>` references. */
  readonly path: string;
  /** Header name to value, in file order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: HttpStepBody | null;
}

export interface HttpScenario {
  readonly format: 'peel-scenario/2';
  readonly name?: string;
  readonly config: ScenarioConfig;
  readonly steps: readonly HttpScenarioStep[];
}

const STEP_KEYS = ['as', 'method', 'path', 'headers', 'json', 'text', 'data_b64'];
/** Follow from the request itself; naming them makes the scenario invalid. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'host']);

/** A scenario already parsed by pyJsonLoads (the caller checked `format`). */
export function validateHttpScenario(raw: PyJson, file: string): HttpScenario {
  const top = dict(raw, file, '');
  onlyKeys(top, ['format', 'name', 'config', 'steps'], file, '');
  if (top.get('format') !== 'peel-scenario/2') {
    throw new ScenarioError(file, 'format', `expected "peel-scenario/2", got ${show(top.get('format'))}`);
  }
  const name = top.get('name');
  if (name !== undefined && typeof name !== 'string') throw new ScenarioError(file, 'name', `expected a string, got ${show(name)}`);
  const config = validateConfig(toPlain(top.get('config') ?? new Map()), file);
  const steps = top.get('steps');
  if (!Array.isArray(steps)) throw new ScenarioError(file, 'steps', `expected an array, got ${show(steps)}`);
  return {
    format: 'peel-scenario/2',
    ...(typeof name === 'string' ? { name } : {}),
    config,
    steps: steps.map((s, k) => validateStep(s, file, `steps[${k}]`)),
  };
}

function validateStep(raw: PyJson, file: string, where: string): HttpScenarioStep {
  const step = dict(raw, file, where);
  onlyKeys(step, STEP_KEYS, file, where);
  const method = step.get('method');
  if (typeof method !== 'string' || method === '') throw new ScenarioError(file, `${where}.method`, `expected an HTTP method name, got ${show(method)}`);
  return {
    as: validateCaller(step.get('as') ?? null, file, `${where}.as`),
    method,
    path: validatePath(step.get('path'), file, `${where}.path`),
    headers: validateHeaders(step.get('headers'), file, `${where}.headers`),
    body: validateBody(step, file, where),
  };
}

/**
 * The path is percent-encoded as a client sends it: the reference runner
 * decodes it as ASCII (webob's url_unquote), so other characters before the
 * query string make a request it cannot send.
 */
function validatePath(raw: PyJson | undefined, file: string, where: string): string {
  if (typeof raw !== 'string') throw new ScenarioError(file, where, `expected a string, got ${show(raw)}`);
  if (!raw.startsWith('/v2/')) throw new ScenarioError(file, where, `must start with /v2/, got ${show(raw)}`);
  const pathPart = raw.split('?', 1)[0] as string;
  const bad = /[^\x00-\x7f]/.exec(pathPart);
  if (bad) throw new ScenarioError(file, where, `the path before "?" must be ASCII (percent-encode ${show(bad[0])})`);
  return raw;
}

function validateCaller(raw: PyJson, file: string, where: string): Caller | null {
  if (raw === null) return null;
  const who = dict(raw, file, where);
  onlyKeys(who, ['user', 'project', 'roles'], file, where);
  const text = (key: 'user' | 'project'): string | null => {
    const v = who.get(key) ?? null;
    if (v !== null && typeof v !== 'string') throw new ScenarioError(file, `${where}.${key}`, `expected a string or null, got ${show(v)}`);
    return v;
  };
  const roles = who.get('roles') ?? [];
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    throw new ScenarioError(file, `${where}.roles`, `expected an array of strings, got ${show(roles)}`);
  }
  return { user: text('user'), project: text('project'), roles: roles as string[] };
}

function validateHeaders(raw: PyJson | undefined, file: string, where: string): Array<[string, string]> {
  if (raw === undefined || raw === null) return [];
  const headers = dict(raw, file, where);
  const out: Array<[string, string]> = [];
  for (const [name, value] of headers) {
    if (typeof value !== 'string') throw new ScenarioError(file, `${where}.${name}`, `expected a string, got ${show(value)}`);
    if (FRAMING_HEADERS.has(name.toLowerCase())) {
      throw new ScenarioError(file, `${where}.${name}`, 'Content-Length, Transfer-Encoding and Host follow from the request itself');
    }
    out.push([name, value]);
  }
  return out;
}

function validateBody(step: PyJsonDict, file: string, where: string): HttpStepBody | null {
  const given = ['json', 'text', 'data_b64'].filter((k) => step.has(k));
  if (given.length > 1) throw new ScenarioError(file, `${where}.${given[1]}`, `give at most one of json, text, data_b64 (got ${given.join(', ')})`);
  if (step.has('json')) return { kind: 'json', value: step.get('json') as PyJson };
  if (step.has('text')) {
    const text = step.get('text');
    if (typeof text !== 'string') throw new ScenarioError(file, `${where}.text`, `expected a string, got ${show(text)}`);
    if (/[\ud800-\udfff]/u.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
      throw new ScenarioError(file, `${where}.text`, 'a lone surrogate cannot be sent as UTF-8');
    }
    return { kind: 'text', value: text };
  }
  if (step.has('data_b64')) {
    const b64 = step.get('data_b64');
    if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) {
      throw new ScenarioError(file, `${where}.data_b64`, `expected base64 text, got ${show(b64)}`);
    }
    return { kind: 'data', value: Buffer.from(b64, 'base64') };
  }
  return null;
}

function dict(value: PyJson | undefined, file: string, where: string): PyJsonDict {
  if (!isPyDict(value)) throw new ScenarioError(file, where, `expected an object, got ${show(value)}`);
  return value;
}

function onlyKeys(obj: PyJsonDict, allowed: readonly string[], file: string, where: string): void {
  for (const key of obj.keys()) {
    if (!allowed.includes(key)) throw new ScenarioError(file, where ? `${where}.${key}` : key, `unknown key (allowed: ${allowed.join(', ')})`);
  }
}

function show(value: PyJson | undefined): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(toPlain(value), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
}
