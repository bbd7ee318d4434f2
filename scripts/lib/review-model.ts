/**
 * The review of one change, as data, and its verdict and Markdown. Pure:
 * scripts/review.ts gathers the measurements (git, equivalence, coverage,
 * mutation, ledger, roadmap at the base and now) and this decides and writes.
 */
import type { LayerName } from '../../src/legacy/layers.js';
import type { Ledger, LedgerEntry } from '../../src/shared/ledger.js';
import type { ModelName } from '../../src/shared/models.js';
import type { OpName } from '../../src/shared/world.js';
import { percent, ratio, type Ratio } from './coverage.js';
import { formatScore } from './mutation-summary.js';
import { exampleReproduce, type ExampleOutcome } from './review-examples.js';
import type { GroupDrop } from './review-glance.js';
import type { LayerRow } from './roadmap-model.js';

export interface EquivalenceResult {
  readonly label: string;
  readonly runs: number;
  readonly seed: number;
  readonly failed: boolean;
  /** The first difference and how to reproduce it, when failed. */
  readonly report: string;
  /** One line: the first differing step, or the invariant broken (when failed). */
  readonly difference: string;
  /** Where the shrunk failing scenario was saved, relative to the checkout. */
  readonly saved: string | null;
}

/** The recorded examples replayed now, and those that no longer replay. */
export interface ExampleSummary {
  readonly outcomes: readonly ExampleOutcome[];
  /** Replayed at the base, fail now. */
  readonly regressions: readonly ExampleOutcome[];
  /** Fail now, and failed at the base too or are new there. */
  readonly known: readonly ExampleOutcome[];
  /** The path prefixes the examples were limited to (--examples); empty: all of them. */
  readonly only?: readonly string[];
}

/** Ported or explained Glance test cases per layer (or use-case group), at the base and now. */
export interface GlanceGroupCount {
  readonly group: string;
  readonly base: number;
  readonly now: number;
}

export interface FileDelta {
  readonly file: string;
  readonly layer: LayerName | null;
  readonly functions: { readonly base: Ratio | null; readonly now: Ratio | null };
  readonly branches: { readonly base: Ratio | null; readonly now: Ratio | null };
  readonly mutation: { readonly base: number | null; readonly now: number | null; readonly measuredNow: string | null };
}

export interface LedgerChange {
  readonly id: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly summary: string;
}

export interface RowMove {
  /** A legacy layer, or the HTTP plumbing row. */
  readonly layer: LayerRow['layer'];
  readonly field: string;
  readonly base: string;
  readonly now: string;
}

export interface Review {
  readonly base: string;
  readonly baseCommit: string;
  readonly files: readonly string[];
  readonly layers: readonly LayerName[];
  readonly ops: readonly OpName[];
  readonly equivalence: readonly EquivalenceResult[];
  readonly coverageNote: string;
  readonly fileDeltas: readonly FileDelta[];
  readonly layerDeltas: ReadonlyArray<{ readonly layer: LayerName; readonly base: LayerRow | null; readonly now: LayerRow }>;
  readonly ledger: readonly LedgerChange[];
  readonly rowMoves: readonly RowMove[];
  readonly examples: ExampleSummary;
  readonly glance: { readonly groups: readonly GlanceGroupCount[]; readonly drops: readonly GroupDrop[] };
}

// ------------------------------------------------------------ comparisons

export function ledgerChanges(before: Ledger, after: Ledger): LedgerChange[] {
  const byId = (l: Ledger) => new Map(l.entries.map((e) => [e.id, e] as const));
  const a = byId(before);
  const b = byId(after);
  const out: LedgerChange[] = [];
  for (const [id, e] of b) {
    const old = a.get(id);
    if (!old) out.push({ id, change: 'added', summary: e.summary });
    else if (JSON.stringify(old) !== JSON.stringify(e)) out.push({ id, change: 'changed', summary: describeEntryChange(old, e) });
  }
  for (const [id, e] of a) if (!b.has(id)) out.push({ id, change: 'removed', summary: e.summary });
  return out;
}

function describeEntryChange(old: LedgerEntry, now: LedgerEntry): string {
  const fields = (Object.keys(now) as Array<keyof LedgerEntry>).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(now[k]));
  return `${now.summary} (changed: ${fields.join(', ')})`;
}

const rowFields: ReadonlyArray<readonly [string, (r: LayerRow) => string]> = [
  ['methods exercised', (r) => `${r.methods.covered}/${r.methods.total}`],
  ['functions', (r) => (r.functions ? percent(r.functions) : 'n/a')],
  ['branches', (r) => (r.branches ? percent(r.branches) : 'n/a')],
  ['mutation', (r) => formatScore(r.mutation?.score)],
  ['Glance tests', (r) => `${r.glance.ported}+${r.glance.notPorted}/${r.glance.cases}`],
  ['flat covers', (r) => (r.flat.covers === null ? 'n/a' : r.flat.covers ? 'yes' : `no (${r.flat.agreeing.length}/${r.flat.ops.length})`)],
  ['exit progress', (r) => `${Math.round(r.progress * 100)}%`],
];

export function rowMoves(base: readonly LayerRow[], now: readonly LayerRow[]): RowMove[] {
  const moves: RowMove[] = [];
  for (const row of now) {
    const old = base.find((b) => b.layer === row.layer);
    if (!old) continue;
    for (const [field, f] of rowFields) if (f(old) !== f(row)) moves.push({ layer: row.layer, field, base: f(old), now: f(row) });
  }
  return moves;
}

/** A drop is a lower ratio; equal or unmeasured on either side is not a drop. */
const dropped = (base: number | null | undefined, now: number | null | undefined) =>
  base !== null && base !== undefined && now !== null && now !== undefined && now < base - 1e-9;

/** One reason the review fails, with what to run to see it again. */
export interface ReviewFailure {
  readonly reason: string;
  /** The first differing step, the first case lost, or the measure that fell. */
  readonly difference: string;
  readonly reproduce: readonly string[];
  /** A file the review saved for it (a shrunk scenario). */
  readonly saved: string | null;
}

export interface Verdict {
  readonly ok: boolean;
  readonly reasons: readonly string[];
  readonly failures: readonly ReviewFailure[];
}

const replayCommand = (model: ModelName, file: string) => `npx tsx src/cli.ts replay --model ${model} ${file}`;

function equivalenceFailures(review: Review): ReviewFailure[] {
  return review.equivalence
    .filter((e) => e.failed)
    .map((e) => ({
      reason: `equivalence fails (${e.label})`,
      difference: e.difference,
      reproduce: e.saved ? [replayCommand('legacy', e.saved), replayCommand('flat', e.saved)] : [`npm run review -- --base ${review.base} --seed ${e.seed}`],
      saved: e.saved,
    }));
}

function exampleFailures(review: Review): ReviewFailure[] {
  return review.examples.regressions.map((o) => ({
    reason: `${o.file} no longer replays on the ${o.model} model`,
    difference: o.detail,
    reproduce: [exampleReproduce(o.model, o.file)],
    saved: null,
  }));
}

function glanceFailures(review: Review): ReviewFailure[] {
  return review.glance.drops.map((d) => {
    const files = d.files.map((f) => `${f.file}${f.deleted ? ' deleted' : `: ${f.base} → ${f.now}`}`).join('; ');
    const lost = d.files.flatMap((f) => f.lost);
    return {
      reason: `${d.group}: ported or explained Glance test cases dropped ${d.base} → ${d.now} (${files || 'cases moved out of the group'})`,
      difference: lost.length ? `first case lost: ${lost[0]}${lost.length > 1 ? ` (and ${lost.length - 1} more)` : ''}` : `${d.base - d.now} fewer cases`,
      reproduce: [...d.files.map((f) => `git diff ${review.base} -- ${f.file}`), 'npx vitest run test/verification/ported-tests.test.ts'],
      saved: null,
    };
  });
}

function measureFailures(review: Review): ReviewFailure[] {
  const out: ReviewFailure[] = [];
  const coverage = [`npm run review -- --base ${review.base}`];
  const fell = (reason: string, difference: string, reproduce: readonly string[]) => out.push({ reason, difference, reproduce, saved: null });
  for (const d of review.layerDeltas) {
    const b = d.base;
    if (!b) continue;
    if (b.functions && d.now.functions && dropped(ratio(b.functions), ratio(d.now.functions))) fell(`${d.layer}: function coverage dropped`, `functions ${percent(b.functions)} → ${percent(d.now.functions)}`, coverage);
    if (b.branches && d.now.branches && dropped(ratio(b.branches), ratio(d.now.branches))) fell(`${d.layer}: branch coverage dropped`, `branches ${percent(b.branches)} → ${percent(d.now.branches)}`, coverage);
    if (dropped(b.methods.total ? ratio(b.methods) : null, d.now.methods.total ? ratio(d.now.methods) : null)) {
      fell(`${d.layer}: methods exercised dropped`, `methods exercised ${b.methods.covered}/${b.methods.total} → ${d.now.methods.covered}/${d.now.methods.total}`, coverage);
    }
    if (dropped(b.mutation?.score, d.now.mutation?.score)) {
      fell(`${d.layer}: mutation score dropped`, `mutation ${formatScore(b.mutation?.score)} → ${formatScore(d.now.mutation?.score)}`, [`npm run mutation -- --layer ${d.layer.replace(/ /g, '-')}`]);
    }
  }
  for (const f of review.fileDeltas) {
    if (dropped(f.mutation.base, f.mutation.now)) fell(`${f.file}: mutation score dropped`, `mutation ${formatScore(f.mutation.base)} → ${formatScore(f.mutation.now)}`, [`npm run review -- --base ${review.base} --mutate`]);
  }
  return out;
}

export function verdict(review: Review): Verdict {
  const unique = <T extends { reason: string }>(xs: T[]) => xs.filter((x, i) => xs.findIndex((y) => y.reason === x.reason) === i);
  const [equivalence, examples, glance, measures] = [equivalenceFailures(review), exampleFailures(review), glanceFailures(review), unique(measureFailures(review))];
  const regressions = review.examples.regressions;
  const perModel = [...new Set(regressions.map((o) => o.model))].map((m) => `${m}: ${regressions.filter((o) => o.model === m).length}`).join(', ');
  // Examples are one reason in the verdict line, and one failure each below it.
  const reasons = [
    ...equivalence.map((f) => f.reason),
    ...(regressions.length ? [`${regressions.length} recorded example run(s) no longer replay (${perModel})`] : []),
    ...glance.map((f) => f.reason),
    ...measures.map((f) => f.reason),
  ];
  return { ok: reasons.length === 0, reasons, failures: [...equivalence, ...examples, ...glance, ...measures] };
}

/** The failures as plain text, for stderr: each with its first difference, saved file and commands. */
export function failureText(v: Verdict): string {
  return v.failures
    .map((f, i) => [`${i + 1}. ${f.reason}`, `   first difference: ${f.difference}`, ...(f.saved ? [`   saved: ${f.saved}`] : []), ...f.reproduce.map((c) => `   reproduce: ${c}`)].join('\n'))
    .join('\n');
}

// ---------------------------------------------------------------- Markdown

const r = (x: Ratio | null) => (x ? `${percent(x)} (${x.covered}/${x.total})` : 'n/a');
const arrow = (base: string, now: string) => (base === now ? now : `${base} → **${now}**`);

export function reviewMarkdown(review: Review, v: Verdict = verdict(review)): string {
  const out: string[] = [];
  out.push(`## glance-peel review: ${review.base} (${review.baseCommit}) → working tree`, '');
  out.push(
    v.ok
      ? `**Verdict: OK.** ${review.equivalence.length ? 'Equivalence holds' : 'Equivalence not checked (no generated scenarios asked for)'}, every recorded example that replayed at the base still replays, no layer lost ported Glance tests, and no touched layer lost coverage or mutation score.`
      : `**Verdict: changes needed.** ${v.reasons.join('; ')}.`,
    '',
  );
  if (v.failures.length) out.push(...failuresMarkdown(v.failures));

  out.push(`### Touched (${review.files.length} files)`, '');
  out.push(`- Layers: ${review.layers.length ? review.layers.join(', ') : 'none of the legacy layers'}`);
  out.push(`- Use cases (ops) the extra runs focus on: ${review.ops.length ? review.ops.map((o) => `\`${o}\``).join(', ') : 'none'}`);
  out.push('', '<details><summary>Files</summary>', '', ...review.files.map((f) => `- \`${f}\``), '', '</details>', '');

  out.push('### Equivalence', '');
  if (!review.equivalence.length) out.push('- Not run: no generated scenarios asked for (--runs 0 --focused 0).');
  else out.push('| run | scenarios | seed | result |', '|---|---:|---:|---|');
  for (const e of review.equivalence) out.push(`| ${e.label} | ${e.runs} | ${e.seed} | ${e.failed ? '❌ fails' : '✅ no difference'} |`);
  for (const e of review.equivalence.filter((x) => x.failed)) out.push('', `<details><summary>${e.label}: first difference</summary>`, '', '```', e.report.trim(), '```', '', '</details>');
  out.push('');

  out.push(...examplesMarkdown(review.examples), ...glanceMarkdown(review.glance.groups));

  out.push('### Coverage and mutation of the touched layers', '', `_${review.coverageNote}_`, '');
  if (review.layerDeltas.length) {
    out.push('| layer | methods exercised | functions | branches | mutation |', '|---|---:|---:|---:|---:|');
    for (const d of review.layerDeltas) {
      const b = d.base;
      out.push(
        `| ${d.layer} | ${arrow(b ? `${b.methods.covered}/${b.methods.total}` : 'n/a', `${d.now.methods.covered}/${d.now.methods.total}`)} | ${arrow(r(b?.functions ?? null), r(d.now.functions))} | ${arrow(r(b?.branches ?? null), r(d.now.branches))} | ${arrow(formatScore(b?.mutation?.score), formatScore(d.now.mutation?.score))} |`,
      );
    }
    out.push('');
  }
  const measured = review.fileDeltas.filter((f) => f.functions.now || f.functions.base || f.mutation.now !== null || f.mutation.base !== null);
  if (measured.length) {
    out.push('| touched file | functions | branches | mutation |', '|---|---:|---:|---:|');
    for (const f of measured) {
      const when = f.mutation.measuredNow ? ` (measured ${f.mutation.measuredNow.slice(0, 10)})` : '';
      out.push(`| \`${f.file}\` | ${arrow(r(f.functions.base), r(f.functions.now))} | ${arrow(r(f.branches.base), r(f.branches.now))} | ${arrow(formatScore(f.mutation.base), formatScore(f.mutation.now))}${when} |`);
    }
    out.push('');
  }

  out.push('### Divergence ledger', '');
  out.push(review.ledger.length ? review.ledger.map((l) => `- ${l.change}: \`${l.id}\` ${l.summary}`).join('\n') : '- No entry added, removed or changed.');
  out.push('', '### Roadmap rows that moved', '');
  if (review.rowMoves.length) {
    out.push('| layer | measure | base | now |', '|---|---|---:|---:|', ...review.rowMoves.map((m) => `| ${m.layer} | ${m.field} | ${m.base} | ${m.now} |`));
  } else out.push('- None.');
  out.push('', `_Reproduce: \`npm run review -- --base ${review.base}\`._`);
  return out.join('\n') + '\n';
}

function failuresMarkdown(failures: readonly ReviewFailure[]): string[] {
  const out = [`### Failures (${failures.length})`, ''];
  failures.forEach((f, i) => {
    out.push(`${i + 1}. **${f.reason}**`, `   - first difference: \`${f.difference.replace(/`/g, "'")}\``);
    if (f.saved) out.push(`   - saved: \`${f.saved}\``);
    out.push(`   - reproduce: ${f.reproduce.map((c) => `\`${c}\``).join(' and ')}`);
  });
  out.push('');
  return out;
}

function examplesMarkdown(examples: ExampleSummary): string[] {
  const out = ['### Recorded examples', ''];
  if (examples.only?.length) out.push(`_Only the examples under ${examples.only.map((p) => `\`${p}\``).join(', ')} (--examples): not a verdict to merge on._`, '');
  out.push('| model | format | replay identically | fail, and failed at the base or are new | no longer replay |', '|---|---|---:|---:|---:|');
  const key = (o: ExampleOutcome) => `${o.model} ${o.format ?? '?'}`;
  const rows = [...new Set(examples.outcomes.map(key))];
  for (const row of rows) {
    const mine = examples.outcomes.filter((o) => key(o) === row);
    const [model, format] = row.split(' ');
    if (mine.every((o) => o.result === 'unanswered')) {
      out.push(`| ${model} | ${format} | not answered: \`peel replay\` refuses this format on this model (${mine.length} example${mine.length === 1 ? '' : 's'}) | | |`);
      continue;
    }
    const count = (xs: readonly ExampleOutcome[]) => xs.filter((o) => key(o) === row).length;
    const ok = mine.filter((o) => o.result === 'ok').length;
    out.push(`| ${model} | ${format} | ${ok} of ${mine.length} | ${count(examples.known)} | ${count(examples.regressions) ? `**${count(examples.regressions)}**` : 0} |`);
  }
  if (examples.known.length) {
    out.push('', '<details><summary>Examples that fail now and did not replay at the base either (not judged)</summary>', '');
    for (const o of examples.known) out.push(`- ${o.model}: \`${o.file}\`: ${o.detail}`);
    out.push('', '</details>');
  }
  out.push('');
  return out;
}

function glanceMarkdown(groups: readonly GlanceGroupCount[]): string[] {
  const out = ['### Ported Glance tests', ''];
  const moved = groups.filter((g) => g.base !== g.now);
  const total = groups.reduce((a, g) => a + g.now, 0);
  if (!moved.length) return [...out, `- No layer gained or lost ported or explained Glance test cases (${total} in all).`, ''];
  out.push('| layer | ported or explained at the base | now |', '|---|---:|---:|');
  for (const g of moved) out.push(`| ${g.group} | ${g.base} | ${g.now < g.base ? `**${g.now}**` : g.now} |`);
  out.push('');
  return out;
}
