/**
 * `npx tsx bench/serve-rss.ts [--model legacy|flat] [--mib 1024] [--workers N]`:
 * the memory of `peel serve` while a 1 GiB image goes up (chunked, as
 * python-glanceclient sends it) and comes back down, over real sockets.
 * Samples the server process's resident set (/proc/PID/status VmRSS)
 * every 50 ms and prints, per model, its RSS when idle and its peak during
 * each transfer; checks that the bytes came back unchanged. The bound the
 * issue sets (under 200 MB) is measured here rather than asserted in a test,
 * since a test run on a loaded machine would make it flaky.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { spawnServe, type ServedProcess } from '../src/serve/spawn.js';

const ALICE = { 'X-Identity-Status': 'Confirmed', 'X-User-Id': 'u-alice', 'X-Project-Id': 'p-alice', 'X-Roles': 'member' };
const MIB = 1 << 20;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? NaN : Number(m[1]) / 1024;
}

/** The peak RSS of `pid` while `work` runs. */
async function peakDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  try {
    const result = await work();
    peak = Math.max(peak, rssMb(pid));
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

function call(server: ServedProcess, method: string, path: string, body?: object): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(`${server.url}${path}`, { method, headers: { ...ALICE, ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** PUT /file with a chunked body of `mib` MiB; the md5 of what was sent. */
function upload(server: ServedProcess, id: string, mib: number, block: Buffer): Promise<{ status: number; md5: string }> {
  return new Promise((resolve, reject) => {
    const md5 = createHash('md5');
    const req = request(`${server.url}/v2/images/${id}/file`, { method: 'PUT', headers: { ...ALICE, 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, md5: md5.digest('hex') }));
    });
    req.on('error', reject);
    let sent = 0;
    const more = (): void => {
      while (sent < mib) {
        sent++;
        md5.update(block);
        if (!req.write(block)) {
          req.once('drain', more);
          return;
        }
      }
      req.end();
    };
    more();
  });
}

function download(server: ServedProcess, id: string): Promise<{ status: number; bytes: number; md5: string }> {
  return new Promise((resolve, reject) => {
    const md5 = createHash('md5');
    let bytes = 0;
    const req = request(`${server.url}/v2/images/${id}/file`, { headers: ALICE }, (res) => {
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        md5.update(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, md5: md5.digest('hex') }));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface RssFigures {
  readonly model: string;
  readonly idleMb: number;
  readonly uploadPeakMb: number;
  readonly downloadPeakMb: number;
  readonly uploadSeconds: number;
  readonly downloadSeconds: number;
  readonly intact: boolean;
}

export async function measureServeRss(model: string, mib: number, workers: number): Promise<RssFigures> {
  const server = await spawnServe(['--model', model, '--port', '0', '--workers', String(workers)]);
  try {
    const created = await call(server, 'POST', '/v2/images', { name: 'big', disk_format: 'raw', container_format: 'bare' });
    const id = String(created.json['id']);
    const block = createHash('sha512').update('peel').digest();
    const pattern = Buffer.alloc(MIB);
    for (let i = 0; i < MIB; i += block.length) block.copy(pattern, i);
    const idleMb = rssMb(server.pid);
    let t = performance.now();
    const up = await peakDuring(server.pid, () => upload(server, id, mib, pattern));
    const uploadSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const down = await peakDuring(server.pid, () => download(server, id));
    const downloadSeconds = (performance.now() - t) / 1000;
    const intact = up.result.status === 204 && down.result.status === 200 && down.result.bytes === mib * MIB && down.result.md5 === up.result.md5;
    return { model, idleMb, uploadPeakMb: up.peakMb, downloadPeakMb: down.peakMb, uploadSeconds, downloadSeconds, intact };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string', multiple: true }, mib: { type: 'string' }, workers: { type: 'string' } } });
  const models = values.model ?? ['legacy', 'flat'];
  const mib = Number(values.mib ?? 1024);
  const workers = Number(values.workers ?? 2);
  process.stdout.write(`| model | idle RSS (MB) | peak RSS, ${mib} MiB upload (MB) | peak RSS, ${mib} MiB download (MB) | upload (s) | download (s) | bytes intact |\n|---|---:|---:|---:|---:|---:|---|\n`);
  for (const model of models) {
    const r = await measureServeRss(model, mib, workers);
    const f = (x: number): string => x.toFixed(0);
    process.stdout.write(`| ${model} | ${f(r.idleMb)} | ${f(r.uploadPeakMb)} | ${f(r.downloadPeakMb)} | ${r.uploadSeconds.toFixed(1)} | ${r.downloadSeconds.toFixed(1)} | ${r.intact ? 'yes' : 'NO'} |\n`);
  }
}

if (process.argv[1] !== undefined && /serve-rss\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`serve-rss: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
