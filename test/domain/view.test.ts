import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Image } from '../../src/domain/images/image.js';
import { imageBody, imagePayload } from '../../src/domain/images/view.js';
import { settings } from './__test-helpers__/actors.js';

const AT = new Date(Date.UTC(2018, 1, 28));
const NOW = new Date(Date.UTC(2018, 1, 28, 0, 0, 9));
const clock = { now: () => NOW };

function image(over: Partial<Image> = {}): Image {
  return {
    id: 'i-1', name: 'n', status: 'queued', created_at: AT, updated_at: AT, visibility: 'shared', min_disk: 0, min_ram: 0,
    protected: false, checksum: null, owner: 'p-alice', disk_format: null, container_format: null, size: null, virtual_size: null,
    properties: new Map<string, unknown>([['marx', 'groucho'], ['empty', null]]), tags: new Set(), locations: [], ...over,
  };
}

describe('image body and payload', () => {
  it('hides additional properties when they are not allowed; a null one still shows as empty text (quirk)', () => {
    const body = imageBody(image(), { ...settings(), allow_additional_image_properties: false }, clock, []);
    expect(body).not.toHaveProperty('marx');
    expect(body['empty']).toBe('');
    expect(body['checksum']).toBeNull();
    const open = imageBody(image(), settings(), clock, []);
    expect(open['marx']).toBe('groucho');
    expect(open['empty']).toBe('');
  });

  it('formats a falsy created_at as now and fails on text (AttributeError, quirk)', () => {
    const falsy = image({ created_at: '' as unknown as Date });
    expect(imagePayload(falsy, clock)['created_at']).toBe('2018-02-28T00:00:09Z');
    const text = image({ created_at: '2000-01-01T00:00:00Z' as unknown as Date });
    let caught: unknown = null;
    try {
      imagePayload(text, clock);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).kind).toBe('AttributeError');
    expect((caught as DomainError).message).toBe("'str' object has no attribute 'strftime'");
  });
});
