/**
 * One format-2 scenario on two models, and the first step where they can be
 * told apart: any field of the trace entry (status, kept headers, body,
 * notifications), the exception class behind a 500, the database rows, the
 * store files, or the priority a notification was sent with. Generated ids
 * are numbered per run before comparing, so only their pattern counts.
 */
import type Database from 'better-sqlite3';
import { pyJsonDumpsValue, pyJsonLoads, type PyJson } from '../../lib/pyjson.js';
import { httpTraceText } from '../../shared/http-trace.js';
import { runHttpScenario } from '../../shared/http-runner.js';
import type { HttpScenario } from '../../shared/http-scenario.js';
import { snapshotStore, tableJson, tableWrites, TABLES, type WorldSnapshot } from '../../shared/snapshot.js';
import { filesystemStoreMutations } from '../../shared/store/filesystem.js';
import { firstDifference } from '../../shared/trace-diff.js';
import { UUID_RE, uuidNumbering } from '../../shared/trace.js';
import type { Model, Priority } from '../../shared/world.js';

export interface HttpModelRun {
  /** Trace steps as the trace file reads back (PyJson). */
  readonly steps: readonly PyJson[];
  readonly text: string;
  readonly errorClasses: ReadonlyArray<string | undefined>;
  readonly worlds: readonly WorldSnapshot[];
  /** Per step, the priority of each notification sent. */
  readonly priorities: ReadonlyArray<readonly Priority[]>;
  /**
   * Per step, the trace entry as key-sorted JSON text. Two equal texts are
   * equal entries, so only steps whose texts differ are compared field by
   * field (absent for a run read back from a file).
   */
  readonly stepTexts?: readonly string[];
  /** Per step, the world (`worlds[k]`) as JSON text, ids numbered: equal texts, equal worlds. */
  readonly worldTexts?: readonly string[];
  /** Per step, the status (`steps[k].status`), known without reading the steps back. */
  readonly statuses?: readonly number[];
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
 * The world after each step as JSON text, read again only where something
 * was written: a table when rows were written to it (each table written as
 * JSON by SQLite itself, and renumbered only if its text changed), the
 * store's files when a filesystem store wrote or removed one. Most steps write nothing, and a full dump per step dominated the
 * suite's time.
 *
 * The text is `JSON.stringify` of the snapshot with the store root made
 * canonical and generated ids numbered in order of first appearance.
 * Numbering only ever adds ids, so a table whose text did not change keeps
 * the numbered text it had: a full renumbering would give the same.
 */
class WorldWatcher {
  private readonly lastWrites: number[] = [];
  private lastStoreMutations = -1;
  private readonly rawTables: string[] = [];
  private readonly tableTexts: string[] = [];
  private filesText = '{}';
  private text = '';

  constructor(private readonly normalize: (raw: string) => string) {}

  snapshot(db: Database.Database, storeRoot: string): string {
    let changed = this.text === '';
    tableWrites(db).forEach((writes, i) => {
      if (writes === this.lastWrites[i]) return;
      this.lastWrites[i] = writes;
      const raw = tableJson(db, i);
      if (raw === this.rawTables[i]) return;
      this.rawTables[i] = raw;
      this.tableTexts[i] = this.normalize(raw);
      changed = true;
    });
    const mutations = filesystemStoreMutations();
    if (mutations !== this.lastStoreMutations) {
      this.lastStoreMutations = mutations;
      const files = this.normalize(JSON.stringify(snapshotStore(storeRoot)));
      if (files !== this.filesText) {
        this.filesText = files;
        changed = true;
      }
    }
    if (changed) this.text = `{"tables":{${TABLES.map((t, i) => `"${t}":${this.tableTexts[i]}`).join(',')}},"files":${this.filesText}}`;
    return this.text;
  }
}

/** Store root to its canonical path, then generated ids to <uuid-N> in order of first appearance. */
function worldNormalizer(storeRoot: string, given: ReadonlySet<string>): (raw: string) => string {
  const root = storeRoot.replace(/\/$/, '') + '/';
  const number = uuidNumbering(given);
  return (raw) => (raw.includes(root) ? raw.split(root).join('/var/lib/glance/images/') : raw).replace(UUID_RE, number);
}

/** Each text parsed once, when a report or a recorded run asks for the values. */
function parsedOnDemand<T>(texts: readonly string[], parse: (text: string) => T): () => T[] {
  let values: T[] | null = null;
  return () => {
    if (values === null) {
      const byText = new Map<string, T>();
      values = texts.map((t) => {
        let v = byText.get(t);
        if (v === undefined) {
          v = parse(t);
          byText.set(t, v);
        }
        return v;
      });
    }
    return values;
  };
}

const STEP_TEXT = { sortKeys: true, ensureAscii: false } as const;

export function runHttpWithSnapshots(scenario: HttpScenario, text: string, model: Model): HttpModelRun {
  const worldTexts: string[] = [];
  const priorities: Priority[][] = [];
  const given = new Set(text.match(UUID_RE) ?? []);
  let watcher: WorldWatcher | null = null;
  let sent = 0;
  const run = runHttpScenario(scenario, text, model, {
    afterStep: (_k, world, storeRoot) => {
      watcher ??= new WorldWatcher(worldNormalizer(storeRoot, given));
      worldTexts.push(watcher.snapshot(world.db, storeRoot));
      priorities.push(world.notifications.since(sent).map((n) => n.priority));
      sent = world.notifications.count;
    },
  });
  const entries = run.trace.get('steps') as Array<Map<string, PyJson>>;
  const stepTexts = entries.map((s) => pyJsonDumpsValue(s, STEP_TEXT));
  const statuses = entries.map((s) => s.get('status') as number);
  let traceText: string | null = null;
  const traceTextOf = (): string => (traceText ??= httpTraceText(run.trace));
  const steps = parsedOnDemand([''], () => (pyJsonLoads(traceTextOf()) as Map<string, PyJson>).get('steps') as PyJson[]);
  const worlds = parsedOnDemand(worldTexts, (t) => JSON.parse(t) as WorldSnapshot);
  return {
    get steps() {
      return steps()[0] as PyJson[];
    },
    get text() {
      return traceTextOf();
    },
    errorClasses: run.errorClasses,
    get worlds() {
      return worlds();
    },
    priorities,
    stepTexts,
    worldTexts,
    statuses,
  };
}

/** Whether both runs have the text of step k and the texts are equal (then the values are equal). */
function sameText(left: readonly string[] | undefined, right: readonly string[] | undefined, k: number): boolean {
  return left !== undefined && right !== undefined && left[k] !== undefined && left[k] === right[k];
}

/** A 500's text is always the same; the class behind it is what tells two 500s apart. */
function stepCount(run: HttpModelRun): number {
  return run.stepTexts?.length ?? run.steps.length;
}

function statusOf(run: HttpModelRun, k: number): PyJson | undefined {
  return run.statuses !== undefined ? run.statuses[k] : (run.steps[k] as Map<string, PyJson> | undefined)?.get('status');
}

export function compareHttpRuns(left: HttpModelRun, right: HttpModelRun): HttpMismatch | null {
  const n = Math.max(stepCount(left), stepCount(right));
  for (let k = 0; k < n; k++) {
    const d = sameText(left.stepTexts, right.stepTexts, k) ? null : firstDifference({ steps: [left.steps[k]] }, { steps: [right.steps[k]] });
    if (d) return { step: k, aspect: 'trace', path: d.path, left: d.expected, right: d.actual };
    if (statusOf(left, k) === 500 && left.errorClasses[k] !== right.errorClasses[k]) {
      return { step: k, aspect: 'errorClass', path: 'errorClass', left: left.errorClasses[k], right: right.errorClasses[k] };
    }
    const p = firstDifference({ steps: [left.priorities[k]] }, { steps: [right.priorities[k]] });
    if (p) return { step: k, aspect: 'priority', path: `notifications${p.path.replace(/^\(step\)/, '')}.priority`, left: p.expected, right: p.actual };
    if (sameText(left.worldTexts, right.worldTexts, k)) continue;
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
