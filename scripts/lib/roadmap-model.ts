/**
 * The roadmap's judgement of one legacy layer, from measurements only:
 * which of its methods the generated runs exercise, its function and branch
 * coverage, its mutation score, the Glance tests ported for it, and whether
 * the flat model covers the behaviour it decides. Pure: the numbers come in,
 * the row goes out, so the aggregation is testable on a fixture.
 */
import { HTTP_PLUMBING, METADEF_CLASSES, type LayerName } from '../../src/legacy/layers.js';
import { METADEF_ACTIONS } from '../../src/domain/metadefs/http.js';
import { addRatios, ratio, type CoverageSummary, type FileCoverage, type Ratio } from './coverage.js';
import { callableLabel, type Callable, type LayerInventory } from './inventory.js';
import { HTTP_PLUMBING_GLANCE_TESTS, HTTP_PLUMBING_OPS, LAYER_GLANCE_TESTS, LAYER_OPS, METADEF_GLANCE_TESTS } from './layer-map.js';
import { inRanges, type LineRange } from './metadef-sections.js';
import { layerTarget, metadefTarget, type MutationSummary } from './mutation-summary.js';
import { explainedFileScore, explainedTargetScore, NO_EXPLANATIONS, type Explanations, type UnreachableMethod } from './roadmap-explained.js';

/**
 * Cycle 1 exit thresholds (ROADMAP.md says why these numbers). The
 * mutation score is judged per legacy layer (80%, issue 10) and, for the
 * flat model that replaces them, per file of src/domain (85%, issue 5.9).
 */
export const THRESHOLDS = {
  methodsExercised: 0.9,
  branches: 0.8,
  mutation: 0.8,
  flatMutationPerFile: 0.85,
  glanceAccounted: 1,
  flatOps: 1,
} as const;

/** A row's name: a legacy layer, or the HTTP plumbing in front of the onion. */
export type RowLayer = LayerName | typeof HTTP_PLUMBING.name;

export interface GlanceFileStatus {
  readonly file: string;
  readonly cases: number;
  readonly ported: number;
  readonly notPorted: number;
  readonly missing: number;
}

export interface Criterion {
  readonly name: string;
  /** Measured value in [0, 1], or null when not measured. */
  readonly value: number | null;
  readonly target: number;
  readonly met: boolean;
  readonly text: string;
}

export interface LayerRow {
  readonly layer: RowLayer;
  /** What the row judges when not the whole layer: its metadef classes ("db · metadefs"). */
  readonly label?: string;
  readonly files: readonly string[];
  readonly classes: number;
  /** Methods exercised over the methods a request can reach (the unreachable ones left out). */
  readonly methods: Ratio;
  readonly unexercised: readonly string[];
  /** Methods no request can reach, with the reason (reports-summary/unreachable-methods.json); older roadmaps have none. */
  readonly unreachable?: ReadonlyArray<{ readonly method: string; readonly reason: string }>;
  /** Entries of that file whose method the generated runs did call: wrong, so counted as ordinary methods. */
  readonly reachedAnyway?: readonly string[];
  readonly functions: Ratio | null;
  readonly branches: Ratio | null;
  /** The score with explained survivors left out of its denominator (`explained` of them). */
  readonly mutation: { readonly score: number | null; readonly measuredAt: string; readonly commit: string; readonly explained?: number; readonly seconds?: number } | null;
  readonly glance: { readonly files: readonly GlanceFileStatus[]; readonly cases: number; readonly ported: number; readonly notPorted: number; readonly missing: number };
  /** The ops (format 1) or metadef actions (format 2) whose answer the row's code decides. */
  readonly flat: { readonly ops: readonly string[]; readonly agreeing: readonly string[]; readonly disagreeing: readonly string[]; readonly unseen: readonly string[]; readonly covers: boolean | null };
  readonly criteria: readonly Criterion[];
  /** Mean progress toward each criterion, in [0, 1]. */
  readonly progress: number;
  readonly done: boolean;
}

/** Whether a callable ran: the coverage function starting on its line was called. */
export function callableCalls(callable: Callable, file: FileCoverage | undefined): number | null {
  if (!file) return null;
  const onLine = file.fns.filter((f) => f.line === callable.line);
  if (onLine.length === 0) return file.unnamed?.find(([line]) => line === callable.line)?.[1] ?? null;
  return Math.max(...onLine.map((f) => f.calls));
}

function criterion(name: string, value: number | null, target: number, text: string): Criterion {
  return { name, value, target, met: value !== null && value >= target, text };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** What one row judges: its code, its measured coverage, and what characterizes it. */
interface RowSpec {
  readonly layer: RowLayer;
  readonly label: string;
  readonly files: readonly string[];
  readonly classes: number;
  readonly callables: readonly Callable[];
  readonly functions: Ratio | null;
  readonly branches: Ratio | null;
  readonly mutationKey: string;
  readonly glanceFiles: readonly string[];
  readonly ops: readonly string[];
}

export function layerRow(
  inventory: LayerInventory, coverage: CoverageSummary | null, mutation: MutationSummary, glance: readonly GlanceFileStatus[], explanations: Explanations = NO_EXPLANATIONS,
): LayerRow {
  const covs = inventory.files.map((f) => coverage?.files[f]).filter((c): c is FileCoverage => c !== undefined);
  const plumbing = inventory.layer === HTTP_PLUMBING.name;
  return judgeRow({
    layer: inventory.layer, label: inventory.layer, files: inventory.files, classes: inventory.classes.length, callables: inventory.callables,
    functions: coverage ? addRatios(covs.map((c) => c.functions)) : null,
    branches: coverage ? addRatios(covs.map((c) => c.branches)) : null,
    mutationKey: layerTarget(inventory.layer),
    glanceFiles: plumbing ? HTTP_PLUMBING_GLANCE_TESTS : LAYER_GLANCE_TESTS[inventory.layer as LayerName],
    ops: plumbing ? HTTP_PLUMBING_OPS : LAYER_OPS[inventory.layer as LayerName],
  }, coverage, mutation, glance, explanations);
}

/**
 * A layer's metadata definitions part: the callables, functions and
 * branches inside its metadef ranges (whole metadef files, the metadefs
 * section of shared ones), its metadef mutation target, the Glance tests
 * of its metadef classes, and the metadef actions of the HTTP runs.
 */
export function metadefRow(
  inventory: LayerInventory, ranges: ReadonlyMap<string, readonly LineRange[]>, coverage: CoverageSummary | null, mutation: MutationSummary,
  glance: readonly GlanceFileStatus[], explanations: Explanations = NO_EXPLANATIONS,
): LayerRow {
  const within = (file: string, line: number) => inRanges(ranges.get(file) ?? [], line);
  const files = inventory.files.filter((f) => ranges.has(f));
  const functions: Ratio[] = [];
  const branches: Ratio[] = [];
  for (const file of files) {
    const cov = coverage?.files[file];
    if (!cov) continue;
    const fns = cov.fns.filter((f) => within(file, f.line));
    functions.push({ total: fns.length, covered: fns.filter((f) => f.calls > 0).length });
    const lines = (cov.branchLines ?? []).filter(([line]) => within(file, line));
    branches.push({ total: lines.reduce((a, [, t]) => a + t, 0), covered: lines.reduce((a, [, , c]) => a + c, 0) });
  }
  return judgeRow({
    layer: inventory.layer, label: `${inventory.layer} · metadefs`, files, classes: METADEF_CLASSES[inventory.layer as LayerName]?.length ?? 0,
    callables: inventory.callables.filter((c) => within(c.file, c.line)),
    functions: coverage ? addRatios(functions) : null,
    branches: coverage && files.every((f) => coverage.files[f]?.branchLines !== undefined) ? addRatios(branches) : null,
    mutationKey: metadefTarget(inventory.layer), glanceFiles: METADEF_GLANCE_TESTS[inventory.layer as LayerName] ?? [], ops: METADEF_ACTIONS,
  }, coverage, mutation, glance, explanations);
}

/** The entry of the unreachable list that names a callable, if any. */
function unreachableEntry(c: Callable, entries: readonly UnreachableMethod[]): UnreachableMethod | undefined {
  const file = c.file.replace('src/legacy/', '');
  return entries.find((e) => e.file === file && e.method === callableLabel(c));
}

function judgeRow(spec: RowSpec, coverage: CoverageSummary | null, mutation: MutationSummary, glance: readonly GlanceFileStatus[], explanations: Explanations): LayerRow {
  const fileCov = (f: string) => coverage?.files[f];
  const exercised = spec.callables.filter((c) => (callableCalls(c, fileCov(c.file)) ?? 0) > 0);
  const where = (c: Callable) => `${c.file.replace('src/legacy/', '')}:${c.line} ${callableLabel(c)}`;
  // Listed as unreachable and indeed never called: out of the ratio. Listed but called: the list is wrong.
  const unreachable = spec.callables.filter((c) => !exercised.includes(c) && unreachableEntry(c, explanations.unreachable) !== undefined);
  const reachedAnyway = exercised.filter((c) => unreachableEntry(c, explanations.unreachable) !== undefined).map(where);
  const unexercised = spec.callables.filter((c) => !exercised.includes(c) && !unreachable.includes(c)).map(where);
  const methods = { total: spec.callables.length - unreachable.length, covered: exercised.length };
  const { functions, branches } = spec;

  const measured = mutation.targets[spec.mutationKey];
  const adjusted = measured ? explainedTargetScore(measured, explanations.mutants) : null;
  const mutationScore = measured && adjusted
    ? { score: adjusted.score, measuredAt: measured.measuredAt, commit: measured.commit, explained: adjusted.explained, seconds: measured.seconds }
    : null;

  const wanted = new Set(spec.glanceFiles);
  const files = glance.filter((g) => wanted.has(g.file));
  const sum = (f: (g: GlanceFileStatus) => number) => files.reduce((a, g) => a + f(g), 0);
  const glanceTotals = { files, cases: sum((g) => g.cases), ported: sum((g) => g.ported), notPorted: sum((g) => g.notPorted), missing: sum((g) => g.missing) };

  const { ops } = spec;
  const tally = (op: string) => coverage?.ops?.[op];
  const agreeing = ops.filter((op) => (tally(op)?.agreed ?? 0) > 0 && (tally(op)?.disagreed ?? 0) === 0);
  const disagreeing = ops.filter((op) => (tally(op)?.disagreed ?? 0) > 0);
  const unseen = ops.filter((op) => !agreeing.includes(op) && !disagreeing.includes(op));
  const reached = methods.covered > 0;
  const covers = coverage ? agreeing.length === ops.length && reached : null;
  const flatValue = coverage ? (reached ? agreeing.length / ops.length : 0) : null;

  const criteria = [
    criterion('methods exercised', coverage ? ratio(methods) : null, THRESHOLDS.methodsExercised, `${methods.covered}/${methods.total} reachable methods exercised, ${unreachable.length} unreachable (explained) left out (target ${pct(THRESHOLDS.methodsExercised)})`),
    criterion('branch coverage', branches ? ratio(branches) : null, THRESHOLDS.branches, branches ? `${branches.covered}/${branches.total} branches (target ${pct(THRESHOLDS.branches)})` : 'branches not measured'),
    criterion('mutation score', mutationScore?.score ?? null, THRESHOLDS.mutation, mutationScore?.score != null ? `mutation ${pct(mutationScore.score)}, ${mutationScore.explained ?? 0} explained survivors left out (target ${pct(THRESHOLDS.mutation)})` : 'mutation score not measured'),
    criterion('Glance tests accounted for', glanceTotals.cases ? (glanceTotals.ported + glanceTotals.notPorted) / glanceTotals.cases : 1, THRESHOLDS.glanceAccounted, `${glanceTotals.ported} ported + ${glanceTotals.notPorted} explained of ${glanceTotals.cases}`),
    criterion('flat model covers it', flatValue, THRESHOLDS.flatOps, coverage ? `${agreeing.length}/${ops.length} of its ops agree on every sampled step${reached ? '' : ', layer never reached'}` : 'not measured'),
  ];
  const progress = criteria.reduce((a, c) => a + Math.min(1, (c.value ?? 0) / c.target), 0) / criteria.length;
  return {
    layer: spec.layer,
    label: spec.label,
    files: spec.files,
    classes: spec.classes,
    methods,
    unexercised,
    unreachable: unreachable.map((c) => ({ method: where(c), reason: (unreachableEntry(c, explanations.unreachable) as UnreachableMethod).reason })),
    reachedAnyway,
    functions,
    branches,
    mutation: mutationScore,
    glance: glanceTotals,
    flat: { ops, agreeing, disagreeing, unseen, covers },
    criteria,
    progress,
    done: criteria.every((c) => c.met),
  };
}

/** src/domain's mutation score per file, judged against THRESHOLDS.flatMutationPerFile. */
export interface FlatMutation {
  readonly measuredAt: string;
  readonly commit: string;
  readonly seconds: number;
  readonly score: number | null;
  readonly files: ReadonlyArray<{ readonly file: string; readonly score: number | null; readonly valid: number; readonly explained: number; readonly met: boolean }>;
  readonly met: boolean;
}

export function flatMutation(mutation: MutationSummary, explanations: Explanations = NO_EXPLANATIONS): FlatMutation | null {
  const t = mutation.targets['domain'];
  if (!t) return null;
  const files = Object.entries(t.files).map(([file, f]) => {
    const s = explainedFileScore(file, f, explanations.mutants);
    return { file, score: s.score, valid: s.valid, explained: s.explained, met: s.score === null || s.score >= THRESHOLDS.flatMutationPerFile };
  });
  return { measuredAt: t.measuredAt, commit: t.commit, seconds: t.seconds, score: explainedTargetScore(t, explanations.mutants).score, files, met: files.every((f) => f.met) };
}

export interface Roadmap {
  readonly generatedAt: string;
  readonly commit: string;
  readonly coverage: { readonly measuredAt: string; readonly commit: string; readonly runs: number; readonly seed: number; readonly agreeing: number; readonly fresh: boolean } | null;
  readonly layers: readonly LayerRow[];
  /** Each layer's metadata definitions classes, judged apart (older roadmaps have none). */
  readonly metadefs?: readonly LayerRow[];
  readonly ledger: ReadonlyArray<{ readonly id: string; readonly summary: string; readonly right: string; readonly scenario: string }>;
  /** src/domain per file (older roadmaps have none). */
  readonly flatMutation?: FlatMutation | null;
  /** Entries of reports-summary/mutants-explained.json that match no surviving mutant any more. */
  readonly staleExplanations?: ReadonlyArray<{ readonly file: string; readonly line?: number; readonly mutator: string }>;
  /** What keeps cycle 1 open: each row's unmet criteria, and src/domain's files under their threshold. */
  readonly blockers?: readonly string[];
  readonly cycle1Done: boolean;
}
