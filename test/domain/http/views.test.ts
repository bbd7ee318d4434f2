import { describe, expect, it } from 'vitest';
import { collectionView, imageView, memberView } from '../../../src/domain/http/views.js';
import type { Image } from '../../../src/domain/images/image.js';
import { MultiDict } from '../../../src/lib/webob/index.js';
import { settings } from '../__test-helpers__/actors.js';

const AT = new Date(Date.UTC(2018, 1, 28));

function image(over: Partial<Image> = {}): Image {
  return {
    id: 'i-1', name: 'n', status: 'queued', created_at: AT, updated_at: AT, visibility: 'shared', min_disk: 0, min_ram: 0,
    protected: false, checksum: null, owner: 'p-alice', disk_format: null, container_format: null, size: null, virtual_size: null,
    properties: new Map<string, string>([['42', 'x'], ['marx', 'groucho']]), tags: new Set(['b', 'a']), locations: [], ...over,
  };
}

describe('the image view', () => {
  it('puts the extra properties first, in their order (integer-like names included), then the attributes and links', () => {
    const view = imageView(image(), settings(), []);
    expect([...view.keys()].slice(0, 3)).toEqual(['42', 'marx', 'name']);
    expect([...view.keys()].slice(-4)).toEqual(['tags', 'self', 'file', 'schema']);
    expect(view.get('created_at')).toBe('2018-02-28T00:00:00Z');
  });

  it('hides extra properties when the deployment does not allow them', () => {
    const view = imageView(image(), { ...settings(), allow_additional_image_properties: false }, []);
    expect(view.has('marx')).toBe(false);
    expect(view.get('checksum')).toBeNull();
  });

  it('shows locations (without row id and status) and the direct URL only when the deployment does', () => {
    const locations = [{ url: 'http://a/1', metadata: {}, status: 'active', id: 7 }];
    expect(imageView(image(), settings(), locations).has('locations')).toBe(false);
    const shown = imageView(image(), { ...settings(), show_multiple_locations: true, show_image_direct_url: true }, locations);
    expect(shown.get('locations')).toEqual([new Map<string, unknown>([['url', 'http://a/1'], ['metadata', {}]])]);
    expect(shown.get('direct_url')).toBe('http://a/1');
  });
});

describe('member view', () => {
  it('shows the member schema\'s keys, a member id that is a number included', () => {
    const view = memberView({ id: 1, image_id: 'i-1', member_id: 5 as unknown as string, status: 'pending', created_at: AT, updated_at: AT });
    expect([...view.keys()]).toEqual(['member_id', 'image_id', 'status', 'created_at', 'updated_at', 'schema']);
    expect(view.get('member_id')).toBe(5);
  });
});

describe('collection links', () => {
  const params = (pairs: Array<[string, string]>) => new MultiDict<string>(pairs);

  it('keeps each key once at its first position with its last value, marker replaced and last', () => {
    const view = collectionView('images', params([['limit', '2'], ['marker', 'm1'], ['sort_key', 'name'], ['sort_key', 'size'], ['tag', 'a'], ['tag', 'b']]), [], 'm2');
    expect(view.get('first')).toBe('/v2/images?limit=2&sort_key=size&tag=b');
    expect(view.get('next')).toBe('/v2/images?limit=2&sort_key=size&tag=b&marker=m2');
  });

  it('quotes values as urlencode does', () => {
    expect(collectionView('images', params([['name', 'in:"a b",c']]), [], null).get('first')).toBe('/v2/images?name=in%3A%22a+b%22%2Cc');
  });

  it('has no query when nothing was asked, and no next link on the last page', () => {
    const view = collectionView('tasks', params([]), [], null);
    expect(view.get('first')).toBe('/v2/tasks');
    expect(view.has('next')).toBe(false);
  });
});
