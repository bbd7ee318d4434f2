/**
 * Runs a format-2 scenario on a model's HTTP entry, as the reference runner
 * drives Glance's WSGI application (shared/oracle/run.py `HttpClient`): each
 * step becomes the request a client would send (identity headers from `as`,
 * the body and its Content-Type, the step's own headers last, `<uuid-N>`
 * references resolved against the ids the trace has numbered so far), and
 * each response becomes a trace entry once its body has been drained.
 */
import { isPyDict, pyJsonDumpsValue, type PyJson } from '../lib/pyjson.js';
import { drainBody, type HttpRequest, type HttpSession } from './http.js';
import { httpTraceStep, normalizeHttpTrace, stepUuids, type HttpTrace } from './http-trace.js';
import type { HttpScenario, HttpScenarioStep } from './http-scenario.js';
import { openWorld } from './runner.js';
import { ScenarioError } from './scenario.js';
import { STORE_ROOT_OUT, UUID_RE } from './trace.js';
import type { Caller, Model, World } from './world.js';
import type { PyJsonDict } from '../lib/pyjson.js';

export interface HttpRunOptions {
  /** Seed of the generated-id source; any value gives the same trace. */
  readonly idSeed?: number;
  /** The file the scenario came from, for errors that name it. */
  readonly file?: string;
  /** Called after every step, e.g. to snapshot the database. */
  readonly afterStep?: (k: number, world: World, storeRoot: string) => void;
}

export interface HttpScenarioRun {
  /** The normalised trace, as the reference runner writes it (PyJson: dicts are Maps). */
  readonly trace: PyJsonDict;
  /** Per step, the exception class behind an error answer, if any (diagnostics). */
  readonly errorClasses: ReadonlyArray<string | undefined>;
}

const REF_RE = /<uuid-([0-9]+)>/g;

/** The ids the trace has numbered so far, and the references that name them. */
class Numbering {
  private readonly seen: string[] = [];
  constructor(private readonly given: ReadonlySet<string>, private readonly file: string) {}

  resolve(text: string, where: string): string {
    return text.replace(REF_RE, (ref, n: string) => {
      const id = this.seen[Number(n) - 1];
      if (id === undefined || Number(n) < 1) throw new ScenarioError(this.file, where, `${ref} names no uuid seen yet (${this.seen.length} so far)`);
      return id;
    });
  }

  /** The ids of a trace entry, in the order its key-sorted text has them (run.py `_learn`). */
  learn(uuids: readonly string[]): void {
    for (const u of uuids) {
      if (!this.given.has(u) && !this.seen.includes(u)) this.seen.push(u);
    }
  }
}

export function runHttpScenario(scenario: HttpScenario, scenarioText: string, model: Model, options: HttpRunOptions = {}): HttpScenarioRun {
  if (model.openHttp === undefined) throw new Error(`the ${model.name} model does not answer HTTP requests`);
  const file = options.file ?? '(scenario)';
  const given = new Set(scenarioText.match(UUID_RE) ?? []);
  const { world, clock, storeRoot, close } = openWorld(scenario.config, options.idSeed);
  try {
    const session: HttpSession = model.openHttp(world);
    const numbering = new Numbering(given, file);
    const trace: HttpTrace = { format: 'peel-trace/2', steps: [] };
    const errorClasses: Array<string | undefined> = [];
    scenario.steps.forEach((step, k) => {
      clock.setStep(k);
      const request = requestOf(step, k, numbering, storeRoot);
      const seen = world.notifications.count;
      const response = session.handle(request);
      const body = drainBody(response.body);
      const entry = httpTraceStep(response.status, response.headers, body, world.notifications.since(seen));
      numbering.learn(stepUuids(entry));
      trace.steps.push(entry);
      errorClasses.push(response.errorClass);
      options.afterStep?.(k, world, storeRoot);
    });
    return { trace: normalizeHttpTrace(trace, storeRoot, given), errorClasses };
  } finally {
    close();
  }
}

/** The request the reference runner sends for a step. */
function requestOf(step: HttpScenarioStep, k: number, numbering: Numbering, storeRoot: string): HttpRequest {
  const where = `steps[${k}]`;
  const mapIn = (s: string): string => s.split(STORE_ROOT_OUT).join(`file://${storeRoot.endsWith('/') ? storeRoot : storeRoot + '/'}`);
  const headers = new WebobHeaders();
  identityHeaders(step.as, headers);
  let body: Buffer = Buffer.alloc(0);
  let hasBody = false;
  if (step.body?.kind === 'json') {
    const value = resolveJson(step.body.value, (s) => numbering.resolve(mapIn(s), `${where}.json`));
    body = Buffer.from(pyJsonDumpsValue(value), 'utf8');
    headers.set('Content-Type', step.method === 'PATCH' ? 'application/openstack-images-v2.1-json-patch' : 'application/json');
    hasBody = true;
  } else if (step.body?.kind === 'text') {
    body = Buffer.from(numbering.resolve(mapIn(step.body.value), `${where}.text`), 'utf8');
    hasBody = true;
  } else if (step.body?.kind === 'data') {
    body = step.body.value;
    headers.set('Content-Type', 'application/octet-stream');
    hasBody = true;
  }
  for (const [name, value] of step.headers) headers.set(name, numbering.resolve(value, `${where}.headers.${name}`));
  const list: Array<[string, string]> = [['Host', 'localhost'], ...headers.list()];
  if (hasBody) list.push(['Content-Length', String(body.length)]);
  return { method: step.method, target: numbering.resolve(step.path, `${where}.path`), headers: list, body };
}

/** What keystonemiddleware would have set for the caller; none for the anonymous one. */
function identityHeaders(who: Caller | null, headers: WebobHeaders): void {
  if (who === null) return;
  headers.set('X-Identity-Status', 'Confirmed');
  if (who.user !== null) headers.set('X-User-Id', who.user);
  if (who.project !== null) headers.set('X-Project-Id', who.project);
  if (who.roles.length > 0) headers.set('X-Roles', who.roles.join(','));
}

/**
 * `req.headers[name] = value` on a webob request: names that map to the
 * same environ key replace each other (so `X_Roles` replaces `X-Roles`).
 */
class WebobHeaders {
  private readonly byKey = new Map<string, [string, string]>();
  set(name: string, value: string): void {
    const key = environKey(name);
    this.byKey.delete(key);
    this.byKey.set(key, [name, value]);
  }
  list(): Array<[string, string]> {
    return [...this.byKey.values()];
  }
}

function environKey(name: string): string {
  const upper = name.toUpperCase();
  if (upper === 'CONTENT-TYPE') return 'CONTENT_TYPE';
  if (upper === 'CONTENT-LENGTH') return 'CONTENT_LENGTH';
  return 'HTTP_' + upper.replace(/-/g, '_');
}

/** References and store URLs resolved in every string of a json body, keys included. */
function resolveJson(value: PyJson, resolve: (s: string) => string): PyJson {
  if (typeof value === 'string') return resolve(value);
  if (Array.isArray(value)) return value.map((v) => resolveJson(v, resolve));
  if (isPyDict(value)) {
    const out = new Map<string, PyJson>();
    for (const [k, v] of value) out.set(resolve(k), resolveJson(v, resolve));
    return out;
  }
  return value;
}
