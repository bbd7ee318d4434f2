/**
 * A malformed user_storage_quota over HTTP: Glance reads the option only
 * when a quota is checked, and each controller answers the
 * InvalidOptionValue its own way.
 */
import { describe, expect, it } from 'vitest';
import { ALICE, flatClient } from '../__test-helpers__/http.js';

const ID = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('a malformed user_storage_quota', () => {
  const deployed = () => {
    const client = flatClient({ user_storage_quota: '5kb', show_multiple_locations: true });
    client.send(ALICE, 'POST', '/v2/images', { json: new Map([['id', ID], ['disk_format', 'raw'], ['container_format', 'bare']]) });
    return client;
  };

  it('is the update controller\'s 400 when a location is added (an Invalid)', () => {
    const reply = deployed().send(ALICE, 'PATCH', `/v2/images/${ID}`, {
      json: [new Map<string, unknown>([['op', 'add'], ['path', '/locations/-'], ['value', new Map<string, unknown>([['url', 'http://example.com/images/one'], ['metadata', new Map()]])]])],
    });
    expect([reply.status, reply.text]).toEqual([400, '400 Bad Request\n\nInvalid value for option user_storage_quota: 5kb\n\n   ']);
  });

  it('escapes the upload controller as a 500 named InvalidOptionValue', () => {
    const reply = deployed().send(ALICE, 'PUT', `/v2/images/${ID}/file`, { text: 'hello', headers: { 'Content-Type': 'application/octet-stream' } });
    expect([reply.status, reply.errorClass]).toEqual([500, 'InvalidOptionValue']);
  });
});
