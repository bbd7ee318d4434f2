import { describe, expect, it } from 'vitest';
import { cleanBody, normalizeTrace, traceStep } from '../../src/shared/trace.js';

describe('trace normalisation', () => {
  it('numbers generated uuids by first appearance in key-sorted text and keeps scenario ones', () => {
    const gen1 = 'aaaaaaaa-0000-4000-8000-000000000001';
    const gen2 = 'bbbbbbbb-0000-4000-8000-000000000002';
    const given = '11111111-1111-4111-8111-000000000001';
    const trace = normalizeTrace(
      { format: 'peel-trace/1', steps: [{ status: 200, body: { z: gen1, a: gen2, id: given }, notifications: [] }] },
      '/tmp/x',
      new Set([given]),
    );
    expect(trace.steps[0]?.body).toEqual({ z: '<uuid-2>', a: '<uuid-1>', id: given });
  });
  it('writes the store root as the canonical file path', () => {
    const trace = normalizeTrace({ format: 'peel-trace/1', steps: [{ status: 400, error: 'x file:///tmp/s/abc and /tmp/s/abc', notifications: [] }] }, '/tmp/s', new Set());
    expect(trace.steps[0]?.error).toBe('x file:///var/lib/glance/images/abc and /var/lib/glance/images/abc');
  });
  it('strips links and sorts tags in entities and collections', () => {
    expect(cleanBody({ id: 'i', self: '/v2/images/i', file: 'f', schema: 's', tags: ['b', 'a'] })).toEqual({ id: 'i', tags: ['a', 'b'] });
    expect(cleanBody({ images: [{ self: 's', tags: ['z', 'y'] }], schema: '/v2/schemas/images', first: '/v2/images' })).toEqual({ images: [{ tags: ['y', 'z'] }], first: '/v2/images' });
  });
  it('keeps error only for statuses of 400 and up, and drops a 204 body', () => {
    expect(traceStep({ status: 204, body: { x: 1 } }, [])).toEqual({ status: 204, notifications: [] });
    expect(traceStep({ status: 403, error: 'no' }, [{ event_type: 'e', payload: { tags: ['b', 'a'] }, priority: 'INFO' }])).toEqual({
      status: 403,
      error: 'no',
      notifications: [{ event_type: 'e', payload: { tags: ['a', 'b'] } }],
    });
  });
});
