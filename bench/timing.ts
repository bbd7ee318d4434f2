/**
 * Timing helpers. Both models run the same batches, interleaved round by
 * round (the order flips every round), so a noisy moment of the machine
 * falls on both; the median of the rounds is reported.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` once and returns the elapsed milliseconds. */
export function timeMs(fn: () => void): number {
  const t0 = nowMs();
  fn();
  return nowMs() - t0;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The models' order in round `r`: alternate, so neither always runs first. */
export function roundOrder<T>(items: readonly T[], r: number): T[] {
  return r % 2 === 0 ? [...items] : [...items].reverse();
}

/** Operations per second of `ops` operations done in `ms` milliseconds. */
export function opsPerSecond(ops: number, ms: number): number {
  return ms > 0 ? (ops * 1000) / ms : Number.POSITIVE_INFINITY;
}

/** CPU milliseconds this process has used (user + system, all its threads). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall-clock and CPU milliseconds of some work. */
export interface Spent {
  wall: number;
  cpu: number;
}

/** Runs `fn` once and returns the wall-clock and CPU milliseconds it took. */
export function spent(fn: () => void): Spent {
  const w0 = nowMs();
  const c0 = cpuMs();
  fn();
  return { wall: nowMs() - w0, cpu: cpuMs() - c0 };
}

/**
 * Runs operation i of every lane, lane after lane, for i = 0 … count-1,
 * flipping the lane order each time, and returns what each lane spent in
 * total. On a busy machine the load changes from second to second; taking
 * turns operation by operation gives both models the same share of it, and
 * CPU time (unlike wall time) leaves out the time spent waiting for a core.
 */
export function lockstep(lanes: number, count: number, run: (lane: number, i: number) => void): Spent[] {
  const totals = Array.from({ length: lanes }, (): Spent => ({ wall: 0, cpu: 0 }));
  const order = Array.from({ length: lanes }, (_, k) => k);
  for (let i = 0; i < count; i++) {
    for (const lane of roundOrder(order, i)) {
      const s = spent(() => run(lane, i));
      const total = totals[lane] as Spent;
      total.wall += s.wall;
      total.cpu += s.cpu;
    }
  }
  return totals;
}

/** Operations per wall-clock second and per CPU second. */
export interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

export function rate(ops: number, s: Spent): Rate {
  return { wall: opsPerSecond(ops, s.wall), cpu: opsPerSecond(ops, s.cpu) };
}

/** Each measure's median on its own. */
export function medianOf<T extends Spent | Rate>(samples: readonly T[]): T {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)) } as T;
}
