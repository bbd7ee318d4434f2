/**
 * One format-2 scenario on two models, and the first step where they can be
 * told apart: any field of the trace entry (status, kept headers, body,
 * notifications), the exception class behind a 500, the database rows, the
 * store files, or the priority a notification was sent with. Generated ids
 * are numbered per run before comparing, so only their pattern counts.
 */
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pyJsonLoads, type PyJson } from '../../lib/pyjson.js';
import { httpTraceText } from '../../shared/http-trace.js';
import { runHttpScenario } from '../../shared/http-runner.js';
import type { HttpScenario } from '../../shared/http-scenario.js';
import { snapshotDatabase, snapshotStore, type WorldSnapshot } from '../../shared/snapshot.js';
import { firstDifference } from '../../shared/trace-diff.js';
import { UUID_RE } from '../../shared/trace.js';
import type { Model, Priority } from '../../shared/world.js';

export interface HttpModelRun {
  /** Trace steps as the trace file reads back (PyJson). */
  readonly steps: readonly PyJson[];
  readonly text: string;
  readonly errorClasses: ReadonlyArray<string | undefined>;
  readonly worlds: readonly WorldSnapshot[];
  /** Per step, the priority of each notification sent. */
  readonly priorities: ReadonlyArray<readonly Priority[]>;
}

export type Aspect = 'trace' | 'errorClass' | 'database' | 'store' | 'priority';

export interface HttpMismatch {
  readonly step: number;
  readonly aspect: Aspect;
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

/**
 * Snapshots after each step, re-read only when something was written: the
 * database when SQLite's change counter moved, the store when its
 * directory changed. Most steps write nothing, and a full dump per step
 * would dominate the suite's time.
 */
class WorldWatcher {
  private lastChanges = -1;
  private lastTables: WorldSnapshot['tables'] = {};
  private lastStoreStamp = '';
  private lastFiles: WorldSnapshot['files'] = {};

  snapshot(db: Database.Database, storeRoot: string): WorldSnapshot {
    const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    if (changes !== this.lastChanges) {
      this.lastTables = snapshotDatabase(db);
      this.lastChanges = changes;
    }
    const stamp = storeStamp(storeRoot);
    if (stamp !== this.lastStoreStamp) {
      this.lastFiles = snapshotStore(storeRoot);
      this.lastStoreStamp = stamp;
    }
    return { tables: this.lastTables, files: this.lastFiles };
  }
}

/**
 * Files are only ever created or removed in the store's directory and its
 * staging directory (image import), which moves their mtime and size.
 */
function storeStamp(root: string): string {
  return [root, join(root, 'staging')].map(dirStamp).join('|');
}

function dirStamp(dir: string): string {
  try {
    const st = statSync(dir);
    return `${st.mtimeMs}:${st.size}:${st.nlink}`;
  } catch {
    return 'absent';
  }
}

export function runHttpWithSnapshots(scenario: HttpScenario, text: string, model: Model): HttpModelRun {
  const worlds: WorldSnapshot[] = [];
  const priorities: Priority[][] = [];
  const given = new Set(text.match(UUID_RE) ?? []);
  const numbering = new Map<string, string>();
  const watcher = new WorldWatcher();
  let sent = 0;
  const run = runHttpScenario(scenario, text, model, {
    afterStep: (_k, world, storeRoot) => {
      const raw = JSON.stringify(watcher.snapshot(world.db, storeRoot))
        .split(storeRoot.replace(/\/$/, '') + '/')
        .join('/var/lib/glance/images/')
        .replace(UUID_RE, (u) => {
          if (given.has(u)) return u;
          if (!numbering.has(u)) numbering.set(u, `<uuid-${numbering.size + 1}>`);
          return numbering.get(u) as string;
        });
      worlds.push(JSON.parse(raw) as WorldSnapshot);
      priorities.push(world.notifications.since(sent).map((n) => n.priority));
      sent = world.notifications.count;
    },
  });
  const traceText = httpTraceText(run.trace);
  const steps = (pyJsonLoads(traceText) as Map<string, PyJson>).get('steps') as PyJson[];
  return { steps, text: traceText, errorClasses: run.errorClasses, worlds, priorities };
}

/** A 500's text is always the same; the class behind it is what tells two 500s apart. */
export function compareHttpRuns(left: HttpModelRun, right: HttpModelRun): HttpMismatch | null {
  const n = Math.max(left.steps.length, right.steps.length);
  for (let k = 0; k < n; k++) {
    const d = firstDifference({ steps: [left.steps[k]] }, { steps: [right.steps[k]] });
    if (d) return { step: k, aspect: 'trace', path: d.path, left: d.expected, right: d.actual };
    const status = (left.steps[k] as Map<string, PyJson> | undefined)?.get('status');
    if (status === 500 && left.errorClasses[k] !== right.errorClasses[k]) {
      return { step: k, aspect: 'errorClass', path: 'errorClass', left: left.errorClasses[k], right: right.errorClasses[k] };
    }
    const p = firstDifference({ steps: [left.priorities[k]] }, { steps: [right.priorities[k]] });
    if (p) return { step: k, aspect: 'priority', path: `notifications${p.path.replace(/^\(step\)/, '')}.priority`, left: p.expected, right: p.actual };
    const db = firstDifference({ steps: [left.worlds[k]?.tables] }, { steps: [right.worlds[k]?.tables] });
    if (db) return { step: k, aspect: 'database', path: db.path, left: db.expected, right: db.actual };
    const files = firstDifference({ steps: [left.worlds[k]?.files] }, { steps: [right.worlds[k]?.files] });
    if (files) return { step: k, aspect: 'store', path: files.path, left: files.expected, right: files.actual };
  }
  return null;
}

export function compareHttpModels(scenario: HttpScenario, text: string, left: Model, right: Model): { mismatch: HttpMismatch | null; left: HttpModelRun; right: HttpModelRun } {
  const l = runHttpWithSnapshots(scenario, text, left);
  const r = runHttpWithSnapshots(scenario, text, right);
  return { mismatch: compareHttpRuns(l, r), left: l, right: r };
}
