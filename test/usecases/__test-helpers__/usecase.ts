/**
 * One use case at a time against either model, through the boundary
 * clients use (format 2): each format-1 op becomes the HTTP request a
 * client sends for it (src/characterization/http/from-ops.ts), answered by
 * the model's HTTP entry on a fresh world, the scenario clock ticking one
 * second per step. Each answer is read back as a format-1 trace records
 * it (JSON body without links, tags sorted; the error text of webob's
 * plain page) so assertions read the same for both models.
 */
import type Database from 'better-sqlite3';
import { httpRequestForOp } from '../../../src/characterization/http/from-ops.js';
import { pyJsonLoads, toPlain, type PyJson } from '../../../src/lib/pyjson.js';
import { drainBody, type HttpSession } from '../../../src/shared/http.js';
import { loadModel, type ModelName } from '../../../src/shared/models.js';
import { openWorld } from '../../../src/shared/runner.js';
import type { ScenarioConfig, Settings } from '../../../src/shared/settings.js';
import { cleanBody, plainNotification } from '../../../src/shared/trace.js';
import type { Caller, OpName, World } from '../../../src/shared/world.js';

export const MODELS = ['legacy', 'flat'] as const satisfies readonly ModelName[];

export interface Sent {
  readonly event_type: string;
  readonly payload: any;
  readonly priority: string;
}

/** What a caller observes of one step. `body` is `any` so tests can read fields directly. */
export interface Answer {
  readonly status: number;
  readonly body?: any;
  readonly error?: string;
  readonly errorClass?: string;
  readonly notifications: readonly Sent[];
}

export interface UseCaseOptions {
  readonly config?: ScenarioConfig;
  /**
   * Glance options the scenario format does not expose (e.g. disabled_notifications),
   * laid over config as settingsFrom lays config over the defaults.
   */
  readonly settings?: Partial<Settings>;
  /** Writes fixture rows before the session opens (state the API cannot make). */
  readonly seed?: (db: Database.Database) => void;
}

export interface UseCase {
  readonly model: ModelName;
  readonly world: World;
  readonly storeRoot: string;
  /** One op, sent as the HTTP request a client would send for it. */
  step(caller: Caller | null, op: OpName, args?: Record<string, unknown>): Answer;
  /** Rows of a SQL query on the shared schema. */
  rows(sql: string, ...params: unknown[]): any[];
}

const open: Array<() => void> = [];

/** Closes every world opened since the last call; register with afterEach. */
export function closeAll(): void {
  while (open.length > 0) open.pop()?.();
}

export async function useCase(model: ModelName, options: UseCaseOptions = {}): Promise<UseCase> {
  const impl = await loadModel(model);
  // settingsFrom spreads config over the defaults, so non-format options ride along with it.
  const config = { ...options.config, ...options.settings } as ScenarioConfig;
  const { world, clock, storeRoot, close } = openWorld(config);
  open.push(close);
  options.seed?.(world.db);
  const session: HttpSession = impl.openHttp!(world);
  let k = 0;
  const uc: UseCase = {
    model,
    world,
    storeRoot,
    step(caller, op, args = {}) {
      clock.setStep(k++);
      const seen = world.notifications.count;
      const response = session.handle(httpRequestForOp(caller, op, args));
      const bytes = drainBody(response.body);
      const sent = world.notifications.since(seen).map((n) => ({ ...plainNotification(n), priority: n.priority }));
      const type = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
      return {
        status: response.status,
        ...answerBody(response.status, type, bytes),
        ...(response.errorClass !== undefined ? { errorClass: response.errorClass } : {}),
        notifications: sent,
      };
    },
    rows(sql, ...params) {
      return world.db.prepare(sql).all(...params);
    },
  };
  return uc;
}

/**
 * A JSON body as a format-1 trace records it; downloaded bytes as
 * {data_b64}; an error page's text as the message Glance passed (its
 * explanation, or the positional detail webob shows after its stock text).
 */
function answerBody(status: number, type: string, bytes: Buffer): { body?: unknown; error?: string } {
  if (bytes.length === 0 || status === 204) return {};
  if (type.startsWith('application/json')) {
    const json = toPlain(pyJsonLoads(bytes.toString('utf8')) as PyJson);
    return status >= 400 ? { error: String((json as { message?: unknown }).message) } : { body: cleanBody(json) };
  }
  if (status < 400) return { body: { data_b64: bytes.toString('base64') } };
  const page = bytes.toString('utf8');
  const [, explanation = '', detail = ''] = page.split('\n\n');
  return { error: detail.trim() || explanation.trim() };
}

/** The event types of a step's notifications, in order. */
export function events(a: Answer): string[] {
  return a.notifications.map((n) => n.event_type);
}

/** Ids of the images (or members' member_id, tasks' id) of a listing body. */
export function ids(a: Answer, coll: 'images' | 'tasks' = 'images'): string[] {
  return ((a.body?.[coll] ?? []) as Array<{ id: string }>).map((e) => e.id);
}
