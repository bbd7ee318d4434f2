/**
 * One model on one fresh world, driven step by step as the scenario runner
 * drives it, but without a scenario file: the benchmark builds its steps in
 * code and times only the session's answer. Every step is sent over the
 * models' HTTP entry (format 2, the contract both models answer), as the
 * request a client sends for the op. Every step advances the scenario
 * clock, so rows get distinct timestamps as they would in a real run.
 */
import { httpRequestForOp } from '../src/characterization/http/from-ops.js';
import { pyJsonLoads, toPlain } from '../src/lib/pyjson.js';
import { drainBody } from '../src/shared/http.js';
import { openWorld } from '../src/shared/runner.js';
import type { ScenarioConfig } from '../src/shared/settings.js';
import type { Caller, Model, OpName, World } from '../src/shared/world.js';

export interface BenchStep {
  readonly as: Caller | null;
  readonly op: OpName;
  readonly args: Readonly<Record<string, unknown>>;
}

export interface BenchWorld {
  readonly model: Model;
  readonly world: World;
  readonly storeRoot: string;
  /** Runs one step and returns its status. */
  step(s: BenchStep): number;
  /** The status of every step run so far, in order (both models must agree). */
  readonly statuses: number[];
  close(): void;
}

/** A model's HTTP session driven by ops: each answer's status and JSON body (as plain values). */
export interface BenchSession {
  step(as: Caller | null, op: OpName, args: Readonly<Record<string, unknown>>): { status: number; body?: unknown };
}

export function openBenchSession(model: Model, world: World): BenchSession {
  if (model.openHttp === undefined) throw new Error(`the ${model.name} model does not answer HTTP requests`);
  const session = model.openHttp(world);
  return {
    step(as, op, args) {
      const response = session.handle(httpRequestForOp(as, op, args));
      const bytes = drainBody(response.body);
      const json = response.headers.some(([k, v]) => k.toLowerCase() === 'content-type' && v.startsWith('application/json'));
      return json && bytes.length > 0 ? { status: response.status, body: toPlain(pyJsonLoads(bytes.toString('utf8'))) } : { status: response.status };
    },
  };
}

export function openBenchWorld(model: Model, config: ScenarioConfig = {}): BenchWorld {
  const opened = openWorld(config);
  const session = openBenchSession(model, opened.world);
  let k = 0;
  const statuses: number[] = [];
  return {
    model,
    world: opened.world,
    storeRoot: opened.storeRoot,
    statuses,
    step(s: BenchStep): number {
      opened.clock.setStep(k++);
      const status = session.step(s.as, s.op, s.args).status;
      statuses.push(status);
      return status;
    },
    close: opened.close,
  };
}

/** A caller of the `member` role in its own project. */
export function member(project: string): Caller {
  return { user: `u-${project}`, project, roles: ['member'] };
}

/** An admin acting in `project` (only admins may publicize an image). */
export function admin(project: string): Caller {
  return { user: `admin-${project}`, project, roles: ['admin'] };
}

/** Deterministic image ids: `n` picks the image, `space` keeps benches apart. */
export function imageId(space: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${space.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}
