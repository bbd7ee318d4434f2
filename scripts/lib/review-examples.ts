/**
 * The recorded examples (NAME.scenario.json anywhere under examples/, with
 * the trace Glance answered beside it), replayed on both models as `peel replay --check`
 * replays them: through the same library (src/shared/scenario-files.ts), so
 * the review accepts exactly the scenarios, formats and models the CLI does.
 *
 * An example that fails now is a regression only if it replayed at the
 * base: examples are recorded from Glance ahead of the port, so some never
 * replayed yet. That is asked of the base's own CLI, on a worktree of it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelName } from '../../src/shared/models.js';
import {
  checkReplayed, formatName, modelAnswers, readRecordedSteps, readScenarioFile, recordedTracePath, replayScenario, scenarioName, type LoadedScenario,
} from '../../src/shared/scenario-files.js';
import type { Model } from '../../src/shared/world.js';

export interface ExampleOutcome {
  /** Relative to the checkout. */
  readonly file: string;
  readonly model: ModelName;
  /** null when the file could not be read. */
  readonly format: 1 | 2 | null;
  /** `unanswered`: the model has no entry for the format (as `peel replay` refuses it). */
  readonly result: 'ok' | 'differs' | 'refused' | 'unanswered';
  /** The first difference, or why the file was refused. */
  readonly detail: string;
}

/** Every example scenario that has a recorded trace beside it, sorted. */
export function exampleFiles(root: string, dir = 'examples'): string[] {
  const at = join(root, dir);
  if (!existsSync(at)) return [];
  return readdirSync(at, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.scenario.json'))
    .map((f) => join(dir, f))
    .filter((f) => existsSync(join(root, recordedTracePath(f))))
    .sort();
}

/** The check command that reproduces one example's outcome. */
export function exampleReproduce(model: ModelName, file: string): string {
  return `npx tsx src/cli.ts replay --model ${model} --check ${file}`;
}

function outcomeOf(root: string, file: string, modelName: ModelName, model: Model): ExampleOutcome {
  const strip = (s: string) => s.split(`${root}/`).join('');
  let loaded: LoadedScenario | null = null;
  try {
    loaded = readScenarioFile(join(root, file));
    if (!modelAnswers(model, loaded)) return { file, model: modelName, format: loaded.format, result: 'unanswered', detail: `the ${modelName} model does not answer ${formatName(loaded.format)}` };
    const recorded = readRecordedSteps(loaded);
    const checked = checkReplayed(loaded, recorded, replayScenario(loaded, model));
    if (checked.difference === null) return { file, model: modelName, format: loaded.format, result: 'ok', detail: '' };
    return { file, model: modelName, format: loaded.format, result: 'differs', detail: checked.line.replace(/^DIFFERS [^:]*: /, '') };
  } catch (e) {
    return { file, model: modelName, format: loaded?.format ?? null, result: 'refused', detail: strip((e as Error).message) };
  }
}

/** Each example on each model, in the order given. */
export function replayExamples(root: string, files: readonly string[], models: ReadonlyArray<readonly [ModelName, Model]>): ExampleOutcome[] {
  return models.flatMap(([name, model]) => files.map((file) => outcomeOf(root, file, name, model)));
}

/** Runs the base's own CLI in its worktree; the names it printed `ok` for. */
function baseCheck(worktree: string, model: ModelName, files: readonly string[]): { ok: Set<string>; answered: boolean } {
  const tsx = join(worktree, 'node_modules/tsx/dist/cli.mjs');
  const r = spawnSync(process.execPath, [tsx, 'src/cli.ts', 'replay', '--model', model, '--check', ...files], { cwd: worktree, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = (r.stdout ?? '').split('\n');
  const ok = new Set(lines.filter((l) => l.startsWith('ok ')).map((l) => l.slice(3).trimStart().split(':')[0] ?? ''));
  return { ok, answered: lines.some((l) => /^(ok |DIFFERS )/.test(l)) };
}

/**
 * The files (relative to the checkout) that replayed identically at the
 * base, on the base's code and the base's copy of each example. A batch the
 * base's CLI refused as a whole (one file it cannot read) is asked again
 * file by file, so one new file cannot hide another's regression.
 */
export function replayedAtBase(worktree: string, model: ModelName, files: readonly string[]): Set<string> {
  const present = files.filter((f) => existsSync(join(worktree, f)) && existsSync(join(worktree, recordedTracePath(f))));
  const byDir = new Map<string, string[]>();
  for (const f of present) byDir.set(dirname(f), [...(byDir.get(dirname(f)) ?? []), f]);
  const replayed = new Set<string>();
  for (const group of byDir.values()) {
    const batch = baseCheck(worktree, model, group);
    const asked = batch.answered ? [[group, batch.ok] as const] : group.map((f) => [[f], baseCheck(worktree, model, [f]).ok] as const);
    for (const [fs, ok] of asked) for (const f of fs) if (ok.has(scenarioName(f))) replayed.add(f);
  }
  return replayed;
}

export interface ExampleReview {
  readonly outcomes: readonly ExampleOutcome[];
  /** Replayed at the base, fail now: what fails the review. */
  readonly regressions: readonly ExampleOutcome[];
  /** Fail now and failed at the base too, or are new: shown, not judged. */
  readonly known: readonly ExampleOutcome[];
}

/**
 * Sorts today's failures into regressions and known ones, asking the base
 * (through `atBase`, which may build a worktree) only when something fails.
 */
export function judgeExamples(outcomes: readonly ExampleOutcome[], atBase: (model: ModelName, files: readonly string[]) => ReadonlySet<string>): ExampleReview {
  const failing = outcomes.filter((o) => o.result === 'differs' || o.result === 'refused');
  const regressions: ExampleOutcome[] = [];
  const known: ExampleOutcome[] = [];
  for (const model of [...new Set(failing.map((o) => o.model))]) {
    const mine = failing.filter((o) => o.model === model);
    const replayed = atBase(model, mine.map((o) => o.file));
    for (const o of mine) (replayed.has(o.file) ? regressions : known).push(o);
  }
  return { outcomes, regressions, known };
}
