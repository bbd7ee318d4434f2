/**
 * The review of one change, as data, and its verdict and Markdown. Pure:
 * scripts/review.ts gathers the measurements (git, equivalence, coverage,
 * mutation, ledger, roadmap at the base and now) and this decides and writes.
 */
import type { LayerName } from '../../src/legacy/layers.js';
import type { Ledger, LedgerEntry } from '../../src/shared/ledger.js';
import type { OpName } from '../../src/shared/world.js';
import { percent, ratio, type Ratio } from './coverage.js';
import { formatScore } from './mutation-summary.js';
import type { LayerRow } from './roadmap-model.js';

export interface EquivalenceResult {
  readonly label: string;
  readonly runs: number;
  readonly seed: number;
  readonly failed: boolean;
  /** The first difference and how to reproduce it, when failed. */
  readonly report: string;
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
  readonly layer: LayerName;
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

export interface Verdict {
  readonly ok: boolean;
  readonly reasons: readonly string[];
}

export function verdict(review: Review): Verdict {
  const reasons: string[] = [];
  for (const e of review.equivalence) if (e.failed) reasons.push(`equivalence fails (${e.label})`);
  for (const d of review.layerDeltas) {
    if (!d.base) continue;
    if (d.base.functions && d.now.functions && dropped(ratio(d.base.functions), ratio(d.now.functions))) reasons.push(`${d.layer}: function coverage dropped`);
    if (d.base.branches && d.now.branches && dropped(ratio(d.base.branches), ratio(d.now.branches))) reasons.push(`${d.layer}: branch coverage dropped`);
    if (dropped(d.base.methods.total ? ratio(d.base.methods) : null, d.now.methods.total ? ratio(d.now.methods) : null)) reasons.push(`${d.layer}: methods exercised dropped`);
    if (dropped(d.base.mutation?.score, d.now.mutation?.score)) reasons.push(`${d.layer}: mutation score dropped`);
  }
  for (const f of review.fileDeltas) if (dropped(f.mutation.base, f.mutation.now)) reasons.push(`${f.file}: mutation score dropped`);
  return { ok: reasons.length === 0, reasons: [...new Set(reasons)] };
}

// ---------------------------------------------------------------- Markdown

const r = (x: Ratio | null) => (x ? `${percent(x)} (${x.covered}/${x.total})` : 'n/a');
const arrow = (base: string, now: string) => (base === now ? now : `${base} → **${now}**`);

export function reviewMarkdown(review: Review, v: Verdict = verdict(review)): string {
  const out: string[] = [];
  out.push(`## glance-peel review: ${review.base} (${review.baseCommit}) → working tree`, '');
  out.push(v.ok ? '**Verdict: OK.** Equivalence holds and no touched layer lost coverage or mutation score.' : `**Verdict: changes needed.** ${v.reasons.join('; ')}.`, '');

  out.push(`### Touched (${review.files.length} files)`, '');
  out.push(`- Layers: ${review.layers.length ? review.layers.join(', ') : 'none of the legacy layers'}`);
  out.push(`- Use cases (ops) the extra runs focus on: ${review.ops.length ? review.ops.map((o) => `\`${o}\``).join(', ') : 'none'}`);
  out.push('', '<details><summary>Files</summary>', '', ...review.files.map((f) => `- \`${f}\``), '', '</details>', '');

  out.push('### Equivalence', '', '| run | scenarios | seed | result |', '|---|---:|---:|---|');
  for (const e of review.equivalence) out.push(`| ${e.label} | ${e.runs} | ${e.seed} | ${e.failed ? '❌ fails' : '✅ no difference'} |`);
  for (const e of review.equivalence.filter((x) => x.failed)) out.push('', `<details><summary>${e.label}: first difference</summary>`, '', '```', e.report.trim(), '```', '', '</details>');
  out.push('');

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
