/**
 * The roadmap in three forms: a terminal table, the Markdown table written
 * into ROADMAP.md between the roadmap-status markers, and a self-contained
 * HTML page with a progress bar per layer.
 */
import { percent } from './coverage.js';
import { formatScore } from './mutation-summary.js';
import type { LayerRow, Roadmap } from './roadmap-model.js';

const dash = '–';
const ratioText = (r: { covered: number; total: number } | null) => (r ? `${r.covered}/${r.total} (${percent(r)})` : dash);
const mutationText = (row: LayerRow) => (row.mutation ? `${formatScore(row.mutation.score)} (${row.mutation.measuredAt.slice(0, 10)})` : 'not measured');
const glanceText = (row: LayerRow) => `${row.glance.ported}+${row.glance.notPorted}/${row.glance.cases}`;
const flatText = (row: LayerRow) =>
  row.flat.covers === null ? dash : row.flat.covers ? 'yes' : `no (${row.flat.agreeing.length}/${row.flat.ops.length} ops agree)`;
const progressText = (row: LayerRow) => `${Math.round(row.progress * 100)}%${row.done ? ' done' : ''}`;

const COLUMNS: ReadonlyArray<readonly [string, (row: LayerRow) => string]> = [
  ['layer', (r) => r.label ?? r.layer],
  ['classes', (r) => String(r.classes)],
  ['methods exercised', (r) => ratioText(r.methods)],
  ['functions', (r) => ratioText(r.functions)],
  ['branches', (r) => ratioText(r.branches)],
  ['mutation', mutationText],
  ['Glance tests (ported+explained/cases)', glanceText],
  ['flat covers', flatText],
  ['exit progress', progressText],
];

function measuredLine(roadmap: Roadmap): string {
  const c = roadmap.coverage;
  if (!c) return 'Coverage not measured: run `npm run coverage:equivalence`.';
  return `Coverage of ${c.runs} generated scenarios (seed ${c.seed}, ${c.agreeing} agreeing end to end) measured ${c.measuredAt.slice(0, 16).replace('T', ' ')} UTC at ${c.commit}${c.fresh ? '' : ' (stale: sources changed since)'}.`;
}

/** The layer rows, then each layer's metadata definitions part. */
const allRows = (roadmap: Roadmap): readonly LayerRow[] => [...roadmap.layers, ...(roadmap.metadefs ?? [])];

export function terminalTable(roadmap: Roadmap): string {
  const rows = allRows(roadmap).map((r) => COLUMNS.map(([, f]) => f(r)));
  const headers = COLUMNS.map(([h]) => h);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', measuredLine(roadmap), `Cycle 1 ${roadmap.cycle1Done ? 'done' : 'not done'}; ledger: ${roadmap.ledger.length} deliberate difference(s).`].join('\n');
}

export function markdownStatus(roadmap: Roadmap): string {
  const head = `| ${COLUMNS.map(([h]) => h).join(' | ')} |`;
  const sep = `|${COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`;
  const rows = allRows(roadmap).map((r) => `| ${COLUMNS.map(([, f]) => f(r)).join(' | ')} |`);
  const ledger = roadmap.ledger.length
    ? roadmap.ledger.map((e) => `- \`${e.id}\`: ${e.summary} (${e.right} is right; ${e.scenario})`).join('\n')
    : '- The divergence ledger is empty: the comparison ignores nothing.';
  return [`_${measuredLine(roadmap)} Written by \`npm run roadmap\` at ${roadmap.commit}._`, '', head, sep, ...rows, '', ledger].join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function layerCard(row: LayerRow): string {
  const criteria = row.criteria
    .map((c) => {
      const width = Math.round(Math.min(1, (c.value ?? 0) / c.target) * 100);
      return `<li class="${c.met ? 'met' : 'open'}"><span class="mark">${c.met ? '✔' : '✘'}</span> <b>${escapeHtml(c.name)}</b>: ${escapeHtml(c.text)}<div class="mini"><div style="width:${width}%"></div></div></li>`;
    })
    .join('');
  const unexercised = row.unexercised.length
    ? `<details><summary>${row.unexercised.length} methods the generated runs never call</summary><ul class="small">${row.unexercised.map((u) => `<li><code>${escapeHtml(u)}</code></li>`).join('')}</ul></details>`
    : '';
  const flat = row.flat.disagreeing.length || row.flat.unseen.length
    ? `<p class="small">ops disagreeing: ${escapeHtml(row.flat.disagreeing.join(', ') || 'none')}; never sampled: ${escapeHtml(row.flat.unseen.join(', ') || 'none')}</p>`
    : '';
  const pctDone = Math.round(row.progress * 100);
  return `<section class="layer${row.done ? ' done' : ''}">
<h2>${escapeHtml(row.label ?? row.layer)} <span class="pct">${pctDone}%</span></h2>
<div class="bar" title="progress toward the exit criteria"><div style="width:${pctDone}%"></div></div>
<p class="small">${row.files.map((f) => `<code>${escapeHtml(f)}</code>`).join(' ')} · ${row.classes} classes · ${row.methods.total} methods</p>
<ul class="criteria">${criteria}</ul>${flat}${unexercised}
</section>`;
}

export function htmlReport(roadmap: Roadmap): string {
  const table = `<table><thead><tr>${COLUMNS.map(([h]) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${allRows(roadmap)
    .map((r) => `<tr>${COLUMNS.map(([, f], i) => (i === COLUMNS.length - 1 ? `<td><div class="bar inline"><div style="width:${Math.round(r.progress * 100)}%"></div></div> ${escapeHtml(f(r))}</td>` : `<td>${escapeHtml(f(r))}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const ledger = roadmap.ledger.length
    ? `<ul>${roadmap.ledger.map((e) => `<li><code>${escapeHtml(e.id)}</code> ${escapeHtml(e.summary)} (<b>${escapeHtml(e.right)}</b> is right; <code>${escapeHtml(e.scenario)}</code>)</li>`).join('')}</ul>`
    : '<p>The divergence ledger is empty: the equivalence comparison ignores nothing.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>glance-peel roadmap</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1150px;color:#1d2430;background:#fafbfc;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 6px;display:flex;justify-content:space-between}
.meta{color:#596273;margin:0 0 16px}
table{border-collapse:collapse;width:100%;background:#fff;margin:12px 0 20px;font-size:12.5px}
th,td{border:1px solid #dde2ea;padding:5px 7px;text-align:left;vertical-align:middle}th{background:#eef1f6}
.bar{background:#e4e8ef;border-radius:6px;height:12px;overflow:hidden}.bar>div{background:linear-gradient(90deg,#e0a030,#3fa36b);height:100%}
.bar.inline{display:inline-block;width:70px;height:9px;vertical-align:middle}
.layers{display:grid;grid-template-columns:repeat(2,1fr);gap:14px}
.layer{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:12px 14px}.layer.done{border-color:#3fa36b}
.pct{color:#596273;font-weight:normal}
.criteria{list-style:none;padding:0;margin:8px 0}.criteria li{margin:5px 0}
.mark{display:inline-block;width:16px}.met .mark{color:#2c8a55}.open .mark{color:#c0392b}
.mini{background:#eef1f6;height:4px;border-radius:2px;margin:2px 0 0 20px}.mini>div{background:#7aa7d9;height:100%;border-radius:2px}
.small{font-size:12px;color:#4a5363}code{font-size:11.5px;background:#f1f3f7;padding:0 3px;border-radius:3px}
details summary{cursor:pointer;font-size:12px;color:#35507a}
</style></head><body>
<h1>glance-peel roadmap: how close each legacy layer is to removal</h1>
<p class="meta">${escapeHtml(measuredLine(roadmap))} Generated ${escapeHtml(roadmap.generatedAt.slice(0, 16).replace('T', ' '))} UTC at ${escapeHtml(roadmap.commit)}. Cycle 1 ${roadmap.cycle1Done ? '<b>done</b>' : 'not done'}.</p>
${table}
<div class="layers">${allRows(roadmap).map(layerCard).join('\n')}</div>
<h2 style="margin-top:20px">Divergence ledger</h2>${ledger}
<p class="small">Methods exercised and branches: c8 (V8) coverage of the fixed-seed generated scenarios only, run on both models. Mutation: StrykerJS with the equivalence suite as the only tests (reports-summary/mutation.json). Flat covers: every op the layer takes part in agreed on every sampled step, and the layer was reached. Thresholds and why: ROADMAP.md.</p>
</body></html>
`;
}
