/**
 * Running one scenario on two models and finding the first step where
 * they can be told apart: status, body, error, error class,
 * notifications, database rows or store files. Generated UUIDs are
 * numbered per model run before comparing, so only their pattern counts.
 */
import { runScenario } from './runner.js';
import type { Scenario } from './scenario.js';
import { snapshotDatabase, snapshotStore, type WorldSnapshot } from './snapshot.js';
import { allDifferences, type Aspect } from './ledger.js';
import { firstDifference, type TraceDifference } from './trace-diff.js';
import { UUID_RE, scenarioUuids, type Trace } from './trace.js';
import type { Model } from './world.js';

export interface ModelRun {
  readonly trace: Trace;
  readonly errorClasses: ReadonlyArray<string | undefined>;
  readonly worlds: readonly WorldSnapshot[];
}

export interface Mismatch {
  readonly step: number;
  /** 'trace' (status/body/error/notifications), 'errorClass', 'database' or 'store'. */
  readonly aspect: 'trace' | 'errorClass' | 'database' | 'store';
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

export function runWithSnapshots(scenario: Scenario, text: string, model: Model): ModelRun {
  const worlds: WorldSnapshot[] = [];
  const given = scenarioUuids(text);
  const numbering = new Map<string, string>();
  const number = (snapshot: WorldSnapshot): WorldSnapshot =>
    JSON.parse(
      JSON.stringify(snapshot).replace(UUID_RE, (u) => {
        if (given.has(u)) return u;
        if (!numbering.has(u)) numbering.set(u, `<uuid-${numbering.size + 1}>`);
        return numbering.get(u) as string;
      }),
    ) as WorldSnapshot;
  const { trace, errorClasses } = runScenario(scenario, text, model, {
    afterStep: (_k, world, _outcome, storeRoot) => {
      // Each run has its own temp store: rows name it, so write it canonically.
      const rooted = JSON.parse(
        JSON.stringify({ tables: snapshotDatabase(world.db), files: snapshotStore(storeRoot) }).split(storeRoot.replace(/\/$/, '') + '/').join('/var/lib/glance/images/'),
      ) as WorldSnapshot;
      worlds.push(number(rooted));
    },
  });
  return { trace, errorClasses, worlds };
}

/**
 * Whether two error classes name the same failure. Only consulted for a
 * 500: any other error is already pinned by its status and text, while a
 * 500's text is always the same, so the class is what tells them apart.
 */
export type ErrorClassMatcher = (left: string | undefined, right: string | undefined) => boolean;

/**
 * Whether a difference is one the divergence ledger accounts for. With a
 * filter, every difference of a step is examined, not only the first, so
 * an ignored difference never hides another one behind it.
 */
export type DifferenceFilter = (mismatch: Mismatch) => boolean;

export function compareRuns(left: ModelRun, right: ModelRun, sameErrorClass: ErrorClassMatcher | null = null, ignore: DifferenceFilter | null = null): Mismatch | null {
  if (ignore) return firstUnignored(left, right, sameErrorClass, ignore);
  const d: TraceDifference | null = firstDifference(left.trace, right.trace);
  const steps = Math.max(left.worlds.length, right.worlds.length);
  for (let k = 0; k < steps; k++) {
    if (d && d.step <= k) return { step: d.step, aspect: 'trace', path: d.path, left: d.expected, right: d.actual };
    const serverError = left.trace.steps[k]?.status === 500;
    if (serverError && sameErrorClass && !sameErrorClass(left.errorClasses[k], right.errorClasses[k])) {
      return { step: k, aspect: 'errorClass', path: 'errorClass', left: left.errorClasses[k], right: right.errorClasses[k] };
    }
    const worldDiff = firstDifference(asTrace(left.worlds[k]?.tables), asTrace(right.worlds[k]?.tables));
    if (worldDiff) return { step: k, aspect: 'database', path: worldDiff.path, left: worldDiff.expected, right: worldDiff.actual };
    const storeDiff = firstDifference(asTrace(left.worlds[k]?.files), asTrace(right.worlds[k]?.files));
    if (storeDiff) return { step: k, aspect: 'store', path: storeDiff.path, left: storeDiff.expected, right: storeDiff.actual };
  }
  return d ? { step: d.step, aspect: 'trace', path: d.path, left: d.expected, right: d.actual } : null;
}

function firstUnignored(left: ModelRun, right: ModelRun, sameErrorClass: ErrorClassMatcher | null, ignore: DifferenceFilter): Mismatch | null {
  const steps = Math.max(left.trace.steps.length, right.trace.steps.length, left.worlds.length, right.worlds.length);
  for (let k = 0; k < steps; k++) {
    for (const m of stepDifferences(left, right, k, sameErrorClass)) if (!ignore(m)) return m;
  }
  return null;
}

function* stepDifferences(left: ModelRun, right: ModelRun, k: number, sameErrorClass: ErrorClassMatcher | null): Generator<Mismatch> {
  const of = (aspect: Aspect, a: unknown, b: unknown) =>
    [...allDifferences(a, b)].map((d): Mismatch => ({ step: k, aspect, path: d.path, left: d.left, right: d.right }));
  yield* of('trace', left.trace.steps[k], right.trace.steps[k]);
  if (left.trace.steps[k]?.status === 500 && sameErrorClass && !sameErrorClass(left.errorClasses[k], right.errorClasses[k])) {
    yield { step: k, aspect: 'errorClass', path: 'errorClass', left: left.errorClasses[k], right: right.errorClasses[k] };
  }
  yield* of('database', left.worlds[k]?.tables, right.worlds[k]?.tables);
  yield* of('store', left.worlds[k]?.files, right.worlds[k]?.files);
}

function asTrace(value: unknown): Trace {
  return { format: 'peel-trace/1', steps: [value as never] };
}

export function compareModels(
  scenario: Scenario,
  text: string,
  left: Model,
  right: Model,
  sameErrorClass: ErrorClassMatcher | null = null,
  ignore: DifferenceFilter | null = null,
): { mismatch: Mismatch | null; left: ModelRun; right: ModelRun } {
  const l = runWithSnapshots(scenario, text, left);
  const r = runWithSnapshots(scenario, text, right);
  return { mismatch: compareRuns(l, r, sameErrorClass, ignore), left: l, right: r };
}
