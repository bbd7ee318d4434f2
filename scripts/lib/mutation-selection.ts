/**
 * Choosing the generated scenarios the mutation suite runs: of a fixed pool,
 * a few that together reach all the code the whole pool reaches, each piece
 * of it at least k times. Stryker runs, per mutant, only the tests that
 * reach it, so a pool of hundreds cut to the scenarios that add coverage
 * keeps nearly every kill at a fraction of the minutes.
 *
 * Coverage is V8's block coverage of one scenario (both models), as raw
 * ranges. V8 leaves out a block whose count equals its parent's, so the
 * ranges of two runs are not comparable as they are; they become covered
 * byte intervals per script, and the code is cut into atoms at every
 * boundary any run showed, so that an atom is either wholly run or not by
 * each scenario.
 */

export interface CoverageRange {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly count: number;
}

/** [start, end) byte intervals of a script that ran at least once. */
export type Intervals = ReadonlyArray<readonly [number, number]>;

/**
 * The parts of a script that ran, from all its functions' ranges: each byte
 * counts as its innermost range says (ranges nest, functions in functions,
 * blocks in functions).
 */
export function coveredIntervals(ranges: readonly CoverageRange[]): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  const bounds = [...new Set(sorted.flatMap((r) => [r.startOffset, r.endOffset]))].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  const stack: CoverageRange[] = [];
  let next = 0;
  for (let i = 0; i < bounds.length - 1; i++) {
    const at = bounds[i] as number;
    while (stack.length > 0 && (stack[stack.length - 1] as CoverageRange).endOffset <= at) stack.pop();
    while (next < sorted.length && (sorted[next] as CoverageRange).startOffset === at) stack.push(sorted[next++] as CoverageRange);
    const top = stack[stack.length - 1];
    if (top === undefined || top.count === 0) continue;
    const end = bounds[i + 1] as number;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === at) last[1] = end;
    else out.push([at, end]);
  }
  return out;
}

/** One candidate: its name, what it costs to run, and the intervals it covers per script. */
export interface Candidate {
  readonly name: string;
  readonly cost: number;
  readonly covered: ReadonlyMap<string, Intervals>;
}

/**
 * The atoms each candidate covers, numbered across scripts: the code cut at
 * every interval boundary any candidate showed.
 */
export function atomsCovered(candidates: readonly Candidate[]): { atoms: number; byCandidate: number[][] } {
  const bounds = new Map<string, number[]>();
  for (const c of candidates) {
    for (const [script, intervals] of c.covered) {
      const b = bounds.get(script) ?? [];
      for (const [s, e] of intervals) b.push(s, e);
      bounds.set(script, b);
    }
  }
  const base = new Map<string, { offset: number; cuts: number[] }>();
  let atoms = 0;
  for (const [script, b] of [...bounds].sort(([a], [z]) => a.localeCompare(z))) {
    const cuts = [...new Set(b)].sort((x, y) => x - y);
    base.set(script, { offset: atoms, cuts });
    atoms += Math.max(0, cuts.length - 1);
  }
  const byCandidate = candidates.map((c) => {
    const ids: number[] = [];
    for (const [script, intervals] of c.covered) {
      const { offset, cuts } = base.get(script) as { offset: number; cuts: number[] };
      for (const [s, e] of intervals) {
        for (let i = lowerBound(cuts, s); i < cuts.length - 1 && (cuts[i + 1] as number) <= e; i++) ids.push(offset + i);
      }
    }
    return ids;
  });
  return { atoms, byCandidate };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Greedy k-cover: candidates in the order picked, each the one that adds
 * the most still-wanted atom coverings per unit of cost, until every atom
 * is covered min(k, what the pool can give) times. Gains only shrink as
 * others are picked, so a candidate is re-evaluated only when it reaches
 * the top (lazy greedy).
 */
export function chooseCover(candidates: readonly Candidate[], k: number): number[] {
  const { atoms, byCandidate } = atomsCovered(candidates);
  const offered = new Uint32Array(atoms);
  for (const ids of byCandidate) for (const id of ids) offered[id] = (offered[id] as number) + 1;
  const wanted = new Uint32Array(atoms);
  for (let a = 0; a < atoms; a++) wanted[a] = Math.min(k, offered[a] as number);
  const gain = (i: number) => (byCandidate[i] as number[]).reduce((n, id) => n + ((wanted[id] as number) > 0 ? 1 : 0), 0) / Math.max(1, (candidates[i] as Candidate).cost);
  let heap = candidates.map((_, i) => ({ i, gain: gain(i) }));
  const picked: number[] = [];
  for (;;) {
    heap.sort((a, b) => b.gain - a.gain || a.i - b.i);
    const top = heap[0];
    if (top === undefined || top.gain <= 0) return picked;
    const fresh = gain(top.i);
    if (fresh < top.gain && heap.length > 1 && fresh < (heap[1] as { gain: number }).gain) {
      top.gain = fresh;
      continue;
    }
    if (fresh <= 0) return picked;
    picked.push(top.i);
    for (const id of byCandidate[top.i] as number[]) if ((wanted[id] as number) > 0) wanted[id] = (wanted[id] as number) - 1;
    heap = heap.slice(1);
  }
}
