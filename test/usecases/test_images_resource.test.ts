/**
 * Use-case port of glance/tests/unit/v2/test_images_resource.py: each
 * controller case as a caller sees it (status, body, error text,
 * notifications, stored rows), run on both models through the
 * Model/ModelSession seam. Glance ran these on its simple driver with a
 * FakePolicyEnforcer that allows everything; here the SQL driver and the
 * real etc/policy.json run, with the deployment opening `publicize_image`
 * (admin-only in etc/policy.json) where a case publishes as a non-admin, as
 * the fake enforcer did. Where real Glance answers otherwise, the title says
 * so and the expectation was settled with the reference runner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { admin, as, expectError, expectOk } from './__test-helpers__/callers.js';
import {
  addProperty, BASE_URI, CHKSUM, CHKSUM1, imagesResourceFixture, insertImages, TENANT1, TENANT2, TENANT3, UUID1, UUID2, UUID3, UUID4,
} from './__test-helpers__/fixtures.js';
import { closeAll, events, ids, MODELS, useCase, type UseCaseOptions } from './__test-helpers__/usecase.js';

afterEach(closeAll);

const fixture = (options: UseCaseOptions = {}): UseCaseOptions => ({
  ...options,
  seed: (db) => {
    imagesResourceFixture(db);
    options.seed?.(db);
  },
});

describe.each(MODELS)('%s model', (model) => {
  const world = (options: UseCaseOptions = {}) => useCase(model, fixture(options));
  const small = { config: { limit_param_default: 1, api_limit_max: 3 } };

  describe('TestImagesController', () => {
    it('test_index: the default limit gives one page of the newest visible image', async () => {
      const uc = await world(small);
      const a = uc.step(as(), 'image.index');
      expectOk(a);
      expect(ids(a)).toEqual([UUID3]);
    });

    it('test_index_member_status_accepted: a pending member does not list the shared image, an accepted one does', async () => {
      const uc = await world({ config: { limit_param_default: 5, api_limit_max: 5 } });
      expect(new Set(ids(uc.step(as({ tenant: TENANT2 }), 'image.index')))).toEqual(new Set([UUID1, UUID2, UUID3]));
      expect(new Set(ids(uc.step(as({ tenant: TENANT3 }), 'image.index')))).toEqual(new Set([UUID1, UUID2, UUID3, UUID4]));
    });

    it('test_index_admin: an admin lists every image', async () => {
      const uc = await world();
      expect(ids(uc.step(admin(), 'image.index'))).toHaveLength(4);
    });

    it('test_index_admin_deleted_images_hidden: a deleted image leaves the listing', async () => {
      const uc = await world();
      expectOk(uc.step(admin(), 'image.delete', { image_id: UUID1 }), 204);
      expect(new Set(ids(uc.step(admin(), 'image.index')))).toEqual(new Set([UUID2, UUID3, UUID4]));
    });

    it('test_index_return_parameters: paging after a marker with explicit sort answers the next image and a next link', async () => {
      const uc = await world(small);
      const a = uc.step(as(), 'image.index', { marker: UUID3, limit: 1, sort_key: ['created_at'], sort_dir: ['desc'] });
      expect(ids(a)).toEqual([UUID2]);
      expect(a.body.next).toContain(`marker=${UUID2}`);
    });

    it('test_index_next_marker: a full page links to the page after its last image', async () => {
      const uc = await world(small);
      const a = uc.step(as(), 'image.index', { marker: UUID3, limit: 2 });
      expect(ids(a)).toEqual([UUID2, UUID1]);
      expect(a.body.next).toContain(`marker=${UUID1}`);
    });

    it('test_index_no_next_marker: an empty page after the oldest image has no next link', async () => {
      const uc = await world(small);
      const a = uc.step(as(), 'image.index', { marker: UUID1, limit: 2 });
      expect(ids(a)).toEqual([]);
      expect(a.body).not.toHaveProperty('next');
    });

    it('test_index_with_id_filter: filtering on id', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { id: UUID1 } }))).toEqual([UUID1]);
    });

    it('test_index_with_checksum_filter_single_image: filtering on a checksum one image has', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { checksum: CHKSUM } }))).toEqual([UUID1]);
    });

    it('test_index_with_checksum_filter_multiple_images: filtering on a checksum two images share, newest first', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { checksum: CHKSUM1 } }))).toEqual([UUID3, UUID2]);
    });

    it('test_index_with_non_existent_checksum: an unknown checksum lists nothing', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { checksum: '236231827' } }))).toEqual([]);
    });

    it('test_index_size_max_filter: size_max is inclusive', async () => {
      const uc = await world();
      expect(new Set(ids(uc.step(as(), 'image.index', { filters: { size_max: '512' } })))).toEqual(new Set([UUID1, UUID2, UUID3]));
    });

    it('test_index_size_min_filter: size_min is inclusive', async () => {
      const uc = await world();
      expect(new Set(ids(uc.step(as(), 'image.index', { filters: { size_min: '512' } })))).toEqual(new Set([UUID2, UUID3]));
    });

    it('test_index_size_range_filter: size_min and size_max together', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { size_min: '512', size_max: '512' } });
      expect(new Set(ids(a))).toEqual(new Set([UUID2, UUID3]));
    });

    it('test_index_virtual_size_max_filter: virtual_size_max is inclusive', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { virtual_size_max: '2048' } });
      expect(new Set(ids(a))).toEqual(new Set([UUID1, UUID2, UUID3]));
    });

    it('test_index_virtual_size_min_filter: virtual_size_min is inclusive', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { virtual_size_min: '2048' } });
      expect(new Set(ids(a))).toEqual(new Set([UUID2, UUID3]));
    });

    it('test_index_virtual_size_range_filter: virtual_size_min and virtual_size_max together', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { virtual_size_min: '2048', virtual_size_max: '2048' } });
      expect(new Set(ids(a))).toEqual(new Set([UUID2, UUID3]));
    });

    it('test_index_with_invalid_max_range_filter_value: a non-integer size_max answers 400', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'image.index', { filters: { size_max: 'blah' } }), 400);
    });

    it('test_index_with_filters_return_many: a status filter lists only the visible queued image', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { status: 'queued' } }))).toEqual([UUID3]);
    });

    it('test_index_with_nonexistent_name_filter: an unknown name lists nothing', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { name: 'blah' } }))).toEqual([]);
    });

    it('test_index_with_non_default_is_public_filter: the visibility filter lists only that visibility', async () => {
      const privateId = '0a6c2d31-1c0e-4a3f-9a52-7e0f5b1d2c31';
      const uc = await world({ seed: (db) => insertImages(db, [{ id: privateId, visibility: 'private', owner: TENANT3 }]) });
      expect(ids(uc.step(admin(), 'image.index', { filters: { visibility: 'private' } }))).toEqual([privateId]);
      expect(ids(uc.step(admin(), 'image.index', { filters: { visibility: 'shared' } }))).toEqual([UUID4]);
    });

    it('test_index_with_many_filters: status and name together', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { status: 'queued', name: '3' } }))).toEqual([UUID3]);
    });

    it('test_index_with_marker: the page after a marker', async () => {
      const uc = await world(small);
      expect(ids(uc.step(as(), 'image.index', { marker: UUID3 }))).toEqual([UUID2]);
    });

    it('test_index_with_limit: a limit of two gives the two newest visible images', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { limit: 2 }))).toEqual([UUID3, UUID2]);
    });

    it('test_index_greater_than_limit_max: a limit above api_limit_max is capped', async () => {
      const uc = await world(small);
      const a = uc.step(as(), 'image.index', { limit: 4 });
      expect(ids(a)).toHaveLength(3);
      expect(a.body.next).toContain(`marker=${UUID1}`);
    });

    it('test_index_default_limit: no limit means limit_param_default', async () => {
      const uc = await world(small);
      expect(ids(uc.step(as(), 'image.index'))).toHaveLength(1);
    });

    it('test_index_with_sort_dir: ascending lists the oldest first', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { sort_dir: ['asc'], limit: 3 }))).toEqual([UUID1, UUID2, UUID3]);
    });

    it('test_index_with_sort_key: created_at sorts newest first by default', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { sort_key: ['created_at'], limit: 3 }))).toEqual([UUID3, UUID2, UUID1]);
    });

    it('test_index_with_multiple_sort_keys: created_at then name', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { sort_key: ['created_at', 'name'], limit: 3 }))).toEqual([UUID3, UUID2, UUID1]);
    });

    it('test_index_with_marker_not_found: an unknown marker answers 400', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'image.index', { marker: '3f1c1b8e-4d6a-4c0e-9d5e-0f2a7b9c1d2e' }), 400);
    });

    it('test_index_invalid_sort_key: an unknown sort key answers 400', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'image.index', { sort_key: ['foo'] }), 400);
    });

    it('test_index_zero_images: an empty database lists nothing', async () => {
      const uc = await useCase(model);
      const a = uc.step(as(), 'image.index');
      expectOk(a);
      expect(a.body.images).toEqual([]);
    });

    it('test_index_with_tags: a tag filter lists the images carrying it', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { tags: ['64bit'] } });
      expect(a.body.images).toHaveLength(2);
      for (const image of a.body.images) expect(image.tags).toContain('64bit');
    });

    it('test_index_with_multi_tags: several tags must all be present', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { tags: ['power', '64bit'] } });
      expect(a.body.images).toHaveLength(1);
      expect(a.body.images[0].tags).toEqual(expect.arrayContaining(['64bit', 'power']));
    });

    it('test_index_with_multi_tags_and_nonexistent: one unknown tag empties the list', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { tags: ['power', 'fake'] } }))).toEqual([]);
    });

    it('test_index_with_tags_and_properties: a tag and an extra property together', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { tags: ['64bit'], hypervisor_type: 'kvm' } });
      expect(a.body.images).toHaveLength(1);
      expect(a.body.images[0].tags).toContain('64bit');
      expect(a.body.images[0].hypervisor_type).toBe('kvm');
    });

    it('test_index_with_multiple_properties: two extra properties together', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { foo: 'bar', hypervisor_type: 'kvm' } });
      expect(a.body.images[0]).toMatchObject({ hypervisor_type: 'kvm', foo: 'bar' });
    });

    it('test_index_with_core_and_extra_property: a column and an extra property together', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.index', { filters: { foo: 'bar', disk_format: 'raw' } });
      expect(a.body.images).toHaveLength(1);
      expect(a.body.images[0]).toMatchObject({ disk_format: 'raw', foo: 'bar' });
    });

    it('test_index_with_nonexistent_properties: unknown extra properties list nothing', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { abc: 'xyz', pudding: 'banana' } }))).toEqual([]);
    });

    it('test_index_with_non_existent_tags: an unknown tag lists nothing', async () => {
      const uc = await world();
      expect(ids(uc.step(as(), 'image.index', { filters: { tags: ['fake'] } }))).toEqual([]);
    });

    it('test_show: the owner reads an image', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.show', { image_id: UUID2 });
      expectOk(a);
      expect(a.body).toMatchObject({ id: UUID2, name: '2' });
    });

    it('test_show_deleted_properties: properties deleted in the database are not shown', async () => {
      const id = '5b2d7c8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
      const uc = await world({
        seed: (db) => {
          insertImages(db, [{ id, status: 'active', properties: { yin: 'yang' } }]);
          db.prepare(`INSERT INTO image_properties (created_at, updated_at, deleted_at, deleted, image_id, name, value)
            VALUES ('2018-02-27 00:00:00.000000', NULL, '2018-02-27 00:00:01.000000', 1, ?, 'poo', 'bear')`).run(id);
        },
      });
      const a = uc.step(as(), 'image.show', { image_id: id });
      expect(a.body.yin).toBe('yang');
      expect(a.body).not.toHaveProperty('poo');
    });

    it('test_show_non_existent: an unknown id answers 404', async () => {
      const uc = await world();
      const id = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
      expectError(uc.step(as(), 'image.show', { image_id: id }), 404, `No image found with ID ${id}`);
    });

    it('test_show_deleted_image_admin: even an admin gets 404 for a deleted image', async () => {
      const uc = await world();
      expectOk(uc.step(admin(), 'image.delete', { image_id: UUID1 }), 204);
      expectError(uc.step(admin(), 'image.show', { image_id: UUID1 }), 404);
    });

    it('test_show_not_allowed: a shared image of another tenant is not found', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'image.show', { image_id: UUID4 }), 404, `No image found with ID ${UUID4}`);
    });

    it('test_create: a new image is shared, has no properties or tags, and sends image.create', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: { name: 'image-1' }, extra_properties: {}, tags: [] });
      expectOk(a, 201);
      expect(a.body).toMatchObject({ name: 'image-1', tags: [], visibility: 'shared', owner: TENANT1, status: 'queued' });
      expect(a.notifications).toHaveLength(1);
      expect(a.notifications[0]).toMatchObject({ priority: 'INFO', event_type: 'image.create', payload: { name: 'image-1' } });
      expect(uc.rows('SELECT name, visibility FROM images WHERE id = ?', a.body.id)).toEqual([{ name: 'image-1', visibility: 'shared' }]);
    });

    it('test_create_with_properties: extra properties appear in the body and are stored', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: { name: 'image-1' }, extra_properties: { foo: 'bar' }, tags: [] });
      expectOk(a, 201);
      expect(a.body).toMatchObject({ name: 'image-1', foo: 'bar', tags: [], visibility: 'shared' });
      expect(events(a)).toEqual(['image.create']);
      expect(a.notifications[0]?.payload).toMatchObject({ name: 'image-1', properties: { foo: 'bar' } });
      expect(uc.rows('SELECT name, value FROM image_properties WHERE image_id = ? AND deleted = 0', a.body.id)).toEqual([{ name: 'foo', value: 'bar' }]);
    });

    it('test_create_with_too_many_properties: more properties than image_property_quota answers 413 and stores nothing', async () => {
      const uc = await world({ config: { image_property_quota: 1 } });
      const a = uc.step(as(), 'image.create', { image: { name: 'image-1' }, extra_properties: { foo: 'bar', foo2: 'bar' }, tags: [] });
      expectError(a, 413, /limit has been exceeded on the number of allowed image properties\. Attempted: 2, Maximum: 1/);
      expect(events(a)).toEqual([]);
      expect(uc.rows("SELECT id FROM images WHERE name = 'image-1'")).toEqual([]);
    });

    it('test_create_with_bad_min_disk_size: a negative min_disk answers 400', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: { min_disk: -42, name: 'image-1' }, extra_properties: {}, tags: [] });
      expectError(a, 400, "Invalid value '-42' for parameter 'min_disk': Cannot be a negative value");
    });

    it('test_create_with_bad_min_ram_size: a negative min_ram answers 400', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: { min_ram: -42, name: 'image-1' }, extra_properties: {}, tags: [] });
      expectError(a, 400, "Invalid value '-42' for parameter 'min_ram': Cannot be a negative value");
    });

    it('test_create_public_image_as_admin: an admin creates a public image and the notification names it', async () => {
      const uc = await world();
      const a = uc.step(admin(), 'image.create', { image: { name: 'image-1', visibility: 'public' }, extra_properties: {}, tags: [] });
      expectOk(a, 201);
      expect(a.body.visibility).toBe('public');
      expect(a.notifications).toHaveLength(1);
      expect(a.notifications[0]).toMatchObject({ priority: 'INFO', event_type: 'image.create', payload: { id: a.body.id } });
    });

    it('test_create_public_image_as_admin: real policy (publicize_image is role:admin) refuses a member, 403', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: { name: 'image-1', visibility: 'public' }, extra_properties: {}, tags: [] });
      expectError(a, 403, 'You are not authorized to complete publicize_image action.');
      expect(events(a)).toEqual([]);
    });

    it('test_create_dup_id: an id already in use answers 409', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: { id: UUID4 }, extra_properties: {}, tags: [] });
      expectError(a, 409);
      expect(events(a)).toEqual([]);
    });

    it('test_create_duplicate_tags: duplicate tags are stored once', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: {}, extra_properties: {}, tags: ['ping', 'ping'] });
      expectOk(a, 201);
      expect(a.body.tags).toEqual(['ping']);
      expect(a.notifications[0]).toMatchObject({ priority: 'INFO', event_type: 'image.create', payload: { id: a.body.id } });
      expect(uc.rows('SELECT value FROM image_tags WHERE image_id = ? AND deleted = 0', a.body.id)).toEqual([{ value: 'ping' }]);
    });

    it('test_create_with_too_many_tags: more tags than image_tag_quota answers 413', async () => {
      const uc = await world({ config: { image_tag_quota: 1 } });
      const a = uc.step(as(), 'image.create', { image: {}, extra_properties: {}, tags: ['ping', 'pong'] });
      expectError(a, 413, /number of allowed image tags\. Attempted: 2, Maximum: 1/);
    });

    it('test_create_with_owner_non_admin: a member may name only its own tenant as owner', async () => {
      const uc = await world();
      expectError(
        uc.step(as(), 'image.create', { image: { owner: '12345' }, extra_properties: {}, tags: [] }),
        403, "You are not permitted to create images owned by '12345'.",
      );
      const a = uc.step(as(), 'image.create', { image: { owner: TENANT1 }, extra_properties: {}, tags: [] });
      expectOk(a, 201);
      expect(a.body.owner).toBe(TENANT1);
    });

    it('test_create_with_owner_admin: an admin may name any owner', async () => {
      const uc = await world();
      const a = uc.step(admin(), 'image.create', { image: { owner: '12345' }, extra_properties: {}, tags: [] });
      expectOk(a, 201);
      expect(a.body.owner).toBe('12345');
      expect(uc.rows('SELECT owner FROM images WHERE id = ?', a.body.id)).toEqual([{ owner: '12345' }]);
    });

    it('test_create_reserved_property: a reserved extra property (owner) answers 403', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.create', { image: { name: 'image-1' }, extra_properties: { owner: 'x' }, tags: [] });
      expectError(a, 403, "Attribute 'owner' is reserved.");
    });

    it('test_update_no_changes: an empty patch changes nothing and notifies nothing', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.update', { image_id: UUID1, changes: [] });
      expectOk(a);
      expect(a.body.id).toBe(UUID1);
      expect(a.body.created_at).toBe(a.body.updated_at);
      expect(a.body.tags).toEqual(['ping', 'pong']);
      expect(events(a)).toEqual([]);
    });

    it('test_update_with_bad_min_disk: a negative min_disk answers 400', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'replace', path: ['min_disk'], value: -42 }] }), 400);
    });

    it('test_update_with_bad_min_ram: a negative min_ram answers 400', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'replace', path: ['min_ram'], value: -42 }] }), 400);
    });

    it('test_update_image_doesnt_exist: an unknown image answers 404', async () => {
      const uc = await world();
      const id = '7d6c5b4a-3928-4716-a5b4-c3d2e1f0a9b8';
      expectError(uc.step(as(), 'image.update', { image_id: id, changes: [] }), 404, `No image found with ID ${id}`);
    });

    it('test_update_deleted_image_admin: a deleted image answers 404 even to an admin', async () => {
      const uc = await world();
      expectOk(uc.step(admin(), 'image.delete', { image_id: UUID1 }), 204);
      expectError(uc.step(admin(), 'image.update', { image_id: UUID1, changes: [] }), 404);
    });

    it('test_update_with_too_many_properties: adding a location over user_storage_quota answers 413', async () => {
      const uc = await world({ config: { show_multiple_locations: true, user_storage_quota: '1' } });
      const a = uc.step(as(), 'image.update', {
        image_id: UUID1, changes: [{ op: 'add', path: ['locations', '-'], value: { url: `${BASE_URI}/fake_location`, metadata: {} } }],
      });
      expectError(a, 413);
      expect(uc.rows('SELECT value FROM image_locations WHERE image_id = ? AND deleted = 0', UUID1)).toHaveLength(1);
    });

    it('test_update_replace_base_attribute: an admin renames and re-owns an image, properties kept', async () => {
      const uc = await world({ seed: (db) => addProperty(db, UUID1, 'foo', 'bar') });
      const a = uc.step(admin(), 'image.update', {
        image_id: UUID1, changes: [{ op: 'replace', path: ['name'], value: 'fedora' }, { op: 'replace', path: ['owner'], value: TENANT3 }],
      });
      expectOk(a);
      expect(a.body).toMatchObject({ id: UUID1, name: 'fedora', owner: TENANT3, foo: 'bar' });
      expect(a.body.created_at).not.toBe(a.body.updated_at);
      expect(events(a)).toEqual(['image.update']);
      expect(uc.rows('SELECT name, owner FROM images WHERE id = ?', UUID1)).toEqual([{ name: 'fedora', owner: TENANT3 }]);
    });

    it('test_update_replace_onwer_non_admin: a non-admin may not change the owner, 403', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'replace', path: ['owner'], value: TENANT3 }] });
      expectError(a, 403, "Owner can't be updated by non admin.");
    });

    it('test_update_replace_tags: replacing tags stores the new set', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'replace', path: ['tags'], value: ['king', 'kong'] }] });
      expectOk(a);
      expect(a.body.tags).toEqual(['king', 'kong']);
      expect(a.body.created_at).not.toBe(a.body.updated_at);
      expect(uc.rows('SELECT value FROM image_tags WHERE image_id = ? AND deleted = 0 ORDER BY value', UUID1)).toEqual([{ value: 'king' }, { value: 'kong' }]);
    });

    it('test_update_replace_property: replacing one property keeps the others', async () => {
      const uc = await world({ seed: (db) => { addProperty(db, UUID1, 'foo', 'bar'); addProperty(db, UUID1, 'snitch', 'golden'); } });
      expect(uc.step(as(), 'image.show', { image_id: UUID1 }).body).toMatchObject({ foo: 'bar', snitch: 'golden' });
      const a = uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'replace', path: ['foo'], value: 'baz' }] });
      expectOk(a);
      expect(a.body).toMatchObject({ id: UUID1, foo: 'baz', snitch: 'golden' });
      expect(a.body.created_at).not.toBe(a.body.updated_at);
    });

    it('test_update_add_too_many_properties: adding past image_property_quota answers 413', async () => {
      const uc = await world({ config: { image_property_quota: 1 } });
      const a = uc.step(as(), 'image.update', {
        image_id: UUID1, changes: [{ op: 'add', path: ['foo'], value: 'baz' }, { op: 'add', path: ['snitch'], value: 'golden' }],
      });
      expectError(a, 413, /number of allowed image properties\. Attempted: 2, Maximum: 1/);
      expect(uc.rows('SELECT name FROM image_properties WHERE image_id = ? AND deleted = 0', UUID1)).toEqual([]);
    });

    it('test_update_add_and_remove_too_many_properties: removing one of two and adding one stays over a quota of 1, 413', async () => {
      const uc = await world({ config: { image_property_quota: 1 }, seed: (db) => { addProperty(db, UUID1, 'foo', 'baz'); addProperty(db, UUID1, 'snitch', 'golden'); } });
      const a = uc.step(as(), 'image.update', {
        image_id: UUID1, changes: [{ op: 'remove', path: ['foo'] }, { op: 'add', path: ['fizz'], value: 'buzz' }],
      });
      expectError(a, 413);
    });

    it('test_update_add_unlimited_properties: a negative quota means unlimited', async () => {
      const uc = await world({ config: { image_property_quota: -1 } });
      const a = uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'add', path: ['foo'], value: 'bar' }] });
      expectOk(a);
      expect(a.body.id).toBe(UUID1);
      expect(a.body.created_at).not.toBe(a.body.updated_at);
    });

    it('test_update_format_properties: formats are fixed once an image left queued, replaceable while queued', async () => {
      const statusIds = { active: 'f0000000-0000-4000-8000-000000000001', saving: 'f0000000-0000-4000-8000-000000000002', killed: 'f0000000-0000-4000-8000-000000000003' };
      const uc = await world({
        seed: (db) => insertImages(db, Object.entries(statusIds).map(([status, id]) => ({ id, status, disk_format: 'ari', container_format: 'ari' }))),
      });
      for (const id of Object.values(statusIds)) {
        expectError(uc.step(admin(), 'image.update', { image_id: id, changes: [{ op: 'replace', path: ['disk_format'], value: 'ami' }] }), 403,
          'Attribute disk_format can be only replaced for a queued image.');
        expectError(uc.step(admin(), 'image.update', { image_id: id, changes: [{ op: 'replace', path: ['container_format'], value: 'ami' }] }), 403,
          'Attribute container_format can be only replaced for a queued image.');
      }
      uc.world.db.prepare("UPDATE images SET status = 'queued' WHERE id = ?").run(statusIds.killed);
      const a = uc.step(admin(), 'image.update', {
        image_id: statusIds.killed,
        changes: [{ op: 'replace', path: ['disk_format'], value: 'raw' }, { op: 'replace', path: ['container_format'], value: 'bare' }],
      });
      expectOk(a);
      expect(a.body).toMatchObject({ disk_format: 'raw', container_format: 'bare' });
    });

    it('test_update_remove_property_while_over_limit: removing down to the quota is allowed', async () => {
      const uc = await world({
        config: { image_property_quota: 1 },
        seed: (db) => { addProperty(db, UUID1, 'foo', 'baz'); addProperty(db, UUID1, 'snitch', 'golden'); addProperty(db, UUID1, 'fizz', 'buzz'); },
      });
      const a = uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'remove', path: ['foo'] }, { op: 'remove', path: ['snitch'] }] });
      expectOk(a);
      expect(a.body.fizz).toBe('buzz');
      expect(a.body).not.toHaveProperty('foo');
      expect(a.body).not.toHaveProperty('snitch');
      expect(uc.rows('SELECT name FROM image_properties WHERE image_id = ? AND deleted = 0', UUID1)).toEqual([{ name: 'fizz' }]);
    });

    it('test_update_add_and_remove_property_under_limit: removing two and adding one ends at the quota', async () => {
      const uc = await world({
        config: { image_property_quota: 1 },
        seed: (db) => { addProperty(db, UUID1, 'foo', 'baz'); addProperty(db, UUID1, 'snitch', 'golden'); },
      });
      const a = uc.step(as(), 'image.update', {
        image_id: UUID1, changes: [{ op: 'remove', path: ['foo'] }, { op: 'remove', path: ['snitch'] }, { op: 'add', path: ['fizz'], value: 'buzz' }],
      });
      expectOk(a);
      expect(a.body.fizz).toBe('buzz');
      expect(uc.rows('SELECT name FROM image_properties WHERE image_id = ? AND deleted = 0', UUID1)).toEqual([{ name: 'fizz' }]);
    });

    it('test_update_replace_missing_property: replacing an absent property answers 409', async () => {
      const uc = await world();
      const a = uc.step(as(), 'image.update', { image_id: UUID1, changes: [{ op: 'replace', path: ['foo'], value: 'baz' }] });
      expectError(a, 409, 'Property foo does not exist.');
    });
  });
});
