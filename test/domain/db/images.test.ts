import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ImageRepository } from '../../../src/domain/db/images.js';
import type { Image } from '../../../src/domain/images/image.js';
import { createSchema } from '../../../src/shared/db/schema.js';
import { admin, alice } from '../__test-helpers__/actors.js';

const AT = new Date(Date.UTC(2018, 1, 28));
const clock = { now: () => AT };

function image(id: string, status: string, props: Array<[string, string]>, tags: string[], urls: string[]): Image {
  return {
    id, name: id, status, created_at: AT, updated_at: AT, visibility: 'public', min_disk: 0, min_ram: 0, protected: false,
    checksum: null, owner: 'p-alice', disk_format: 'raw', container_format: 'bare', size: null, virtual_size: null,
    properties: new Map(props), tags: new Set(tags), locations: urls.map((url) => ({ url, metadata: { k: url }, status: 'active' })),
  };
}

function seeded(): ImageRepository {
  const db = new Database(':memory:');
  createSchema(db);
  const repo = new ImageRepository(db, clock);
  repo.insert(image('img-b', 'active', [['10', 'x'], ['a', '1'], ['b', '']], ['z', 'a'], ['http://h/1', 'http://h/2']));
  repo.insert(image('img-a', 'deactivated', [['os', 'ubuntu']], ['t'], ['http://h/3']));
  repo.insert(image('img-c', 'queued', [], [], []));
  return repo;
}

describe('a listing page read in one query per table', () => {
  it('gives each image as reading it alone does, in the page order', () => {
    const repo = seeded();
    const ids = ['img-c', 'img-a', 'img-b'];
    for (const who of [alice(), admin()]) {
      const page = repo.loadPage(who, ids);
      expect(page.map((i) => i.id)).toEqual(ids);
      expect(page).toEqual(ids.map((id) => repo.get(who, id)));
    }
  });

  it('keeps property and tag order, and hides a deactivated image\'s locations from non-admins', () => {
    const repo = seeded();
    const [b, a] = repo.loadPage(alice(), ['img-b', 'img-a']);
    expect([...(b?.properties.keys() ?? [])]).toEqual(['10', 'a', 'b']);
    expect([...(b?.tags ?? [])]).toEqual(['z', 'a']);
    expect(b?.locations.map((l) => l.url)).toEqual(['http://h/1', 'http://h/2']);
    expect(a?.locations).toEqual([]);
    expect(repo.loadPage(admin(), ['img-a'])[0]?.locations.map((l) => l.url)).toEqual(['http://h/3']);
  });
});
