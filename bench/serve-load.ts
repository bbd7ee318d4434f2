/**
 * `npm run bench -- --serve [--quick] [--out FILE]`: `peel serve` under
 * load over real sockets. For each model, a fresh server (default threads,
 * temporary data directory, identity headers trusted as sent) is seeded
 * with images through its own API, then autocannon keeps 1, 16 and 64
 * connections busy with one kind of request each: show (GET one image),
 * index (GET /v2/images, a page of 25) and create (POST /v2/images). The
 * load generator runs in this process, on the same cores as the server,
 * as a client on the same machine would.
 */
import autocannon, { type Result } from 'autocannon';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { spawnServe, type ServedProcess } from '../src/serve/spawn.js';

const IDENTITY = { 'X-Identity-Status': 'Confirmed', 'X-User-Id': 'u-alice', 'X-Project-Id': 'p-alice', 'X-Roles': 'member' };
const CREATE_BODY = JSON.stringify({ name: 'bench', disk_format: 'qcow2', container_format: 'bare', os_distro: 'cirros' });

export const CONNECTIONS = [1, 16, 64] as const;

export interface LoadProfile {
  /** Seconds each measured run lasts. */
  readonly seconds: number;
  /** Seconds of load before each model's runs (JIT, caches). */
  readonly warmupSeconds: number;
  /** Images the server holds before the runs. */
  readonly seedImages: number;
}

export const FULL_LOAD: LoadProfile = { seconds: 10, warmupSeconds: 5, seedImages: 100 };
export const QUICK_LOAD: LoadProfile = { seconds: 2, warmupSeconds: 1, seedImages: 30 };

export interface LoadRow {
  readonly model: string;
  readonly request: 'show' | 'index' | 'create';
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time the server process spent per request (all its threads), in ms: what other load on the machine does not change. */
  readonly serverCpuMs: number;
  /** Answers that were not 2xx: 0 unless a model failed. */
  readonly non2xx: number;
  /** Requests that got no answer in autocannon's 10 s (or a socket error): the machine was overloaded. */
  readonly unanswered: number;
}

/** CPU seconds a process has used, user and system, from /proc (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Kind {
  readonly name: LoadRow['request'];
  readonly path: (id: string) => string;
  readonly method: 'GET' | 'POST';
}

const KINDS: readonly Kind[] = [
  { name: 'show', method: 'GET', path: (id) => `/v2/images/${id}` },
  { name: 'index', method: 'GET', path: () => '/v2/images' },
  // Last: every create adds an image, which would change what index lists.
  { name: 'create', method: 'POST', path: () => '/v2/images' },
];

async function seed(server: ServedProcess, images: number): Promise<string> {
  let id = '';
  for (let i = 0; i < images; i++) {
    const res = await fetch(`${server.url}/v2/images`, {
      method: 'POST',
      headers: { ...IDENTITY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `seed-${i}`, disk_format: 'raw', container_format: 'bare', os_distro: i % 2 ? 'ubuntu' : 'cirros', tags: ['t1', 't2'] }),
    });
    if (res.status !== 201) throw new Error(`seeding: POST /v2/images answered ${res.status}`);
    id = ((await res.json()) as { id: string }).id;
  }
  return id;
}

function run(server: ServedProcess, kind: Kind, id: string, connections: number, seconds: number): Promise<Result> {
  return autocannon({
    url: server.url + kind.path(id),
    method: kind.method,
    connections,
    duration: seconds,
    headers: kind.method === 'POST' ? { ...IDENTITY, 'Content-Type': 'application/json' } : IDENTITY,
    ...(kind.method === 'POST' ? { body: CREATE_BODY } : {}),
  });
}

/** Every request kind at every connection count on one model's server. */
export async function measureModel(model: string, profile: LoadProfile, progress: (text: string) => void): Promise<LoadRow[]> {
  const server = await spawnServe(['--model', model, '--port', '0']);
  try {
    const id = await seed(server, profile.seedImages);
    const rows: LoadRow[] = [];
    for (const kind of KINDS) {
      await run(server, kind, id, 16, profile.warmupSeconds);
      for (const connections of CONNECTIONS) {
        progress(`serve load: ${model} ${kind.name} at ${connections} connections`);
        const cpuBefore = cpuSeconds(server.pid);
        const r = await run(server, kind, id, connections, profile.seconds);
        const cpu = cpuSeconds(server.pid) - cpuBefore;
        rows.push({
          model,
          request: kind.name,
          connections,
          requestsPerSecond: r.requests.total / r.duration,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          serverCpuMs: (cpu * 1000) / Math.max(1, r.requests.total),
          non2xx: r.non2xx,
          unanswered: r.errors + r.timeouts,
        });
      }
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/** The target of issue 13: flat >= 2,000 show/s with p99 < 20 ms at 16 connections, legacy within 3x. */
export function targetLines(rows: readonly LoadRow[]): string[] {
  const at16 = (model: string): LoadRow | undefined => rows.find((r) => r.model === model && r.request === 'show' && r.connections === 16);
  const flat = at16('flat');
  const legacy = at16('legacy');
  const lines: string[] = [];
  if (flat !== undefined) {
    const ok = flat.requestsPerSecond >= 2000 && flat.p99Ms < 20;
    lines.push(`| flat show at 16 connections: >= 2,000 requests/s, p99 < 20 ms | ${flat.requestsPerSecond.toFixed(0)}/s, p99 ${flat.p99Ms} ms | ${ok ? 'met' : '**not met**'} |`);
  }
  if (flat !== undefined && legacy !== undefined) {
    const ratio = flat.requestsPerSecond / legacy.requestsPerSecond;
    lines.push(`| legacy show at 16 connections within 3x of flat | flat/legacy ${ratio.toFixed(2)}x | ${ratio <= 3 ? 'met' : '**not met**'} |`);
  }
  return lines;
}

export function loadReport(rows: readonly LoadRow[], profile: LoadProfile, workers: string): string {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  const lines = [
    '## peel serve under load (`npm run bench -- --serve`)',
    '',
    `- date: ${new Date().toISOString()}; machine: ${cores} cores, ${cpus()[0]?.model ?? 'unknown cpu'}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`,
    `- node ${process.version}; autocannon in the bench process on the same cores; ${profile.seconds} s per run after ${profile.warmupSeconds} s of warm-up per request kind; ${profile.seedImages} images seeded; server threads: ${workers}`,
    '',
    '| model | request | connections | requests/s | p50 (ms) | p99 (ms) | server CPU per request (ms) | non-2xx | unanswered in 10 s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.model} | ${r.request} | ${r.connections} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms} | ${r.p99Ms} | ${r.serverCpuMs.toFixed(2)} | ${r.non2xx} | ${r.unanswered} |`),
    '',
    '| target | measured | status |',
    '|---|---|---|',
    ...targetLines(rows),
  ];
  return lines.join('\n') + '\n';
}

export async function serveLoadSection(quick: boolean, progress: (text: string) => void): Promise<string> {
  const profile = quick ? QUICK_LOAD : FULL_LOAD;
  const rows: LoadRow[] = [];
  for (const model of ['legacy', 'flat']) rows.push(...(await measureModel(model, profile, progress)));
  return loadReport(rows, profile, 'default (2 model threads)');
}
