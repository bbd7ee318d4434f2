#!/usr/bin/env node
/**
 * peel: replay scenario files on a model and write or check their traces.
 *
 *   peel replay --model legacy|flat SCENARIO... [--out-dir DIR] [--check]
 *   peel record --model legacy SCENARIO... --out-dir DIR
 *
 * All or nothing: every scenario (and, with --check, every recorded trace)
 * is read strictly and checked, and --out-dir is checked, before anything
 * runs; every scenario runs before anything is written; the files are
 * written to a temporary directory and moved into place together. A usage
 * or input error, or a model failing during a run, is one line on stderr
 * naming the file and the field, exit status 2, and --out-dir as it was.
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isModelName, loadModel, MODEL_NAMES, type ModelName } from './shared/models.js';
import { ScenarioError } from './shared/scenario.js';
import {
  checkReplayed, formatName, modelAnswers, readRecordedSteps, readScenarioFile, replayScenario, RunError, traceNameFor, type LoadedScenario,
} from './shared/scenario-files.js';

export { traceNameFor } from './shared/scenario-files.js';

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
      gives for it.
  peel serve --model ${MODEL_NAMES.join('|')} [--port PORT] [--data-dir DIR] [--tokens FILE] ...
      Serves the Images API v2 over HTTP on the model (peel serve --help).
Exit status: 0 done, 1 a trace differs (--check), 2 a usage or input error
or a failed run (nothing written).`;

interface ReplayOptions {
  readonly model: ModelName;
  readonly files: readonly string[];
  readonly outDir: string | undefined;
  readonly check: boolean;
  readonly record: boolean;
}

function replayOptions(argv: string[], record: boolean): ReplayOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { model: { type: 'string' }, 'out-dir': { type: 'string' }, check: { type: 'boolean', default: false } },
  });
  const model = values.model;
  if (model === undefined) throw new UsageError('--model is required');
  if (!isModelName(model)) throw new UsageError(`--model: unknown model "${model}" (known: ${MODEL_NAMES.join(', ')})`);
  if (positionals.length === 0) throw new UsageError('no scenario files given');
  const outDir = values['out-dir'];
  if (outDir === '') throw new UsageError('--out-dir: empty directory name');
  if (record && outDir === undefined) throw new UsageError('record needs --out-dir');
  if (!record && !values.check && outDir === undefined && positionals.length > 1) {
    throw new UsageError('several scenarios need --out-dir or --check');
  }
  return { model, files: positionals, outDir, check: values.check ?? false, record };
}

// ------------------------------------------------------------- --out-dir

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The directory itself, or its nearest ancestor that exists (where it would be created). */
function nearestExisting(dir: string): string {
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

/**
 * --out-dir must be a directory we can write in, or a path we can create;
 * and no two files may claim the same name in it.
 */
function checkOutDir(outDir: string, names: ReadonlyArray<readonly [string, string]>): void {
  const at = nearestExisting(outDir);
  const what = at === resolve(outDir) ? outDir : `${at} (where it would be created)`;
  if (!statSync(at).isDirectory()) throw new UsageError(`--out-dir: ${what} is a file, not a directory`);
  if (!isWritable(at)) throw new UsageError(`--out-dir: ${what} is not writable`);
  const claimedBy = new Map<string, string>();
  for (const [name, source] of names) {
    const other = claimedBy.get(name);
    if (other !== undefined && other !== source) throw new UsageError(`--out-dir: ${other} and ${source} would both be written as ${name}`);
    claimedBy.set(name, source);
    const target = join(outDir, name);
    if (existsSync(target) && !statSync(target).isFile()) throw new UsageError(`--out-dir: ${target} exists and is not a file`);
  }
}

/**
 * Where the files are written first: a temporary directory beside --out-dir
 * (in its parent, or the nearest ancestor that exists), so moving them in
 * is a rename on the same filesystem. When the parent is not writable or
 * is another filesystem, inside --out-dir itself.
 */
function stagingParent(outDir: string): string {
  const target = resolve(outDir);
  if (!existsSync(target)) return nearestExisting(target);
  const parent = dirname(target);
  return isWritable(parent) && statSync(parent).dev === statSync(target).dev ? parent : target;
}

/** Writes every file, or none: staged in a temporary directory, then moved into place. */
function writeAllOrNothing(outDir: string, files: ReadonlyArray<readonly [string, string | Buffer]>): void {
  const target = resolve(outDir);
  const staging = mkdtempSync(join(stagingParent(outDir), '.peel-out-'));
  try {
    for (const [name, content] of files) writeFileSync(join(staging, name), content);
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      renameSync(staging, target);
      return;
    }
    for (const [name] of files) renameSync(join(staging, name), join(target, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- replay

async function replay(argv: string[], record: boolean): Promise<number> {
  const opts = replayOptions(argv, record);
  // Read and check everything first: nothing runs for a bad batch.
  const loaded = opts.files.map(readScenarioFile);
  const recorded = opts.check ? loaded.map(readRecordedSteps) : [];
  const outputs = (l: LoadedScenario): Array<readonly [string, string]> => [
    ...(opts.record ? [[basename(l.path), l.path] as const] : []),
    [traceNameFor(l.path), l.path] as const,
  ];
  if (opts.outDir !== undefined) checkOutDir(opts.outDir, loaded.flatMap(outputs));
  const model = await loadModel(opts.model);
  const unanswered = loaded.find((l) => !modelAnswers(model, l));
  if (unanswered) throw new UsageError(`${unanswered.path}: the ${opts.model} model does not answer ${formatName(unanswered.format)} scenarios`);

  // Run everything before writing anything.
  const runs = loaded.map((l) => replayScenario(l, model));

  let differing = 0;
  if (opts.check) {
    const lines = loaded.map((l, i) => checkReplayed(l, recorded[i] as unknown[], runs[i] as (typeof runs)[number]));
    differing = lines.filter((c) => c.difference !== null).length;
    process.stdout.write(lines.map((c) => c.line + '\n').join(''));
    process.stdout.write(`${loaded.length - differing} of ${loaded.length} scenarios replay identically on the ${opts.model} model\n`);
  }
  if (opts.outDir !== undefined) {
    writeAllOrNothing(
      opts.outDir,
      loaded.flatMap((l, i) => [...(opts.record ? [[basename(l.path), l.bytes] as const] : []), [traceNameFor(l.path), (runs[i] as (typeof runs)[number]).text] as const]),
    );
  } else if (!opts.check) {
    process.stdout.write((runs[0] as (typeof runs)[number]).text);
  }
  return differing > 0 ? 1 : 0;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'replay') return await replay(rest, false);
    if (command === 'record') return await replay(rest, true);
    if (command === 'serve') return await (await import('./serve/launch.js')).launchServe(rest);
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (command === undefined) {
      process.stderr.write(USAGE + '\n');
      return 2;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof RunError && process.env.PEEL_DEBUG) throw e.failure;
    if (e instanceof RunError) {
      process.stderr.write(`peel: ${oneLine(e.message)} (nothing written; PEEL_DEBUG=1 shows the stack)\n`);
      return 2;
    }
    if (e instanceof ScenarioError) {
      process.stderr.write(`peel: ${oneLine(e.message)}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`peel: ${oneLine((e as Error).message)} (peel --help for usage)\n`);
      return 2;
    }
    if (process.env.PEEL_DEBUG) throw e;
    process.stderr.write(`peel: internal error: ${oneLine((e as Error).message)} (rerun with PEEL_DEBUG=1 for the stack)\n`);
    return 70;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
