/**
 * `npm run bench [-- --quick] [-- --out FILE] [-- --http]`: both models, same
 * run, same machine. Prints a Markdown report (throughput per use case, the
 * mixed workload, index latency as the database grows with SQLite's query
 * plans, lines of code, memory, generated HTTP scenarios replayed by both
 * models and by Glance 16.0.0) and whether the targets of issues 4 and 9
 * are met. `--http` runs the format-2 replay alone.
 * Progress goes to stderr, the report to stdout (and FILE).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadModel } from '../src/shared/models.js';
import type { Model } from '../src/shared/world.js';
import { HTTP_REPLAY_SEED, measureHttpReplay } from './http-replay.js';
import { measureIndexLatency, type LatencyRow, type LatencyRun } from './index-latency.js';
import type { PlanVerdict } from './query-log.js';
import { countTree } from './loc.js';
import { measureMemory, measureMemoryIsolated, type MemoryPeak } from './memory.js';
import { measureMixed } from './mixed.js';
import { mixedScript } from './mixed-workload.js';
import { measureUseCase } from './per-use-case.js';
import { FULL, QUICK, type BenchProfile } from './profile.js';
import { met, mib, num, ratio, table } from './report.js';
import { median, nowMs, type Rate, type Spent } from './timing.js';
import { USE_CASES } from './use-cases.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

interface Target {
  readonly name: string;
  readonly ok: boolean;
  readonly measured: string;
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty === '' ? sha : `${sha} (src/ has uncommitted changes)`;
  } catch {
    return 'unknown';
  }
}

function header(profile: BenchProfile): string {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return [
    `# glance-peel benchmark (${profile.name} run)`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cores} cores (nproc), ${cpus()[0]?.model ?? 'unknown cpu'}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)`,
    `- node: ${process.version}`,
    `- commit: ${gitCommit()}`,
  ].join('\n');
}

const NO_RATE = { wall: NaN, cpu: NaN };
const ms2 = (x: number): string => num(x, 2);
/** "cpu (wall)": the CPU figure leads, being what a loaded machine skews least. */
const both = (v: Spent | Rate, fmt: (x: number) => string): string => `${fmt(v.cpu)} (${fmt(v.wall)})`;
const bothRatio = (a: Spent | Rate, b: Spent | Rate): string => `${ratio(a.cpu, b.cpu)} (${ratio(a.wall, b.wall)})`;
const CPU_NOTE =
  'Each cell: per CPU time of this process (wall-clock time in brackets). Other work on a shared machine stretches wall time, not CPU time, so targets are judged on CPU time.';

function useCaseSection(models: readonly Model[], profile: BenchProfile, targets: Target[]): string {
  const rows = USE_CASES.map((uc) => {
    progress(`use case: ${uc.name}`);
    const r = measureUseCase(uc, models, profile.useCases);
    // Not a speed target: unless both models did the same work, the ratio means nothing.
    if (!r.sameStatuses || r.failedSteps > 0) targets.push({ name: `${uc.name}: same statuses, all 2xx`, ok: false, measured: `${r.failedSteps} non-2xx` });
    const [legacy = NO_RATE, flat = NO_RATE] = models.map((m) => r.opsPerSecond[m.name] ?? NO_RATE);
    const statements = models.map((m) => r.statementsPerOp[m.name] ?? NaN).join(' / ');
    return [uc.name, both(legacy, num), both(flat, num), bothRatio(flat, legacy), statements, r.sameStatuses ? 'yes' : 'NO', String(r.failedSteps)];
  });
  const o = profile.useCases;
  return [
    '## Throughput per use case (operations/s, median of rounds)',
    '',
    `Seeded state per model: ${o.perProject} images in each of 4 projects (properties, tags, data, accepted members), built through the use cases. ` +
      `${o.rounds} rounds after a warm-up; in each, both models run the same ${o.budget} operations (fewer for index and upload) in lockstep, taking turns operation by operation.`,
    '',
    table(['use case', 'legacy ops/s', 'flat ops/s', 'flat/legacy', 'SQL statements/op (legacy / flat)', 'same statuses', 'non-2xx'], rows),
    '',
    CPU_NOTE,
  ].join('\n');
}

function mixedSection(models: readonly Model[], profile: BenchProfile, targets: Target[]): string {
  progress(`mixed workload: ${profile.mixed.ops} requests x ${profile.mixedRounds} rounds`);
  const r = measureMixed(models, mixedScript(profile.mixed), profile.mixedRounds);
  const [legacy = NO_RATE, flat = NO_RATE] = models.map((m) => r.opsPerSecond[m.name] ?? NO_RATE);
  targets.push({ name: 'mixed workload: flat >= 2x legacy', ok: flat.cpu >= 2 * legacy.cpu, measured: bothRatio(flat, legacy) });
  if (!r.sameStatuses) targets.push({ name: 'mixed workload: same statuses on both models', ok: false, measured: 'differ' });
  const statuses = Object.entries(r.statusCounts).map(([s, n]) => `${s}: ${n}`).join(', ');
  return [
    '## Mixed workload (requests/s, median of rounds)',
    '',
    `${r.steps} requests on ${profile.mixed.images} images of ${profile.mixed.projects} projects: show, index (plain, filtered, sorted), ` +
      `PATCH, tag add/delete, create, member create/accept/index/delete, upload/download 4 KiB, delete. Answers: ${statuses}; ` +
      `same statuses on both models: ${r.sameStatuses ? 'yes' : 'NO'}.`,
    '',
    table(['workload', 'legacy req/s', 'flat req/s', 'flat/legacy'], [['mixed', both(legacy, num), both(flat, num), bothRatio(flat, legacy)]]),
    '',
    CPU_NOTE,
  ].join('\n');
}

function latencySection(models: readonly Model[], profile: BenchProfile, targets: Target[]): string {
  // A throwaway pass first: otherwise the smallest size, measured first, also pays for JIT warm-up.
  measureIndexLatency(models, profile.indexSizes[0] ?? 100, 3);
  const runs: LatencyRun[] = profile.indexSizes.map((n) => {
    progress(`index latency at ${n} images`);
    return measureIndexLatency(models, n, profile.indexReps);
  });
  const rows = runs.flatMap((run) => run.rows);
  const latency = table(
    ['images', 'query', 'legacy ms/page', 'flat ms/page', 'flat/legacy', 'items (legacy/flat)'],
    rows.map((r) => {
      const [legacy = NO_RATE, flat = NO_RATE] = models.map((m) => r.ms[m.name] ?? NO_RATE);
      return [String(r.images), r.query, both(legacy, ms2), both(flat, ms2), bothRatio(flat, legacy), models.map((m) => r.items[m.name]).join('/')];
    }),
  );
  return [
    '## Index latency: one page as the database grows (ms, median)',
    '',
    `Databases seeded by SQL in the shared schema (${runs.map((r) => `${r.seeded.images} images in ${(r.seedMs / 1000).toFixed(1)} s`).join('; ')}): ` +
      `images of 50 projects, mostly private, 15% shared with two members each, 10% public, 5% community; 3 properties and 2 tags each. ` +
      `The caller is a member of project p-0.`,
    '',
    latency,
    '',
    CPU_NOTE,
    '',
    growthTable(models, runs, targets),
    '',
    plansSection(models, runs[runs.length - 1]?.rows ?? []),
  ].join('\n');
}

function growthTable(models: readonly Model[], runs: readonly LatencyRun[], targets: Target[]): string {
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (first === undefined || last === undefined) return '';
  const rows = first.rows.flatMap((small, q) =>
    models.map((m) => {
      const a = small.ms[m.name] ?? NO_RATE;
      const b = last.rows[q]?.ms[m.name] ?? NO_RATE;
      const ok = b.cpu <= 3 * a.cpu;
      targets.push({ name: `index page at ${last.rows[q]?.images} within 3x of ${small.images} (${m.name}, ${small.query})`, ok, measured: bothRatio(b, a) });
      return [small.query, m.name, both(a, ms2), both(b, ms2), bothRatio(b, a), met(ok)];
    }),
  );
  return table(['query', 'model', `${first.rows[0]?.images} images ms`, `${last.rows[0]?.images} images ms`, 'growth', 'target <= 3x'], rows);
}

function plansSection(models: readonly Model[], rows: readonly LatencyRow[]): string {
  const parts = ['### How each model reads one page (largest database, EXPLAIN QUERY PLAN of the listing query)', ''];
  for (const row of rows) {
    for (const m of models) {
      const p = row.plans[m.name];
      if (p === undefined) continue;
      parts.push(`**${m.name}, ${row.query}**: ${p.queries} SQL statements for the page. ${describePlan(p.verdict)}`);
      parts.push('', '```sql', p.listing, '```', '```text', ...p.plan, '```', '');
    }
  }
  return parts.join('\n');
}

function describePlan(v: PlanVerdict): string {
  const walk = v.stopsAtLimit
    ? 'It walks an index in the sort order and stops after the page.'
    : 'It must read and sort every candidate row (USE TEMP B-TREE FOR ORDER BY) before the first row of the page comes back';
  if (v.stopsAtLimit) return walk;
  return v.everyRow ? `${walk}, and the candidates are every live image (\`${v.driver}\`): it reads every image for one page.` : `${walk}; the candidates are the rows the filter's index finds (\`${v.driver}\`), so the cost grows with the matches.`;
}

function locSection(targets: Target[]): string {
  const domain = countTree(`${ROOT}src/domain`);
  const legacy = countTree(`${ROOT}src/legacy`);
  targets.push({ name: 'src/domain <= 0.5 x src/legacy lines', ok: domain.lines <= 0.5 * legacy.lines, measured: ratio(domain.lines, legacy.lines) });
  return [
    '## Lines of code (non-blank, non-comment lines of .ts)',
    '',
    table(
      ['tree', 'files', 'lines'],
      [['src/legacy', String(legacy.files), String(legacy.lines)], ['src/domain', String(domain.files), String(domain.lines)], ['domain/legacy', '', ratio(domain.lines, legacy.lines)]],
    ),
  ].join('\n');
}

function memorySection(models: readonly Model[], profile: BenchProfile): string {
  progress(`memory of the mixed workload (${profile.memoryRuns > 0 ? `${profile.memoryRuns} child processes per model` : 'in process'})`);
  const peaks = models.map((m) => ({ model: m.name, peak: memoryOf(m, profile) }));
  const [legacy, flat] = peaks.map((p) => p.peak);
  const rows = peaks.map((p) => [p.model, mib(p.peak.rssDelta), mib(p.peak.heapDelta)]);
  if (legacy && flat) rows.push(['flat/legacy', ratio(flat.rssDelta, legacy.rssDelta), ratio(flat.heapDelta, legacy.heapDelta)]);
  return [
    '## Memory of the mixed workload (peak above the start, after a full GC)',
    '',
    profile.memoryRuns > 0 ? `Each model in its own process, median of ${profile.memoryRuns} runs.` : 'Measured in this process (quick run): order-dependent, indicative only.',
    '',
    table(['model', 'peak RSS delta', 'peak heap delta'], rows),
  ].join('\n');
}

function memoryOf(model: Model, profile: BenchProfile): MemoryPeak {
  const runs: MemoryPeak[] = [];
  for (let i = 0; i < profile.memoryRuns; i++) {
    const peak = measureMemoryIsolated(model.name, profile.mixed);
    if (peak !== undefined) runs.push(peak);
  }
  if (runs.length === 0) runs.push(measureMemory(model, mixedScript(profile.mixed)));
  return { rssDelta: median(runs.map((r) => r.rssDelta)), heapDelta: median(runs.map((r) => r.heapDelta)) };
}

function httpReplaySection(models: readonly Model[], profile: BenchProfile, targets: Target[]): string {
  const r = measureHttpReplay(models, profile.httpReplay, progress);
  const [legacy = NO_RATE, flat = NO_RATE] = models.map((m) => r.perSecond[m.name] ?? NO_RATE);
  targets.push({ name: 'format 2 replay: flat >= 2x legacy', ok: flat.cpu >= 2 * legacy.cpu, measured: bothRatio(flat, legacy) });
  const rows = [
    ['legacy', both(legacy, num), both({ wall: (legacy.wall * r.steps) / r.scenarios, cpu: (legacy.cpu * r.steps) / r.scenarios }, num)],
    ['flat', both(flat, num), both({ wall: (flat.wall * r.steps) / r.scenarios, cpu: (flat.cpu * r.steps) / r.scenarios }, num)],
  ];
  const ratios = [['flat/legacy', bothRatio(flat, legacy)]];
  let glanceNote: string;
  if ('unmeasured' in r.glance) {
    glanceNote = `Glance 16.0.0 not measured: ${r.glance.unmeasured}.`;
    targets.push({ name: 'format 2 replay: both models >= 10x Glance 16.0.0', ok: false, measured: 'not measured' });
  } else {
    const g = r.glance;
    rows.push(['Glance 16.0.0 (reference runner)', `${num(g.cpu)} (${num(g.printed)})`, `${num((g.cpu * r.steps) / r.scenarios)} (${num((g.printed * r.steps) / r.scenarios)})`]);
    for (const [name, rate] of [['legacy', legacy], ['flat', flat]] as const) {
      ratios.push([`${name}/Glance`, `${ratio(rate.cpu, g.cpu)} (${ratio(rate.wall, g.printed)})`]);
      targets.push({ name: `format 2 replay: ${name} >= 10x Glance 16.0.0`, ok: rate.cpu >= 10 * g.cpu, measured: `${ratio(rate.cpu, g.cpu)} (${ratio(rate.wall, g.printed)})` });
    }
    glanceNote =
      `Glance: the reference runner (shared/oracle/run.py, sqlite db) on the same files from a temp directory; its CPU time from the shell's \`times\`, less that of a run of one empty scenario (interpreter start-up and imports), its wall-clock rate as it prints it. ` +
      `Its traces are the legacy model's, byte for byte, on ${g.agreeing} of ${r.scenarios} scenarios. ` +
      `${r.left} generated scenario(s) it could not record (reported invalid, or stopping the runner) are left out for every replayer.`;
  }
  return [
    '## Format 2: generated HTTP scenarios replayed (scenarios/s, median of rounds)',
    '',
    `${r.scenarios} generated HTTP scenarios (seed ${HTTP_REPLAY_SEED}, those that resolve; ${r.steps} steps, ${num(r.steps / Math.max(1, r.scenarios))} per scenario), ` +
      `the kind the equivalence soak checks. Each model replays them as \`peel replay\` does (fresh world, every request through its HTTP entry, the trace normalised and written as text), ` +
      `both models in lockstep scenario by scenario, ${profile.httpReplay.rounds} round(s).`,
    '',
    table(['replayer', 'scenarios/s', 'steps/s'], rows),
    '',
    table(['ratio', 'CPU (wall)'], ratios),
    '',
    CPU_NOTE,
    glanceNote,
  ].join('\n');
}

function targetSection(targets: readonly Target[]): string {
  return ['## Targets (issues 4 and 9)', '', table(['target', 'measured', 'status'], targets.map((t) => [t.name, t.measured, met(t.ok)]), ['l', 'r', 'l'])].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { quick: { type: 'boolean' }, out: { type: 'string' }, serve: { type: 'boolean' }, http: { type: 'boolean' } },
  });
  if (values.serve) {
    // `--serve`: only peel serve under load, over real sockets (bench/serve-load.ts).
    const report = await (await import('./serve-load.js')).serveLoadSection(values.quick ?? false, progress);
    process.stdout.write(report);
    if (values.out) writeFileSync(values.out, report);
    return;
  }
  const profile = values.quick ? QUICK : FULL;
  const models = [await loadModel('legacy'), await loadModel('flat')];
  const started = nowMs();
  const targets: Target[] = [];
  if (values.http) {
    // `--http`: only the format-2 replay section and its targets.
    const report = `${[header(profile), httpReplaySection(models, profile, targets), targetSection(targets)].join('\n\n')}\n`;
    process.stdout.write(report);
    if (values.out) writeFileSync(values.out, report);
    return;
  }
  const sections = [
    header(profile),
    useCaseSection(models, profile, targets),
    mixedSection(models, profile, targets),
    latencySection(models, profile, targets),
    locSection(targets),
    memorySection(models, profile),
    httpReplaySection(models, profile, targets),
  ];
  sections.push(targetSection(targets), `_Bench time: ${((nowMs() - started) / 1000).toFixed(0)} s._`);
  const report = `${sections.join('\n\n')}\n`;
  process.stdout.write(report);
  if (values.out) writeFileSync(values.out, report);
}

await main();
