#!/usr/bin/env node
/**
 * peel: replay scenario files on a model and write or check their traces.
 *
 *   peel replay --model legacy|flat SCENARIO... [--out-dir DIR] [--check]
 *   peel record --model legacy SCENARIO... --out-dir DIR
 *
 * Bad input ends with one line naming the file and field, exit status 2,
 * and nothing written: every scenario is read and checked before any run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPyDict, pyJsonLoads, type PyJson } from './lib/pyjson.js';
import { httpTraceText } from './shared/http-trace.js';
import { runHttpScenario } from './shared/http-runner.js';
import { validateHttpScenario, type HttpScenario } from './shared/http-scenario.js';
import { isModelName, loadModel, MODEL_NAMES } from './shared/models.js';
import { runScenario } from './shared/runner.js';
import { parseScenarioText, ScenarioError, type Scenario } from './shared/scenario.js';
import { describeDifference, firstDifference } from './shared/trace-diff.js';
import { traceText, type Trace } from './shared/trace.js';
import type { Model } from './shared/world.js';

class UsageError extends Error {}

const USAGE = `usage:
  peel replay --model ${MODEL_NAMES.join('|')} SCENARIO... [--out-dir DIR] [--check]
      Replays each scenario (format 1: controller calls; format 2: HTTP
      requests, told apart by "format") on a fresh database and store. One scenario
      without --out-dir: its trace on stdout. --out-dir: NAME.trace.json per
      scenario. --check: compare with the NAME.trace.json recorded beside
      each scenario and print a line per scenario (exit 1 on a difference).
  peel record --model ${MODEL_NAMES.join('|')} SCENARIO... --out-dir DIR
      Golden master: copies each scenario into DIR with the trace the model
      gives for it.`;

/** A scenario file of either format, read and checked. */
type Loaded =
  | { readonly path: string; readonly text: string; readonly format: 1; readonly scenario: Scenario }
  | { readonly path: string; readonly text: string; readonly format: 2; readonly scenario: HttpScenario };

/** What a run gives, whatever the format: the trace file text and the steps to compare. */
interface Replayed {
  readonly text: string;
  readonly steps: readonly unknown[];
  readonly errorClasses: ReadonlyArray<string | undefined>;
}

export function traceNameFor(path: string): string {
  const base = basename(path);
  if (base.endsWith('.scenario.json')) return base.slice(0, -'.scenario.json'.length) + '.trace.json';
  if (base.endsWith('.json')) return base.slice(0, -'.json'.length) + '.trace.json';
  return base + '.trace.json';
}

function loadScenario(path: string): Loaded {
  if (!existsSync(path)) throw new ScenarioError(path, '', 'no such file');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(path, '', `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: PyJson;
  try {
    raw = pyJsonLoads(text);
  } catch (e) {
    throw new ScenarioError(path, '', `not valid JSON (${(e as Error).message})`);
  }
  if (isPyDict(raw) && raw.get('format') === 'peel-scenario/2') return { path, text, format: 2, scenario: validateHttpScenario(raw, path) };
  return { path, text, format: 1, scenario: parseScenarioText(text, path) };
}

/** The recorded steps beside a scenario, in the value model its format compares with. */
function loadTraceSteps(path: string, format: 1 | 2): readonly unknown[] {
  if (!existsSync(path)) throw new ScenarioError(path, '', 'no recorded trace beside the scenario');
  const expected = `peel-trace/${format}`;
  try {
    const text = readFileSync(path, 'utf8');
    if (format === 1) {
      const trace = JSON.parse(text) as Trace;
      if (trace.format !== expected || !Array.isArray(trace.steps)) throw new Error(`not a ${expected} file`);
      return trace.steps;
    }
    const trace = pyJsonLoads(text);
    const steps = isPyDict(trace) ? trace.get('steps') : undefined;
    if (!isPyDict(trace) || trace.get('format') !== expected || !Array.isArray(steps)) throw new Error(`not a ${expected} file`);
    return steps;
  } catch (e) {
    throw new ScenarioError(path, '', (e as Error).message);
  }
}

function replayOne(l: Loaded, model: Model): Replayed {
  if (l.format === 1) {
    const { trace, errorClasses } = runScenario(l.scenario, l.text, model);
    return { text: traceText(trace), steps: trace.steps, errorClasses };
  }
  const { trace, errorClasses } = runHttpScenario(l.scenario, l.text, model, { file: l.path });
  return { text: httpTraceText(trace), steps: trace.get('steps') as PyJson[], errorClasses };
}

/** Writes through a temporary name so a crash never leaves half a file. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function summaryLine(name: string, steps: readonly unknown[]): string {
  const statusOf = (s: unknown): unknown => (isPyDict(s as PyJson) ? (s as Map<string, unknown>).get('status') : (s as { status: number }).status);
  return `${name}: ${steps.length} steps, statuses ${steps.map(statusOf).join(' ')}`;
}

async function replay(argv: string[], record: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { model: { type: 'string' }, 'out-dir': { type: 'string' }, check: { type: 'boolean', default: false } },
  });
  const modelName = values.model;
  if (modelName === undefined) throw new UsageError('--model is required');
  if (!isModelName(modelName)) throw new UsageError(`--model: unknown model "${modelName}" (known: ${MODEL_NAMES.join(', ')})`);
  if (positionals.length === 0) throw new UsageError('no scenario files given');
  const outDir = values['out-dir'];
  if (record && outDir === undefined) throw new UsageError('record needs --out-dir');
  if (!record && !values.check && outDir === undefined && positionals.length > 1) {
    throw new UsageError('several scenarios need --out-dir or --check');
  }
  // Read and check everything first: nothing is written for a bad batch.
  const loaded = positionals.map(loadScenario);
  const recorded = values.check ? loaded.map((l) => loadTraceSteps(join(dirname(l.path), traceNameFor(l.path)), l.format)) : [];
  const model = await loadModel(modelName);
  for (const l of loaded) {
    if (l.format === 2 && model.openHttp === undefined) throw new UsageError(`${l.path}: the ${modelName} model does not answer format 2 (HTTP) scenarios`);
  }
  if (outDir !== undefined) mkdirSync(outDir, { recursive: true });

  let differing = 0;
  loaded.forEach((l, i) => {
    const run = replayOne(l, model);
    const name = basename(l.path).replace(/\.scenario\.json$|\.json$/, '');
    if (values.check) {
      const ours = l.format === 1 ? run.steps : (pyJsonLoads(run.text) as Map<string, PyJson>).get('steps') as PyJson[];
      const d = firstDifference({ steps: recorded[i] as unknown[] }, { steps: ours });
      if (d) differing++;
      const cause = d && run.errorClasses[d.step] ? ` (answered from ${run.errorClasses[d.step]})` : '';
      process.stdout.write(d ? `DIFFERS ${name}: ${describeDifference(d)}${cause}\n` : `ok      ${summaryLine(name, run.steps)}\n`);
    }
    if (outDir !== undefined) {
      if (record) writeAtomically(join(outDir, basename(l.path)), l.text);
      writeAtomically(join(outDir, traceNameFor(l.path)), run.text);
    } else if (!values.check) {
      process.stdout.write(run.text);
    }
  });
  if (values.check) {
    process.stdout.write(`${loaded.length - differing} of ${loaded.length} scenarios replay identically on the ${modelName} model\n`);
  }
  return differing > 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'replay') return await replay(rest, false);
    if (command === 'record') return await replay(rest, true);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof ScenarioError) {
      process.stderr.write(`peel: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`peel: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (process.env.PEEL_DEBUG) throw e;
    process.stderr.write(`peel: internal error: ${(e as Error).message} (rerun with PEEL_DEBUG=1 for the stack)\n`);
    return 70;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
