// Port of glance/tests/unit/v2/test_schemas_resource.py (all 4 cases
// ported). The controller is built over Glance 16.0.0's default settings
// and no custom image properties (the reference runner has no
// schema-image.json); `get_fake_request()` is a blank Glance request.
import { describe, expect, it } from 'vitest';
import { Controller } from '../../../src/legacy/api/v2/schemas.js';
import { Request } from '../../../src/legacy/common/wsgi.js';
import { GLANCE_DEFAULTS } from '../../../src/shared/settings.js';

function controller(): Controller {
  return new Controller({ settings: GLANCE_DEFAULTS });
}

function keysOf(value: unknown): Set<string> {
  return new Set(value instanceof Map ? [...value.keys()] : Object.keys(value as object));
}

describe('TestSchemasController', () => {
  it('test_image: the image schema names every image attribute', () => {
    const output = controller().image(Request.blank('/'));
    expect(output['name']).toBe('image');
    const expected = new Set([
      'status', 'name', 'tags', 'checksum', 'created_at', 'disk_format', 'updated_at', 'visibility', 'self', 'file',
      'container_format', 'schema', 'id', 'size', 'direct_url', 'min_ram', 'min_disk', 'protected', 'locations', 'owner',
      'virtual_size',
    ]);
    expect(keysOf(output['properties'])).toEqual(expected);
  });

  it('test_images: the images schema has the collection and its links', () => {
    const output = controller().images(Request.blank('/'));
    expect(output['name']).toBe('images');
    expect(keysOf(output['properties'])).toEqual(new Set(['images', 'schema', 'first', 'next']));
    const links = output['links'] as Array<Map<string, unknown> | Record<string, unknown>>;
    const hrefs = new Set(links.map((link) => (link instanceof Map ? link.get('href') : link['href'])));
    expect(hrefs).toEqual(new Set(['{schema}', '{first}', '{next}']));
  });

  it('test_member: the member schema names every member attribute', () => {
    const output = controller().member(Request.blank('/'));
    expect(output['name']).toBe('member');
    expect(keysOf(output['properties'])).toEqual(new Set(['status', 'created_at', 'updated_at', 'image_id', 'member_id', 'schema']));
  });

  it('test_members: the members schema has the collection', () => {
    const output = controller().members(Request.blank('/'));
    expect(output['name']).toBe('members');
    expect(keysOf(output['properties'])).toEqual(new Set(['schema', 'members']));
  });
});

describe('schemas over HTTP (peel)', () => {
  it('serves the task schema minimal (no links, no additionalProperties), the image schema raw', () => {
    const c = controller();
    const task = c.task(Request.blank('/'));
    expect(task).not.toHaveProperty('links');
    expect(task).not.toHaveProperty('additionalProperties');
    expect(c.image(Request.blank('/'))).toHaveProperty('links');
  });

  it('refuses a body keyword as Python refuses it for `task(self, req)`', () => {
    expect(() => controller().task(Request.blank('/'), { body: new Map() })).toThrow("task() got an unexpected keyword argument 'body'");
  });
});
