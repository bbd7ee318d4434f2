/**
 * Everything a model needs from outside to run one scenario: settings, a
 * fresh SQLite database, fresh stores, the scenario clock, a deterministic
 * id generator and the notification sink. Passed in, never global, so two
 * models can run the same scenario side by side.
 */
import type Database from 'better-sqlite3';
import type { Settings } from './settings.js';
import type { GlanceStore } from './store/api.js';
import type { HttpSession } from './http.js';

/** The scenario clock: step k runs at 2018-02-28T00:00:00Z + k seconds. */
export interface Clock {
  now(): Date;
}

export const SCENARIO_EPOCH_MS = Date.UTC(2018, 1, 28, 0, 0, 0);

export class StepClock implements Clock {
  private step = 0;
  setStep(k: number): void {
    this.step = k;
  }
  now(): Date {
    return new Date(SCENARIO_EPOCH_MS + this.step * 1000);
  }
}

/** Source of the uuid4 values Glance would generate. */
export interface IdGenerator {
  uuid4(): string;
}

/**
 * Deterministic uuid4-shaped ids from a seed (xorshift128+), so a rerun
 * gives the same rows; traces number them as <uuid-N> anyway.
 */
export class SeededIds implements IdGenerator {
  private s0: bigint;
  private s1: bigint;
  constructor(seed = 1) {
    this.s0 = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
    this.s1 = (BigInt(seed) ^ 0xdeadbeefcafebaben) | 1n;
  }
  private next64(): bigint {
    const mask = (1n << 64n) - 1n;
    let x = this.s0;
    const y = this.s1;
    this.s0 = y;
    x ^= (x << 23n) & mask;
    this.s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (this.s1 + y) & mask;
  }
  uuid4(): string {
    const hex = (this.next64().toString(16).padStart(16, '0') + this.next64().toString(16).padStart(16, '0')).split('');
    hex[12] = '4';
    hex[16] = '89ab'[parseInt(hex[16] ?? '0', 16) & 3] ?? '8';
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }
}

export type Priority = 'INFO' | 'ERROR' | 'WARN';

export interface Notification {
  readonly event_type: string;
  readonly payload: unknown;
  readonly priority: Priority;
}

/** Where notifications go: the trace takes what each step added. */
export class NotificationSink {
  private readonly sent: Notification[] = [];
  emit(notification: Notification): void {
    this.sent.push(notification);
  }
  get count(): number {
    return this.sent.length;
  }
  since(index: number): Notification[] {
    return this.sent.slice(index);
  }
}

export interface World {
  readonly settings: Settings;
  readonly db: Database.Database;
  readonly store: GlanceStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly notifications: NotificationSink;
}

/** Who asks, as the scenario's `as` gives it; null is the anonymous caller. */
export interface Caller {
  readonly user: string | null;
  readonly project: string | null;
  readonly roles: readonly string[];
}

/** What one step answered, before trace normalisation. */
export interface StepOutcome {
  readonly status: number;
  readonly body?: unknown;
  readonly error?: string;
  /** The exception class that decided the answer (for diagnostics only). */
  readonly errorClass?: string;
}

export const OPS = [
  'image.create', 'image.show', 'image.index', 'image.update', 'image.delete',
  'image.deactivate', 'image.reactivate', 'image.upload', 'image.download',
  'tag.update', 'tag.delete',
  'member.create', 'member.update', 'member.index', 'member.show', 'member.delete',
  'task.create', 'task.index', 'task.get',
] as const;
export type OpName = (typeof OPS)[number];

/**
 * A model of Glance's image domain. Format 2 (HTTP requests, the contract
 * clients see) is answered by `openHttp`; format 1 (controller calls with
 * parsed arguments) by `open`, which only the legacy model keeps.
 */
export interface Model {
  readonly name: string;
  /** Format 1: called once per scenario with its fresh world (the legacy model's alone). */
  open?(world: World): ModelSession;
  /** Format 2: called once per scenario (or server) with its world. */
  openHttp?(world: World): HttpSession;
}

export interface ModelSession {
  step(caller: Caller | null, op: OpName, args: Readonly<Record<string, unknown>>): StepOutcome;
}
