// not ported: TestMalformedRequest.test_redirect_incomplete_url - loads the paste WSGI pipeline; the port has no HTTP layer
import { describe, expect, it } from 'vitest';
import { imageSendNotification, sizeCheckedIter } from '../../../src/legacy/api-common.js';
import { GlanceException } from '../../../src/legacy/exception.js';
import { FakeNotifier } from '../__test-helpers__/fake-notifier.js';

const META = { id: 'e31cb99c-fe89-49fb-9cc5-f5104fffa636' };

/** Python's next(it): the value, or a StopIteration marker. */
function next<T>(it: Iterator<T>): T | 'StopIteration' {
  const r = it.next();
  return r.done ? 'StopIteration' : r.value;
}

function checked(expected: number, parts: string[]): Iterator<string> {
  return sizeCheckedIter(META, expected, parts)[Symbol.iterator]();
}

describe('TestSizeCheckedIter', () => {
  it('test_uniform_chunk_size: yields every chunk, then stops', () => {
    const it = checked(4, ['AB', 'CD']);
    expect(next(it)).toBe('AB');
    expect(next(it)).toBe('CD');
    expect(next(it)).toBe('StopIteration');
  });

  it('test_small_last_chunk: a short last chunk is fine when the total matches', () => {
    const it = checked(3, ['AB', 'C']);
    expect(next(it)).toBe('AB');
    expect(next(it)).toBe('C');
    expect(next(it)).toBe('StopIteration');
  });

  it('test_variable_chunk_size: empty chunks pass through', () => {
    const it = checked(6, ['AB', '', 'CDE', 'F']);
    expect(next(it)).toBe('AB');
    expect(next(it)).toBe('');
    expect(next(it)).toBe('CDE');
    expect(next(it)).toBe('F');
    expect(next(it)).toBe('StopIteration');
  });

  it('test_too_many_chunks: every chunk is streamed, then the mismatch fails', () => {
    const it = checked(4, ['AB', 'CD', 'EF']);
    expect(next(it)).toBe('AB');
    expect(next(it)).toBe('CD');
    expect(next(it)).toBe('EF');
    expect(() => next(it)).toThrow(GlanceException);
  });

  it('test_too_few_chunks: fewer bytes than expected fail at the end', () => {
    const it = checked(6, ['AB', 'CD']);
    expect(next(it)).toBe('AB');
    expect(next(it)).toBe('CD');
    expect(() => next(it)).toThrow(GlanceException);
  });

  it('test_too_much_data: more bytes than expected fail at the end', () => {
    const it = checked(3, ['AB', 'CD']);
    expect(next(it)).toBe('AB');
    expect(next(it)).toBe('CD');
    expect(() => next(it)).toThrow(`Corrupt image download for image ${META.id}`);
  });

  it('test_too_little_data: a short total fails at the end', () => {
    const it = checked(6, ['AB', 'CD', 'E']);
    expect(next(it)).toBe('AB');
    expect(next(it)).toBe('CD');
    expect(next(it)).toBe('E');
    expect(() => next(it)).toThrow(GlanceException);
  });
});

describe('image_send_notification (port)', () => {
  const request = { context: { owner: 'p', tenant: 'p-bob', user: 'u-bob' }, remote_addr: '10.0.0.1' };

  it('sends image.send at info when the bytes match, at error otherwise', () => {
    const fake = new FakeNotifier();
    imageSendNotification(4, 4, { id: 'i', owner: 'p-alice' }, request, fake);
    imageSendNotification(3, 4, { id: 'i', owner: 'p-alice' }, request, fake);
    expect(fake.get_logs().map((l) => l.notification_type)).toEqual(['INFO', 'ERROR']);
    expect(fake.get_logs()[0]?.payload).toEqual({
      bytes_sent: 4, image_id: 'i', owner_id: 'p-alice', receiver_tenant_id: 'p-bob', receiver_user_id: 'u-bob', destination_ip: '10.0.0.1',
    });
  });

  it('swallows a failure while sending', () => {
    const failing = { info: () => { throw new Error('down'); }, error: () => { throw new Error('down'); } };
    expect(() => imageSendNotification(4, 4, { id: 'i' }, request, failing)).not.toThrow();
  });
});
