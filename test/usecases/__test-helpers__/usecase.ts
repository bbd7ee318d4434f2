/**
 * One use case at a time against either model, through the same
 * Model/ModelSession seam the scenario runner uses: a fresh world per case,
 * the scenario clock ticking one second per step, and each answer cleaned
 * the way a trace records it (links dropped, tags sorted) so assertions
 * read the same for both models.
 */
import type Database from 'better-sqlite3';
import { loadModel, type ModelName } from '../../../src/shared/models.js';
import { openWorld } from '../../../src/shared/runner.js';
import type { ScenarioConfig, Settings } from '../../../src/shared/settings.js';
import { cleanBody, plainNotification } from '../../../src/shared/trace.js';
import type { Caller, ModelSession, OpName, World } from '../../../src/shared/world.js';

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
  const session: ModelSession = impl.open(world);
  let k = 0;
  const uc: UseCase = {
    model,
    world,
    storeRoot,
    step(caller, op, args = {}) {
      clock.setStep(k++);
      const seen = world.notifications.count;
      const outcome = session.step(caller, op, args);
      const sent = world.notifications.since(seen).map((n) => ({ ...plainNotification(n), priority: n.priority }));
      return {
        status: outcome.status,
        ...(outcome.body !== undefined && outcome.status !== 204 ? { body: cleanBody(outcome.body) } : {}),
        ...(outcome.error !== undefined ? { error: outcome.error } : {}),
        ...(outcome.errorClass !== undefined ? { errorClass: outcome.errorClass } : {}),
        notifications: sent,
      };
    },
    rows(sql, ...params) {
      return world.db.prepare(sql).all(...params);
    },
  };
  return uc;
}

/** The event types of a step's notifications, in order. */
export function events(a: Answer): string[] {
  return a.notifications.map((n) => n.event_type);
}

/** Ids of the images (or members' member_id, tasks' id) of a listing body. */
export function ids(a: Answer, coll: 'images' | 'tasks' = 'images'): string[] {
  return ((a.body?.[coll] ?? []) as Array<{ id: string }>).map((e) => e.id);
}
