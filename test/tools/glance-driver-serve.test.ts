/**
 * `driver.py serve`: the real Glance 16.0.0 over HTTP, with a tokens file
 * standing in for keystone. An image created with one token is read back
 * with it; a request without a known token is answered 401; SIGTERM stops
 * the server cleanly.
 *
 * Where the driver cannot start (no python3-glance, no Glance 16.0.0
 * checkout) the server is not started, and the test asserts that the
 * driver says which piece is missing.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVER, driverSetup, driverUnavailable } from '../../scripts/lib/faithfulness-driver.js';

const unavailable = driverUnavailable();
const ALICE = { 'X-Auth-Token': 'tok-alice' };

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  dir: string;
  exited: Promise<number | null>;
}

/** Starts `serve` on a free port and resolves once it prints where it listens. */
function startServer(): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'peel-serve-test-'));
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ 'tok-alice': { user: 'u-alice', project: 'p-alice', roles: ['member'] } }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ image_tag_quota: 3 }));
  const setup = driverSetup();
  const args = [DRIVER, 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--tokens', join(dir, 'tokens.json'), '--config', join(dir, 'config.json')];
  const child = spawn(setup.python, args, { env: { ...process.env, GLANCE_SRC: setup.glanceSrc } });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^listening on (http:\/\/\S+)$/m.exec(out);
      if (m) resolve({ child, url: m[1] as string, dir, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${err}`)));
  });
}

describe('the Glance driver serving HTTP', () => {
  let served: Served | undefined;

  beforeAll(async () => {
    if (unavailable === null) served = await startServer();
  }, 120_000);

  afterAll(async () => {
    if (!served) return;
    if (served.child.exitCode === null) served.child.kill('SIGKILL');
    await served.exited;
    rmSync(served.dir, { recursive: true, force: true });
  });

  it('creates an image with a token and reads it back as that token\'s project', async () => {
    if (!served) {
      expect(unavailable).toMatch(/python3-glance|Glance 16\.0\.0/);
      return;
    }
    const created = await fetch(`${served.url}/v2/images`, { method: 'POST', headers: { ...ALICE, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'cirros', disk_format: 'qcow2', container_format: 'bare', tags: ['a'] }) });
    const image = (await created.json()) as { id: string };

    const shown = await fetch(`${served.url}/v2/images/${image.id}`, { headers: ALICE });

    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${served.url}/v2/images/${image.id}`);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ id: image.id, name: 'cirros', owner: 'p-alice', status: 'queued', tags: ['a'] });
  });

  it('answers 401 with keystonemiddleware\'s body to a request without a known token', async () => {
    if (!served) {
      expect(unavailable).toMatch(/python3-glance|Glance 16\.0\.0/);
      return;
    }
    const forged = await fetch(`${served.url}/v2/images`, { headers: { 'X-Auth-Token': 'tok-nobody', 'X-Identity-Status': 'Confirmed', 'X-Roles': 'admin' } });

    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBe('Keystone uri="tokens-file"');
    expect(await forged.json()).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
  });

  it('applies the deployment given with --config and logs notifications as JSON lines', async () => {
    if (!served) {
      expect(unavailable).toMatch(/python3-glance|Glance 16\.0\.0/);
      return;
    }
    const tooMany = await fetch(`${served.url}/v2/images`, { method: 'POST', headers: { ...ALICE, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'tagged', tags: ['a', 'b', 'c', 'd'] }) });
    const log = readFileSync(join(served.dir, 'data', 'notifications.jsonl'), 'utf8').trim().split('\n');

    expect(tooMany.status).toBe(413);
    expect(log.map((line) => (JSON.parse(line) as { event_type: string }).event_type)).toContain('image.create');
  });

  it('stops cleanly on SIGTERM', async () => {
    if (!served) {
      expect(unavailable).toMatch(/python3-glance|Glance 16\.0\.0/);
      return;
    }
    served.child.kill('SIGTERM');

    expect(await served.exited).toBe(0);
  }, 60_000);
});
