/**
 * What the roadmap leaves out of its ratios, and why, from two committed
 * files a person writes after reading the code:
 *
 * - reports-summary/unreachable-methods.json: legacy methods no request can
 *   reach (v1-only helpers, code Glance's own tests call, task execution
 *   the API never starts). They are neither exercised nor missing: the
 *   methods criterion is taken over the others. An entry whose method the
 *   generated runs did call is wrong, and the roadmap says so.
 * - reports-summary/mutants-explained.json: surviving mutants no input can
 *   kill (equivalent mutants, code unreachable over HTTP). They are left
 *   out of the score's denominator. Each is recognised by file, mutator,
 *   the original text and its replacement (and the line, when the same
 *   change is possible at several places); an entry that matches no
 *   survivor any more is reported as stale.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { FileScore, Survivor, TargetScore } from './mutation-summary.js';

export const UNREACHABLE_PATH = 'reports-summary/unreachable-methods.json';
export const EXPLAINED_MUTANTS_PATH = 'reports-summary/mutants-explained.json';
/**
 * More hand-written entries, one file per area (`policy.json`,
 * `domain-compat.json`, ...), in the same format: several people triage
 * survivors at once without rewriting one shared file, and
 * `--explain-unreachable` rewrites only the main file.
 */
export const EXPLAINED_MUTANTS_DIR = 'reports-summary/mutants-explained';

export interface UnreachableMethod {
  /** The file under src/legacy/, e.g. `authorization.ts`. */
  readonly file: string;
  /** The inventory's label, e.g. `ImageFactoryProxy.new_image` or `get TaskProxy.result`. */
  readonly method: string;
  readonly reason: string;
}

export interface ExplainedMutant {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  /** Where it was when explained: chooses between identical changes at several places. */
  readonly line?: number;
  readonly reason: string;
}

export interface Explanations {
  readonly unreachable: readonly UnreachableMethod[];
  readonly mutants: readonly ExplainedMutant[];
}

export const NO_EXPLANATIONS: Explanations = { unreachable: [], mutants: [] };

function readList<T>(path: string, format: string, key: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const parsed = JSON.parse(text) as Record<string, unknown>;
  if (parsed['format'] !== format || !Array.isArray(parsed[key])) throw new Error(`${path}: expected {"format": "${format}", "${key}": [...]}`);
  return parsed[key] as T[];
}

const readExplained = (path: string) => readList<ExplainedMutant>(path, 'peel-mutants-explained/1', 'mutants');

/** The entries of the main file only: what `--explain-unreachable` rewrites. */
export function loadMainExplained(root: string): ExplainedMutant[] {
  return readExplained(`${root}/${EXPLAINED_MUTANTS_PATH}`);
}

function areaFiles(root: string): string[] {
  const dir = `${root}/${EXPLAINED_MUTANTS_DIR}`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => `${dir}/${f}`);
}

export function loadExplanations(root: string): Explanations {
  return {
    unreachable: readList<UnreachableMethod>(`${root}/${UNREACHABLE_PATH}`, 'peel-unreachable-methods/1', 'methods'),
    mutants: [...loadMainExplained(root), ...areaFiles(root).flatMap(readExplained)],
  };
}

const sameChange = (e: ExplainedMutant, s: Survivor) => e.mutator === s.mutator && e.original === s.original && e.replacement === s.replacement;

/**
 * Which survivors of a file the entries explain: each entry explains one
 * survivor (the one on its line if there is one, else the first
 * unexplained with the same change); the entries that found none are stale.
 */
export function matchExplained(file: string, survivors: readonly Survivor[], entries: readonly ExplainedMutant[]): { explained: Survivor[]; stale: ExplainedMutant[] } {
  const taken = new Set<Survivor>();
  const stale: ExplainedMutant[] = [];
  const mine = entries.filter((e) => e.file === file);
  // Entries with a line first, so an entry without one cannot take their survivor.
  for (const e of [...mine.filter((x) => x.line !== undefined), ...mine.filter((x) => x.line === undefined)]) {
    const candidates = survivors.filter((s) => !taken.has(s) && sameChange(e, s));
    const pick = candidates.find((s) => s.line === e.line) ?? candidates[0];
    if (pick) taken.add(pick);
    else stale.push(e);
  }
  return { explained: survivors.filter((s) => taken.has(s)), stale };
}

export interface ExplainedScore {
  readonly score: number | null;
  readonly killed: number;
  readonly valid: number;
  readonly explained: number;
  readonly stale: readonly ExplainedMutant[];
}

/** A file's score with its explained survivors left out. */
export function explainedFileScore(file: string, f: FileScore, entries: readonly ExplainedMutant[]): ExplainedScore {
  const { explained, stale } = matchExplained(file, f.survivors ?? [], entries);
  const killed = f.killed + f.timeout;
  const valid = f.valid - explained.length;
  return { score: f.valid === 0 ? null : valid === 0 ? 1 : killed / valid, killed, valid, explained: explained.length, stale };
}

/** A target's score over all its files, explained survivors left out. */
export function explainedTargetScore(t: TargetScore, entries: readonly ExplainedMutant[]): ExplainedScore & { readonly files: Record<string, ExplainedScore> } {
  const files = Object.fromEntries(Object.entries(t.files).map(([file, f]) => [file, explainedFileScore(file, f, entries)]));
  const all = Object.values(files);
  const killed = all.reduce((a, f) => a + f.killed, 0);
  const valid = all.reduce((a, f) => a + f.valid, 0);
  const explained = all.reduce((a, f) => a + f.explained, 0);
  return { score: valid === 0 ? (explained > 0 ? 1 : null) : killed / valid, killed, valid, explained, stale: all.flatMap((f) => f.stale), files };
}
