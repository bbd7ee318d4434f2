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
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverUnavailable, serveGlance, type GlanceServer } from '../../scripts/lib/faithfulness-driver.js';

const unavailable = driverUnavailable();
const ALICE = { 'X-Auth-Token': 'tok-alice' };

describe('the Glance driver serving HTTP', () => {
  let served: GlanceServer | undefined;
  let stopped: Promise<number | null> | undefined;

  beforeAll(async () => {
    if (unavailable === null) served = await serveGlance({ tokens: { 'tok-alice': { user: 'u-alice', project: 'p-alice', roles: ['member'] } }, config: { image_tag_quota: 3 } });
  }, 150_000);

  afterAll(async () => {
    await (stopped ?? served?.stop());
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
    const log = readFileSync(served.notificationsLog, 'utf8').trim().split('\n');

    expect(tooMany.status).toBe(413);
    expect(log.map((line) => (JSON.parse(line) as { event_type: string }).event_type)).toContain('image.create');
  });

  it('stops cleanly on SIGTERM', async () => {
    if (!served) {
      expect(unavailable).toMatch(/python3-glance|Glance 16\.0\.0/);
      return;
    }
    stopped = served.stop();

    expect(await stopped).toBe(0);
  }, 60_000);
});
