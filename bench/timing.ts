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

/**
 * Runs operation i of every lane, lane after lane, for i = 0 … count-1,
 * flipping the lane order each time, and returns each lane's total
 * milliseconds. On a busy machine the load changes from second to second;
 * taking turns operation by operation gives both models the same share of it.
 */
export function lockstep(lanes: number, count: number, run: (lane: number, i: number) => void): number[] {
  const totals = new Array<number>(lanes).fill(0);
  const order = Array.from({ length: lanes }, (_, k) => k);
  for (let i = 0; i < count; i++) {
    for (const lane of roundOrder(order, i)) {
      const t0 = nowMs();
      run(lane, i);
      totals[lane] = (totals[lane] as number) + (nowMs() - t0);
    }
  }
  return totals;
}
