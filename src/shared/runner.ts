/**
 * Runs a scenario on a model: a fresh database, store and clock per
 * scenario, one step at a time, each answer turned into a trace step.
 */
import { existsSync, mkdtempSync, readdirSync, rmdirSync, rmSync, unlinkSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMetadefs } from './db/load-metadefs.js';
import { acquireDatabase, releaseDatabase } from './db/template.js';
import type { Scenario } from './scenario.js';
import { settingsFrom, type ScenarioConfig } from './settings.js';
import { createStore } from './store/index.js';
import { mapStoreUrlsIn, normalizeTrace, scenarioUuids, traceStep, type Trace, type TraceStep } from './trace.js';
import { NotificationSink, SeededIds, StepClock, type Model, type StepOutcome, type World } from './world.js';

export interface RunOptions {
  /** Seed of the generated-id source; any value gives the same trace. */
  readonly idSeed?: number;
  /** Called after every step with the world, e.g. to snapshot the database. */
  readonly afterStep?: (k: number, world: World, outcome: StepOutcome, storeRoot: string) => void;
}

export interface ScenarioRun {
  readonly trace: Trace;
  /** Per step, the exception class behind an error answer, if any. */
  readonly errorClasses: ReadonlyArray<string | undefined>;
}

let processStoreDir: string | null = null;
let worldsOpened = 0;

/**
 * A store directory of its own for each world, under one temp directory
 * per process: the filesystem store creates it on its first write, so a
 * scenario that stores nothing costs no directory at all.
 */
function nextStoreRoot(): string {
  if (processStoreDir === null) {
    const dir = mkdtempSync(join(tmpdir(), 'peel-store-'));
    processStoreDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return join(processStoreDir, `w${++worldsOpened}`);
}

/**
 * A fresh world on its own store directory and an in-memory database (a
 * pooled connection, emptied when the world closes: see db/template.ts).
 */
export function openWorld(config: ScenarioConfig, idSeed = 1): { world: World; clock: StepClock; storeRoot: string; close(): void } {
  const storeRoot = nextStoreRoot();
  const clock = new StepClock();
  const settings = settingsFrom(config);
  const db = acquireDatabase(settings.load_metadefs ? (fresh) => loadMetadefs(fresh, clock.now()) : undefined);
  const world: World = {
    settings,
    db,
    store: createStore(storeRoot),
    clock,
    ids: new SeededIds(idSeed),
    notifications: new NotificationSink(),
  };
  return {
    world,
    clock,
    storeRoot,
    close() {
      releaseDatabase(db);
      removeStoreRoot(storeRoot);
    },
  };
}

/**
 * Removes a world's store directory. The store writes its files straight
 * into it, so unlinking what one readdir lists and removing the directory
 * does it in half the system calls of a recursive rmSync (which lstats
 * every entry and tries rmdir first); anything else there (a directory)
 * falls back to rmSync.
 */
function removeStoreRoot(storeRoot: string): void {
  if (!existsSync(storeRoot)) return;
  try {
    const entries: Dirent[] = readdirSync(storeRoot, { withFileTypes: true });
    if (entries.some((e) => !e.isFile())) throw new Error('not only files');
    for (const e of entries) unlinkSync(join(storeRoot, e.name));
    rmdirSync(storeRoot);
  } catch {
    rmSync(storeRoot, { recursive: true, force: true });
  }
}

export function runScenario(scenario: Scenario, scenarioText: string, model: Model, options: RunOptions = {}): ScenarioRun {
  if (model.open === undefined) throw new Error(`the ${model.name} model does not answer format-1 scenarios`);
  const { world, clock, storeRoot, close } = openWorld(scenario.config, options.idSeed);
  try {
    const session = model.open(world);
    const steps: TraceStep[] = [];
    const errorClasses: Array<string | undefined> = [];
    scenario.steps.forEach((step, k) => {
      clock.setStep(k);
      const seen = world.notifications.count;
      const outcome = session.step(step.as, step.op, mapStoreUrlsIn(step.args, storeRoot));
      steps.push(traceStep(outcome, world.notifications.since(seen)));
      errorClasses.push(outcome.errorClass);
      options.afterStep?.(k, world, outcome, storeRoot);
    });
    const given = scenarioUuids(scenarioText);
    return { trace: normalizeTrace({ format: 'peel-trace/1', steps }, storeRoot, given), errorClasses };
  } finally {
    close();
  }
}
