/**
 * The latency of one index page as the database grows: both models read
 * the same seeded world (a page is read-only), alternating call by call.
 * The listing query each model runs is logged and planned by SQLite, so
 * the report shows whether a page walks an index or reads every image.
 */
import type { Model, OpName, World } from '../src/shared/world.js';
import { seedBigDb, type BigDbStats } from './big-db.js';
import { member, openBenchSession, openBenchWorld } from './harness.js';
import { explain, recordingDb, verdict, type LoggedQuery, type PlanVerdict } from './query-log.js';
import { medianOf, roundOrder, spent, timeMs, type Spent } from './timing.js';

export interface IndexQuery {
  readonly label: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export const INDEX_QUERIES: readonly IndexQuery[] = [
  { label: 'default sort, limit 25', args: { limit: 25 } },
  {
    label: 'os_distro=ubuntu, sort name asc, limit 25',
    args: { limit: 25, filters: { os_distro: 'ubuntu' }, sort_key: ['name'], sort_dir: ['asc'] },
  },
];

/** The member of one project: sees its own, public and accepted shared images. */
const CALLER = member('p-0');
const INDEX: OpName = 'image.index';

export interface QueryPlan {
  readonly queries: number;
  /** The statement that reads the page of images (the one with LIMIT). */
  readonly listing: string;
  readonly plan: readonly string[];
  readonly verdict: PlanVerdict;
}

export interface LatencyRow {
  readonly images: number;
  readonly query: string;
  /** Median wall-clock and CPU milliseconds per page, per model name. */
  readonly ms: Record<string, Spent>;
  /** Items on the page, per model (both must agree). */
  readonly items: Record<string, number>;
  readonly plans: Record<string, QueryPlan>;
}

export interface LatencyRun {
  readonly seeded: BigDbStats;
  readonly seedMs: number;
  readonly rows: LatencyRow[];
}

export function measureIndexLatency(models: readonly Model[], images: number, reps: number): LatencyRun {
  const bw = openBenchWorld(models[0] as Model);
  try {
    let seeded: BigDbStats | undefined;
    const seedMs = timeMs(() => (seeded = seedBigDb(bw.world.db, images, bw.storeRoot)));
    const sessions = models.map((m) => ({ model: m, session: openBenchSession(m, bw.world) }));
    const rows = INDEX_QUERIES.map((q): LatencyRow => {
      const samples = new Map<string, Spent[]>(models.map((m) => [m.name, []]));
      const items: Record<string, number> = {};
      for (let r = -2; r < reps; r++) {
        for (const { model, session } of roundOrder(sessions, r + 2)) {
          let n = -1;
          const took = spent(() => (n = pageSize(session.step(CALLER, INDEX, q.args))));
          if (r >= 0) samples.get(model.name)?.push(took);
          items[model.name] = n;
        }
      }
      const ms = Object.fromEntries([...samples].map(([name, s]) => [name, medianOf(s)]));
      const plans = Object.fromEntries(models.map((m) => [m.name, planOf(m, bw.world, q)]));
      return { images, query: q.label, ms, items, plans };
    });
    return { seeded: seeded as BigDbStats, seedMs, rows };
  } finally {
    bw.close();
  }
}

function pageSize(outcome: { status: number; body?: unknown }): number {
  const list = (outcome.body as { images?: unknown[] } | undefined)?.images;
  return outcome.status === 200 && Array.isArray(list) ? list.length : -outcome.status;
}

function planOf(model: Model, world: World, q: IndexQuery): QueryPlan {
  const log: LoggedQuery[] = [];
  openBenchSession(model, { ...world, db: recordingDb(world.db, log) }).step(CALLER, INDEX, q.args);
  const listing = log.find((e) => /\bFROM images\b/i.test(e.sql) && /\bLIMIT\b/i.test(e.sql)) ?? log[0];
  if (listing === undefined) return { queries: 0, listing: '(no query)', plan: [], verdict: verdict([]) };
  const plan = explain(world.db, listing);
  return { queries: log.length, listing: listing.sql.replace(/\s+/g, ' ').trim(), plan, verdict: verdict(plan) };
}
