/**
 * Scenario and trace files as `peel replay` reads, runs and checks them,
 * whatever their format (1: controller calls, 2: HTTP requests). The CLI
 * and the review both go through here, so the review replays exactly what
 * `peel replay --check` accepts, the way it replays it.
 *
 * Reading is strict (shared/strict-json.ts) and every problem is a
 * ScenarioError naming the file and the field; a model that fails during a
 * run is one too, naming the step, so nothing a file can hold ends in an
 * "internal error".
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isPyDict, pyJsonLoads, toPlain, type PyJson } from '../lib/pyjson.js';
import { validateHttpScenario, type HttpScenario } from './http-scenario.js';
import { runHttpScenario } from './http-runner.js';
import { httpTraceText } from './http-trace.js';
import { runScenario } from './runner.js';
import { ScenarioError, validateScenario, type Scenario } from './scenario.js';
import { readStrictJson } from './strict-json.js';
import { describeDifference, firstDifference, type TraceDifference } from './trace-diff.js';
import { traceText } from './trace.js';
import type { Model } from './world.js';

/** A scenario file of either format, read and checked. */
export type LoadedScenario =
  | { readonly path: string; readonly bytes: Buffer; readonly text: string; readonly format: 1; readonly scenario: Scenario }
  | { readonly path: string; readonly bytes: Buffer; readonly text: string; readonly format: 2; readonly scenario: HttpScenario };

/** What a run gives, whatever the format: the trace file text and the steps to compare. */
export interface Replayed {
  readonly text: string;
  readonly steps: readonly unknown[];
  readonly errorClasses: ReadonlyArray<string | undefined>;
}

/** A model that failed while running a scenario: the step it failed on, and why. */
export class RunError extends ScenarioError {
  constructor(file: string, where: string, problem: string, readonly failure: unknown) {
    super(file, where, problem);
  }
}

export function scenarioName(path: string): string {
  return basename(path).replace(/\.scenario\.json$|\.json$/, '');
}

export function traceNameFor(path: string): string {
  return `${scenarioName(path)}.trace.json`;
}

/** The recorded trace a scenario is checked against: NAME.trace.json beside it. */
export function recordedTracePath(path: string): string {
  return join(dirname(path), traceNameFor(path));
}

function readBytes(path: string, missing: string): Buffer {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ScenarioError(path, '', missing);
    throw new ScenarioError(path, '', `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!isFile) throw new ScenarioError(path, '', 'is not a file');
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ScenarioError(path, '', `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** A scenario file read strictly and checked against its format; `format` tells the two apart. */
export function readScenarioFile(path: string): LoadedScenario {
  const bytes = readBytes(path, 'no such file');
  const raw = readStrictJson(bytes, path);
  const text = bytes.toString('utf8');
  if (isPyDict(raw) && raw.get('format') === 'peel-scenario/2') return { path, bytes, text, format: 2, scenario: validateHttpScenario(raw, path) };
  return { path, bytes, text, format: 1, scenario: validateScenario(toPlain(raw), path) };
}

/**
 * The steps of the trace recorded beside a scenario, read strictly, in the
 * value model its format compares with (format 2 keeps Python's floats).
 */
export function readRecordedSteps(l: LoadedScenario): readonly unknown[] {
  const path = recordedTracePath(l.path);
  const raw = readStrictJson(readBytes(path, 'no recorded trace beside the scenario'), path, { nonFinite: true });
  const expected = `peel-trace/${l.format}`;
  if (!isPyDict(raw)) throw new ScenarioError(path, '', `expected a ${expected} object`);
  if (raw.get('format') !== expected) throw new ScenarioError(path, 'format', `expected "${expected}" (the scenario is format ${l.format})`);
  const steps = raw.get('steps');
  if (!Array.isArray(steps)) throw new ScenarioError(path, 'steps', 'expected an array');
  return l.format === 1 ? (toPlain(steps) as unknown[]) : steps;
}

/** Whether a model can run a scenario of this format (format 1 needs its controller entry, format 2 its HTTP entry). */
export function modelAnswers(model: Model, l: LoadedScenario): boolean {
  return l.format === 1 ? model.open !== undefined : model.openHttp !== undefined;
}

/** What a format is, in words, for messages. */
export function formatName(format: 1 | 2): string {
  return format === 1 ? 'format 1 (controller calls)' : 'format 2 (HTTP)';
}

/**
 * Runs a scenario on a model. A failure inside the model (a bug, a stack
 * overflow) becomes a RunError naming the file and the step it happened on.
 */
export function replayScenario(l: LoadedScenario, model: Model): Replayed {
  let done = -1;
  const afterStep = (k: number) => {
    done = k;
  };
  try {
    if (l.format === 1) {
      const { trace, errorClasses } = runScenario(l.scenario, l.text, model, { afterStep });
      return { text: traceText(trace), steps: trace.steps, errorClasses };
    }
    const { trace, errorClasses } = runHttpScenario(l.scenario, l.text, model, { file: l.path, afterStep });
    const text = httpTraceText(trace);
    // What is compared is what is written: the trace text read back.
    const steps = (pyJsonLoads(text) as Map<string, PyJson>).get('steps') as PyJson[];
    return { text, steps, errorClasses };
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const failing = done + 1;
    const where = failing < l.scenario.steps.length ? `steps[${failing}]` : '';
    const what = where ? 'on this step' : 'while writing the trace';
    throw new RunError(l.path, where, `the ${model.name} model failed ${what}: ${(e as Error).message ?? String(e)}`, e);
  }
}

export interface Checked {
  readonly name: string;
  readonly difference: TraceDifference | null;
  /** The exception class behind the differing answer, when the model names one. */
  readonly cause: string | undefined;
  /** The line `peel replay --check` prints. */
  readonly line: string;
}

function summaryLine(name: string, steps: readonly unknown[]): string {
  const statusOf = (s: unknown): unknown => (isPyDict(s as PyJson) ? (s as Map<string, unknown>).get('status') : (s as { status: number }).status);
  return `${name}: ${steps.length} steps, statuses ${steps.map(statusOf).join(' ')}`;
}

/** A run against the recorded steps: the first difference, if any, and the line that reports it. */
export function checkReplayed(l: LoadedScenario, recorded: readonly unknown[], run: Replayed): Checked {
  const name = scenarioName(l.path);
  const difference = firstDifference({ steps: recorded }, { steps: run.steps });
  const cause = difference && difference.step >= 0 ? run.errorClasses[difference.step] : undefined;
  const line = difference ? `DIFFERS ${name}: ${describeDifference(difference)}${cause ? ` (answered from ${cause})` : ''}` : `ok      ${summaryLine(name, run.steps)}`;
  return { name, difference, cause, line };
}
