/**
 * `peel serve` over real sockets: the server is started as `peel serve`
 * starts it (src/serve/spawn.ts), on port 0, and spoken to with Node's own
 * HTTP client. The memory bound of a 1 GiB transfer is measured by
 * bench/serve-rss.ts, not asserted here.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommandLine, spawnServe, type ServedProcess } from '../../src/serve/spawn.js';

const START_MS = 120_000;
const ALICE_HEADERS = { 'X-Identity-Status': 'Confirmed', 'X-User-Id': 'u-alice', 'X-Project-Id': 'p-alice', 'X-Roles': 'member' };

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

/** One request; `body` as an array is sent chunked, one write per piece. */
function call(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | Buffer[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(body);
    const length = body === undefined || chunked ? {} : { 'Content-Length': String(body.length) };
    const req = request(`${url}${path}`, { method, headers: { ...headers, ...length, ...(chunked ? { 'Transfer-Encoding': 'chunked' } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (Array.isArray(body)) for (const piece of body) req.write(piece);
    else if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = (a: Answer): Record<string, unknown> => JSON.parse(a.body.toString('utf8')) as Record<string, unknown>;
const jsonBody = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

async function createImage(url: string, headers: Record<string, string>, name = 'cirros'): Promise<string> {
  const created = await call(url, 'POST', '/v2/images', { ...headers, 'Content-Type': 'application/json' }, jsonBody({ name, disk_format: 'raw', container_format: 'bare' }));
  expect(created.status).toBe(201);
  return String(json(created)['id']);
}

/** Runs `peel serve ARGS` to its exit; for the refusals that never listen. */
function runToExit(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const line = serveCommandLine(args);
  return new Promise((resolve) => {
    const child = spawn(line.command, line.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('peel serve with --tokens (legacy model)', () => {
  let dir: string;
  let server: ServedProcess;
  const token = { 'X-Auth-Token': 'tok-alice' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peel-serve-test-'));
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ 'tok-alice': { user: 'u-alice', project: 'p-alice', roles: ['member'] } }));
    server = await spawnServe(['--model', 'legacy', '--port', '0', '--tokens', join(dir, 'tokens.json'), '--data-dir', join(dir, 'data')], { timeoutMs: START_MS });
  }, START_MS);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a request without a token 401 with keystonemiddleware body, never reaching the model', async () => {
    const a = await call(server.url, 'GET', '/v2/images');
    expect(a.status).toBe(401);
    expect(a.headers['www-authenticate']).toBe('Keystone uri="tokens-file"');
    expect(json(a)).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
  });

  it('answers an unknown token 401', async () => {
    expect((await call(server.url, 'GET', '/v2/images', { 'X-Auth-Token': 'nobody' })).status).toBe(401);
  });

  it('creates, shows and downloads an image over real sockets, the token deciding the owner', async () => {
    const id = await createImage(server.url, token);
    const data = Buffer.from('hello, glance');
    const put = await call(server.url, 'PUT', `/v2/images/${id}/file`, { ...token, 'Content-Type': 'application/octet-stream' }, data);
    expect(put.status).toBe(204);
    const shown = await call(server.url, 'GET', `/v2/images/${id}`, token);
    expect(json(shown)).toMatchObject({ id, status: 'active', size: data.length, checksum: md5(data), owner: 'p-alice' });
    const got = await call(server.url, 'GET', `/v2/images/${id}/file`, token);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(data);
  });

  it('gives the model a text/plain Content-Type when the client sent none, as eventlet does (a data PUT is then 415 naming it)', async () => {
    const id = await createImage(server.url, token);
    const put = await call(server.url, 'PUT', `/v2/images/${id}/file`, token, Buffer.from('abc'));
    expect(put.status).toBe(415);
    expect(put.body.toString()).toContain('The request media type text/plain is not supported by this server.');
  });

  it('writes response header names as eventlet capitalises them', async () => {
    const id = await createImage(server.url, token);
    await call(server.url, 'PUT', `/v2/images/${id}/file`, { ...token, 'Content-Type': 'application/octet-stream' }, Buffer.from('x'));
    const got = await call(server.url, 'GET', `/v2/images/${id}/file`, token);
    const names = got.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names).toContain('Content-Md5');
    expect(names).toContain('Content-Type');
  });

  it('removes the identity headers a client sends beside its token, as keystonemiddleware does', async () => {
    const forged = { ...token, 'X-Roles': 'admin', 'X-Project-Id': 'p-mallory', 'Content-Type': 'application/json' };
    const created = await call(server.url, 'POST', '/v2/images', forged, jsonBody({ name: 'forged', visibility: 'public' }));
    // publicize_image is admin-only: the forged role was dropped.
    expect(created.status).toBe(403);
    const own = await call(server.url, 'POST', '/v2/images', forged, jsonBody({ name: 'mine' }));
    expect(json(own)['owner']).toBe('p-alice');
  });

  it('streams a chunked upload into the store and gives the same bytes back', async () => {
    const id = await createImage(server.url, token);
    const pieces = Array.from({ length: 40 }, (_, i) => Buffer.alloc(50_000, i));
    const put = await call(server.url, 'PUT', `/v2/images/${id}/file`, { ...token, 'Content-Type': 'application/octet-stream' }, pieces);
    expect(put.status).toBe(204);
    const got = await call(server.url, 'GET', `/v2/images/${id}/file`, token);
    expect(md5(got.body)).toBe(md5(Buffer.concat(pieces)));
    expect(json(await call(server.url, 'GET', `/v2/images/${id}`, token))['size']).toBe(2_000_000);
  });

  it('keeps the database consistent under concurrent creates and uploads', async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => createImage(server.url, token, `parallel-${i}`)));
    const uploads = await Promise.all(
      ids.slice(0, 6).map((id, i) => call(server.url, 'PUT', `/v2/images/${id}/file`, { ...token, 'Content-Type': 'application/octet-stream' }, [Buffer.alloc(100_000, i), Buffer.alloc(100_000, i)])),
    );
    expect(uploads.map((u) => u.status)).toEqual(Array(6).fill(204));
    const listed = json(await call(server.url, 'GET', '/v2/images?limit=1000', token)) as { images: Array<{ id: string }> };
    const seen = new Set(listed.images.map((i) => i.id));
    expect(ids.filter((id) => seen.has(id))).toEqual(ids);
  });

  it('logs each notification as a JSON line in the data directory', async () => {
    await createImage(server.url, token, 'logged');
    const lines = readFileSync(join(dir, 'data', 'notifications.jsonl'), 'utf8').trim().split('\n');
    const events = lines.map((l) => JSON.parse(l) as { event_type: string; payload: { name?: string } });
    expect(events.some((e) => e.event_type === 'image.create' && e.payload.name === 'logged')).toBe(true);
  });

  it('refuses a second server on a port in use with exit status 2', async () => {
    const r = await runToExit(['--model', 'legacy', '--port', String(server.port)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('address already in use');
  }, START_MS);
});

describe('peel serve with --data-dir and trusted identity headers (flat model)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'peel-serve-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps an image and its data across a restart, and stops cleanly on SIGTERM', async () => {
    const first = await spawnServe(['--model', 'flat', '--port', '0', '--data-dir', dir], { timeoutMs: START_MS });
    const id = await createImage(first.url, ALICE_HEADERS);
    await call(first.url, 'PUT', `/v2/images/${id}/file`, { ...ALICE_HEADERS, 'Content-Type': 'application/octet-stream' }, Buffer.from('persisted'));
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const second = await spawnServe(['--model', 'flat', '--port', '0', '--data-dir', dir], { timeoutMs: START_MS });
    try {
      expect(json(await call(second.url, 'GET', `/v2/images/${id}`, ALICE_HEADERS))).toMatchObject({ id, status: 'active', owner: 'p-alice' });
      expect((await call(second.url, 'GET', `/v2/images/${id}/file`, ALICE_HEADERS)).body.toString()).toBe('persisted');
    } finally {
      expect(await second.stop('SIGINT')).toEqual({ code: 0, signal: null });
    }
  }, 3 * START_MS);

  it('leaves an image killed mid-upload (kill -9) saving with no readable data, as the real Glance leaves it', async () => {
    // Recorded with tools/glance-driver serve (Glance 16.0.0) the same way: status saving,
    // download 204, a new upload 409, the partial file left in the store and never read.
    const killed = join(dir, 'killed');
    const first = await spawnServe(['--model', 'flat', '--port', '0', '--data-dir', killed], { timeoutMs: START_MS });
    const id = await createImage(first.url, ALICE_HEADERS);
    const upload = request(`${first.url}/v2/images/${id}/file`, { method: 'PUT', headers: { ...ALICE_HEADERS, 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' } });
    upload.on('error', () => {});
    for (let i = 0; i < 20; i++) upload.write(Buffer.alloc(65536, 1));
    await new Promise((r) => setTimeout(r, 1500));
    await first.stop('SIGKILL');

    const second = await spawnServe(['--model', 'flat', '--port', '0', '--data-dir', killed], { timeoutMs: START_MS });
    try {
      expect(json(await call(second.url, 'GET', `/v2/images/${id}`, ALICE_HEADERS))).toMatchObject({ status: 'saving', size: null, checksum: null });
      expect((await call(second.url, 'GET', `/v2/images/${id}/file`, ALICE_HEADERS)).status).toBe(204);
      const again = await call(second.url, 'PUT', `/v2/images/${id}/file`, { ...ALICE_HEADERS, 'Content-Type': 'application/octet-stream' }, Buffer.from('again'));
      expect(again.status).toBe(409);
      expect(again.body.toString()).toContain('Image status transition from saving to saving is not allowed');
    } finally {
      await second.stop();
    }
  }, 3 * START_MS);

  it('logs to the file --notifications names, which stays when the server stops', async () => {
    const server = await spawnServe(['--model', 'flat', '--port', '0', '--notifications', join(dir, 'n.jsonl')], { timeoutMs: START_MS });
    await createImage(server.url, ALICE_HEADERS, 'temporary');
    expect(readFileSync(join(dir, 'n.jsonl'), 'utf8')).toContain('"name": "temporary"');
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dir, 'n.jsonl'))).toBe(true);
  }, 2 * START_MS);
});

describe('peel serve refusals (exit status 2, one line)', () => {
  const cases: Array<[string, string[], string]> = [
    ['no --model', ['--port', '0'], '--model is required'],
    ['an unknown model', ['--model', 'onion'], '--model: unknown model "onion"'],
    ['a port out of range', ['--model', 'flat', '--port', '70000'], '--port: expected an integer from 0 to 65535'],
    ['an unknown option', ['--model', 'flat', '--colour'], "Unknown option '--colour'"],
    ['a config file that cannot be read', ['--model', 'flat', '--config', '/nonexistent/config.json'], '--config /nonexistent/config.json: cannot read'],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, async () => {
      const r = await runToExit(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }, START_MS);
  }

  it('refuses a config key the scenario reader refuses, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-serve-test-'));
    try {
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ image_member_quota: 'many' }));
      const r = await runToExit(['--model', 'legacy', '--config', join(dir, 'config.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('config.image_member_quota: expected an integer, got "many"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, START_MS);

  it('refuses a tokens entry that is not an identity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-serve-test-'));
    try {
      writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ t: { user: 'u', roles: 'admin' } }));
      const r = await runToExit(['--model', 'legacy', '--tokens', join(dir, 'tokens.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('token "t".roles: expected an array of strings');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, START_MS);
});
