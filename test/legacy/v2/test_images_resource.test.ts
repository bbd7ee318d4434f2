import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImagesController, ImagesResponseSerializer, makeRequest } from '../../../src/legacy/api/v2/images.js';
import { ImageActionsController } from '../../../src/legacy/api/v2/image-actions.js';
import * as domain from '../../../src/legacy/domain.js';
import { Forbidden, ReadonlyProperty, ReservedProperty } from '../../../src/legacy/exception.js';
import type { ImageLike } from '../../../src/legacy/gateway.js';
import { TypeError_ } from '../../../src/lib/python.js';
import { GLANCE_DEFAULTS, type Settings } from '../../../src/shared/settings.js';
import {
  BASE_URI, CHKSUM, CHKSUM1, TENANT1, TENANT2, TENANT3, TENANT4, UUID1, UUID2, UUID3, UUID4, adminContext,
  createImages, createMembers, dbFixture, getFakeRequest, httpError, v2World, type V2World,
} from '../__test-helpers__/v2-fixtures.js';
import { PROPERTY_PROTECTIONS_CONF, PROPERTY_PROTECTIONS_POLICIES_CONF } from '../__test-helpers__/property-protections.js';

const DATETIME = new Date(Date.UTC(2012, 4, 16, 15, 27, 36, 325));
const ISOTIME = '2012-05-16T15:27:36Z';
const OTHER_UUID = '3e0f5b5c-3d35-4b5d-9a0b-3f3c7a9b1c2d';

/** @see glance/tests/unit/v2/test_images_resource.py _domain_fixture */
function domainImage(image_id: string, kwargs: Record<string, unknown> = {}, settings: Settings = GLANCE_DEFAULTS): domain.Image {
  return new domain.Image({
    image_id, name: null, visibility: 'private', checksum: null, owner: null, status: 'queued', size: null,
    virtual_size: null, locations: [], protected: false, disk_format: null, container_format: null, min_ram: null,
    min_disk: null, tags: [], created_at: DATETIME, updated_at: DATETIME, ...kwargs,
  } as domain.ImageInit, settings);
}

const ids = (images: ReadonlyArray<{ image_id: string }>): string[] => images.map((i) => i.image_id);
const idSet = (images: ReadonlyArray<{ image_id: string }>): Set<string> => new Set(ids(images));

describe('TestImagesController', () => {
  let w: V2World;
  let controller: ImagesController;
  let actions: ImageActionsController;

  beforeEach(() => {
    w = v2World();
    createImages(w, [
      dbFixture(UUID1, {
        owner: TENANT1, checksum: CHKSUM, name: '1', size: 256, virtual_size: 1024, visibility: 'public',
        locations: [{ url: `${BASE_URI}/${UUID1}`, metadata: {}, status: 'active' }], disk_format: 'raw',
        container_format: 'bare', status: 'active', tags: ['ping', 'pong'],
      }),
      dbFixture(UUID2, {
        owner: TENANT1, checksum: CHKSUM1, name: '2', size: 512, virtual_size: 2048, visibility: 'public',
        disk_format: 'raw', container_format: 'bare', status: 'active', tags: ['redhat', '64bit', 'power'],
        properties: { hypervisor_type: 'kvm', foo: 'bar', bar: 'foo' },
      }),
      dbFixture(UUID3, { owner: TENANT3, checksum: CHKSUM1, name: '3', size: 512, virtual_size: 2048, visibility: 'public', tags: ['windows', '64bit', 'x86'] }),
      dbFixture(UUID4, { owner: TENANT4, name: '4', size: 1024, virtual_size: 3072 }),
    ]);
    createMembers(w, [{ image_id: UUID4, member: TENANT2 }, { image_id: UUID4, member: TENANT3, status: 'accepted' }]);
    controller = new ImagesController(w.deps());
    actions = new ImageActionsController(w.deps());
  });
  afterEach(() => {
    vi.restoreAllMocks();
    w.close();
  });

  const config = (overrides: Partial<Settings>): void => {
    Object.assign(w.settings, overrides);
  };
  const logs = () => w.notifier.get_logs();

  // ------------------------------------------------------------------ index

  it('test_index: a member sees the public images, limited by limit_param_default', () => {
    config({ limit_param_default: 1, api_limit_max: 3 });
    expect(ids(controller.index(getFakeRequest()).images)).toEqual([UUID3]);
  });

  it('test_index_member_status_accepted: shared images appear only to accepted members', () => {
    config({ limit_param_default: 5, api_limit_max: 5 });
    expect(idSet(controller.index(getFakeRequest({ tenant: TENANT2 })).images)).toEqual(new Set([UUID1, UUID2, UUID3]));
    expect(idSet(controller.index(getFakeRequest({ tenant: TENANT3 })).images)).toEqual(new Set([UUID1, UUID2, UUID3, UUID4]));
  });

  it('test_index_admin: an admin sees every image', () => {
    expect(controller.index(getFakeRequest({ is_admin: true })).images).toHaveLength(4);
  });

  it('test_index_admin_deleted_images_hidden: deleted images are not listed', () => {
    const request = getFakeRequest({ is_admin: true });
    controller.delete(request, UUID1);
    expect(idSet(controller.index(request).images)).toEqual(new Set([UUID2, UUID3, UUID4]));
  });

  it('test_index_return_parameters: marker, limit and sort give the next page and its marker', () => {
    config({ limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest(), { marker: UUID3, limit: 1, sort_key: ['created_at'], sort_dir: ['desc'] });
    expect(ids(output.images)).toEqual([UUID2]);
    expect(output.next_marker).toBe(UUID2);
  });

  it('test_index_next_marker: a full page carries the last id as next_marker', () => {
    config({ limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest(), { marker: UUID3, limit: 2 });
    expect(idSet(output.images)).toEqual(new Set([UUID2, UUID1]));
    expect(output.next_marker).toBe(UUID1);
  });

  it('test_index_no_next_marker: an empty page has no next_marker', () => {
    config({ limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest(), { marker: UUID1, limit: 2 });
    expect(output.images).toEqual([]);
    expect(output).not.toHaveProperty('next_marker');
  });

  it('test_index_with_id_filter: the id filter', () => {
    expect(ids(controller.index(getFakeRequest(), { filters: { id: UUID1 } }).images)).toEqual([UUID1]);
  });

  it('test_index_with_checksum_filter_single_image: the checksum filter, one match', () => {
    expect(ids(controller.index(getFakeRequest(), { filters: { checksum: CHKSUM } }).images)).toEqual([UUID1]);
  });

  it('test_index_with_checksum_filter_multiple_images: the checksum filter, newest first', () => {
    expect(ids(controller.index(getFakeRequest(), { filters: { checksum: CHKSUM1 } }).images)).toEqual([UUID3, UUID2]);
  });

  it('test_index_with_non_existent_checksum: no match, empty list', () => {
    expect(controller.index(getFakeRequest(), { filters: { checksum: '236231827' } }).images).toHaveLength(0);
  });

  it('test_index_size_max_filter: size_max', () => {
    expect(idSet(controller.index(getFakeRequest(), { filters: { size_max: 512 } }).images)).toEqual(new Set([UUID1, UUID2, UUID3]));
  });

  it('test_index_size_min_filter: size_min', () => {
    expect(idSet(controller.index(getFakeRequest(), { filters: { size_min: 512 } }).images)).toEqual(new Set([UUID2, UUID3]));
  });

  it('test_index_size_range_filter: size_min and size_max', () => {
    expect(idSet(controller.index(getFakeRequest(), { filters: { size_min: 512, size_max: 512 } }).images)).toEqual(new Set([UUID2, UUID3]));
  });

  it('test_index_virtual_size_max_filter: virtual_size_max', () => {
    expect(idSet(controller.index(getFakeRequest(), { filters: { virtual_size_max: 2048 } }).images)).toEqual(new Set([UUID1, UUID2, UUID3]));
  });

  it('test_index_virtual_size_min_filter: virtual_size_min', () => {
    expect(idSet(controller.index(getFakeRequest(), { filters: { virtual_size_min: 2048 } }).images)).toEqual(new Set([UUID2, UUID3]));
  });

  it('test_index_virtual_size_range_filter: virtual_size_min and virtual_size_max', () => {
    const filters = { virtual_size_min: 2048, virtual_size_max: 2048 };
    expect(idSet(controller.index(getFakeRequest(), { filters }).images)).toEqual(new Set([UUID2, UUID3]));
  });

  it('test_index_with_invalid_max_range_filter_value: a non-integer range answers 400', () => {
    expect(httpError(() => controller.index(getFakeRequest(), { filters: { size_max: 'blah' } })).pyName).toBe('HTTPBadRequest');
  });

  it('test_index_with_filters_return_many: the status filter', () => {
    expect(ids(controller.index(getFakeRequest(), { filters: { status: 'queued' } }).images)).toEqual([UUID3]);
  });

  it('test_index_with_nonexistent_name_filter: no match for the name', () => {
    expect(controller.index(getFakeRequest(), { filters: { name: 'blah' } }).images).toHaveLength(0);
  });

  it('test_index_with_non_default_is_public_filter: the visibility filter for an admin', () => {
    const private_uuid = '0d9e1c6f-3b1f-4d6b-9d8e-5f1c2b3a4d5e';
    createImages(w, [dbFixture(private_uuid, { visibility: 'private', owner: TENANT3 })]);
    const request = getFakeRequest({ is_admin: true });
    expect(ids(controller.index(request, { filters: { visibility: 'private' } }).images)).toEqual([private_uuid]);
    expect(ids(controller.index(request, { filters: { visibility: 'shared' } }).images)).toEqual([UUID4]);
  });

  it('test_index_with_many_filters: filters combine', () => {
    expect(ids(controller.index(getFakeRequest(), { filters: { status: 'queued', name: '3' } }).images)).toEqual([UUID3]);
  });

  it('test_index_with_marker: the page after the marker', () => {
    config({ limit_param_default: 1, api_limit_max: 3 });
    expect(ids(controller.index(getFakeRequest(), { marker: UUID3 }).images)).toEqual([UUID2]);
  });

  it('test_index_with_limit: limit caps the page', () => {
    const actual = idSet(controller.index(getFakeRequest(), { limit: 2 }).images);
    expect(actual.size).toBe(2);
    expect([...actual].sort()).toEqual([UUID3, UUID2].sort());
  });

  it('test_index_greater_than_limit_max: limit is capped at api_limit_max', () => {
    config({ limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest(), { limit: 4 });
    expect(output.images).toHaveLength(3);
    // Glance asserts the marker value is not a key of the result.
    expect(Object.keys(output)).not.toContain(output.next_marker);
  });

  it('test_index_default_limit: limit_param_default applies without a limit', () => {
    config({ limit_param_default: 1, api_limit_max: 3 });
    expect(controller.index(getFakeRequest()).images).toHaveLength(1);
  });

  it('test_index_with_sort_dir: ascending by created_at', () => {
    expect(ids(controller.index(getFakeRequest(), { sort_dir: ['asc'], limit: 3 }).images)).toEqual([UUID1, UUID2, UUID3]);
  });

  it('test_index_with_sort_key: descending by created_at', () => {
    expect(ids(controller.index(getFakeRequest(), { sort_key: ['created_at'], limit: 3 }).images)).toEqual([UUID3, UUID2, UUID1]);
  });

  it('test_index_with_multiple_sort_keys: created_at then name', () => {
    expect(ids(controller.index(getFakeRequest(), { sort_key: ['created_at', 'name'], limit: 3 }).images)).toEqual([UUID3, UUID2, UUID1]);
  });

  it('test_index_with_marker_not_found: an unknown marker answers 400', () => {
    expect(httpError(() => controller.index(getFakeRequest(), { marker: OTHER_UUID })).pyName).toBe('HTTPBadRequest');
  });

  it('test_index_invalid_sort_key: an unknown sort key answers 400', () => {
    expect(httpError(() => controller.index(getFakeRequest(), { sort_key: ['foo'] })).pyName).toBe('HTTPBadRequest');
  });

  it('test_index_zero_images: an empty database lists nothing', () => {
    w.db.exec('DELETE FROM image_members; DELETE FROM image_tags; DELETE FROM image_properties; DELETE FROM image_locations; DELETE FROM images;');
    expect(controller.index(getFakeRequest()).images).toEqual([]);
  });

  it('test_index_with_tags: the tag filter', () => {
    const tags = controller.index(getFakeRequest(), { filters: { tags: ['64bit'] } }).images.map((i) => i.tags);
    expect(tags).toHaveLength(2);
    for (const t of tags) expect(t.contains('64bit')).toBe(true);
  });

  it('test_index_with_multi_tags: every tag must match', () => {
    const tags = controller.index(getFakeRequest(), { filters: { tags: ['power', '64bit'] } }).images.map((i) => i.tags);
    expect(tags).toHaveLength(1);
    expect(tags[0]?.contains('64bit') && tags[0]?.contains('power')).toBe(true);
  });

  it('test_index_with_multi_tags_and_nonexistent: one missing tag, no match', () => {
    expect(controller.index(getFakeRequest(), { filters: { tags: ['power', 'fake'] } }).images).toHaveLength(0);
  });

  it('test_index_with_tags_and_properties: a tag and a property filter', () => {
    const images = controller.index(getFakeRequest(), { filters: { tags: ['64bit'], hypervisor_type: 'kvm' } }).images;
    expect(images.length).toBeGreaterThan(0);
    expect(images[0]?.tags.contains('64bit')).toBe(true);
    expect(images[0]?.extra_properties.getItem('hypervisor_type')).toBe('kvm');
  });

  it('test_index_with_multiple_properties: two property filters', () => {
    const props = controller.index(getFakeRequest(), { filters: { foo: 'bar', hypervisor_type: 'kvm' } }).images[0]?.extra_properties;
    expect(props?.getItem('hypervisor_type')).toBe('kvm');
    expect(props?.getItem('foo')).toBe('bar');
  });

  it('test_index_with_core_and_extra_property: a column and a property filter', () => {
    const images = controller.index(getFakeRequest(), { filters: { foo: 'bar', disk_format: 'raw' } }).images;
    expect(images).toHaveLength(1);
    expect(images[0]?.disk_format).toBe('raw');
    expect(images[0]?.extra_properties.getItem('foo')).toBe('bar');
  });

  it('test_index_with_nonexistent_properties: unknown properties match nothing', () => {
    expect(controller.index(getFakeRequest(), { filters: { abc: 'xyz', pudding: 'banana' } }).images).toHaveLength(0);
  });

  it('test_index_with_non_existent_tags: an unknown tag matches nothing', () => {
    expect(controller.index(getFakeRequest(), { filters: { tags: ['fake'] } }).images).toHaveLength(0);
  });

  it('test_index_with_invalid_marker: a non-uuid marker answers 400', () => {
    expect(httpError(() => controller.index(getFakeRequest(), { marker: 'INVALID_UUID' })).pyName).toBe('HTTPBadRequest');
  });

  // ------------------------------------------------------------------ show

  it('test_show: a public image', () => {
    const output = controller.show(getFakeRequest(), UUID2);
    expect(output.image_id).toBe(UUID2);
    expect(output.name).toBe('2');
  });

  it('test_show_deleted_properties: purged properties are not shown', () => {
    const id = '7a2c4f0e-8d5b-4c3e-9f1a-2b6d8e0c4a1f';
    w.api.imageCreate(adminContext(), { id, status: 'active', properties: { poo: 'bear' } });
    w.api.imageUpdate(adminContext(), id, { properties: { yin: 'yang' } }, true);
    const output = controller.show(getFakeRequest(), id);
    expect(output.extra_properties.getItem('yin')).toBe('yang');
    expect(output.extra_properties.contains('poo')).toBe(false);
  });

  it('test_show_non_existent: an unknown id answers 404', () => {
    expect(httpError(() => controller.show(getFakeRequest(), OTHER_UUID)).pyName).toBe('HTTPNotFound');
  });

  it('test_show_deleted_image_admin: a deleted image answers 404 even to an admin', () => {
    const request = getFakeRequest({ is_admin: true });
    controller.delete(request, UUID1);
    expect(httpError(() => controller.show(request, UUID1)).pyName).toBe('HTTPNotFound');
  });

  it('test_show_not_allowed: another tenant\'s shared image answers 404', () => {
    const request = getFakeRequest();
    expect(request.context.tenant).toBe(TENANT1);
    expect(httpError(() => controller.show(request, UUID4)).pyName).toBe('HTTPNotFound');
  });

  // ------------------------------------------------------------------ create

  it('test_create: a queued shared image and one image.create', () => {
    const output = controller.create(getFakeRequest(), { name: 'image-1' }, {}, []);
    expect(output.name).toBe('image-1');
    expect(output.extra_properties.toMap()).toEqual(new Map());
    expect(output.tags.toSet()).toEqual(new Set());
    expect(output.visibility).toBe('shared');
    expect(logs()).toHaveLength(1);
    expect(logs()[0]).toMatchObject({ notification_type: 'INFO', event_type: 'image.create', payload: { name: 'image-1' } });
  });

  it('test_create_disabled_notification: a disabled image.create is not sent', () => {
    config({ disabled_notifications: ['image.create'] });
    const output = controller.create(getFakeRequest(), { name: 'image-1' }, {}, []);
    expect(output.name).toBe('image-1');
    expect(output.visibility).toBe('shared');
    expect(logs()).toHaveLength(0);
  });

  it('test_create_with_properties: extra properties are stored', () => {
    const output = controller.create(getFakeRequest(), { name: 'image-1' }, { foo: 'bar' }, []);
    expect(output.extra_properties.toMap()).toEqual(new Map([['foo', 'bar']]));
    expect(logs()).toHaveLength(1);
    expect(logs()[0]).toMatchObject({ event_type: 'image.create', payload: { name: 'image-1' } });
  });

  it('test_create_with_too_many_properties: over image_property_quota answers 413', () => {
    config({ image_property_quota: 1 });
    const e = httpError(() => controller.create(getFakeRequest(), { name: 'image-1' }, { foo: 'bar', foo2: 'bar' }, []));
    expect(e.pyName).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_create_with_bad_min_disk_size: a negative min_disk answers 400', () => {
    expect(httpError(() => controller.create(getFakeRequest(), { min_disk: -42, name: 'image-1' }, {}, [])).pyName).toBe('HTTPBadRequest');
  });

  it('test_create_with_bad_min_ram_size: a negative min_ram answers 400', () => {
    expect(httpError(() => controller.create(getFakeRequest(), { min_ram: -42, name: 'image-1' }, {}, [])).pyName).toBe('HTTPBadRequest');
  });

  it('test_create_public_image_as_admin: publicize_image allowed (fake enforcer) makes it public', () => {
    const output = controller.create(getFakeRequest(), { name: 'image-1', visibility: 'public' }, {}, []);
    expect(output.visibility).toBe('public');
    expect(logs()[0]).toMatchObject({ event_type: 'image.create', payload: { id: output.image_id } });
  });

  it('test_create_dup_id: an existing id answers 409', () => {
    expect(httpError(() => controller.create(getFakeRequest(), { image_id: UUID4 }, {}, [])).pyName).toBe('HTTPConflict');
  });

  it('test_create_duplicate_tags: duplicate tags collapse into the set', () => {
    const output = controller.create(getFakeRequest(), {}, {}, ['ping', 'ping']);
    expect(output.tags.toSet()).toEqual(new Set(['ping']));
    expect(logs()).toHaveLength(1);
  });

  it('test_create_with_too_many_tags: over image_tag_quota answers 413', () => {
    config({ image_tag_quota: 1 });
    expect(httpError(() => controller.create(getFakeRequest(), {}, {}, ['ping', 'pong'])).pyName).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_create_with_owner_non_admin: a foreign owner answers 403, one\'s own is accepted', () => {
    const e = httpError(() => controller.create(getFakeRequest({ is_admin: false }), { owner: '12345' }, {}, []));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe("You are not permitted to create images owned by '12345'.");
    expect(controller.create(getFakeRequest({ is_admin: false }), { owner: TENANT1 }, {}, []).owner).toBe(TENANT1);
  });

  it('test_create_with_owner_admin: an admin may set any owner', () => {
    expect(controller.create(getFakeRequest({ is_admin: true }), { owner: '12345' }, {}, []).owner).toBe('12345');
  });

  it('test_create_with_duplicate_location: locations at create answer 400', () => {
    const location = { url: `${BASE_URI}/fake_location`, metadata: {} };
    expect(httpError(() => controller.create(getFakeRequest(), { name: 'image-1', locations: [location, location] }, {}, [])).pyName).toBe('HTTPBadRequest');
  });

  it('test_create_unexpected_property: a TypeError from the factory answers 400', () => {
    vi.spyOn(domain.ImageFactory.prototype, 'new_image').mockImplementation(() => {
      throw new TypeError_('unexpected');
    });
    expect(httpError(() => controller.create(getFakeRequest(), { name: 'image-1' }, { unexpected: 'unexpected' }, [])).pyName).toBe('HTTPBadRequest');
  });

  it('test_create_reserved_property: ReservedProperty answers 403', () => {
    vi.spyOn(domain.ImageFactory.prototype, 'new_image').mockImplementation(() => {
      throw new ReservedProperty(null, { property: 'reserved' });
    });
    const e = httpError(() => controller.create(getFakeRequest(), { name: 'image-1' }, { reserved: 'reserved' }, []));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe("Attribute 'reserved' is reserved.");
  });

  it('test_create_readonly_property: ReadonlyProperty answers 403', () => {
    vi.spyOn(domain.ImageFactory.prototype, 'new_image').mockImplementation(() => {
      throw new ReadonlyProperty(null, { property: 'readonly' });
    });
    const e = httpError(() => controller.create(getFakeRequest(), { name: 'image-1' }, { readonly: 'readonly' }, []));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe("Attribute 'readonly' is read-only.");
  });
});
