/**
 * Use-case port of glance/tests/unit/v2/test_image_tags_resource.py on both
 * models, over the FakeDB fixture of glance/tests/unit/utils.py written as
 * rows. Stored tags are read with SQL where Glance reads image_tag_get_all.
 */
// not ported: TestImagesSerializer.test_create_tag - serializer internals (a 204 with no body); every tag.update case above asserts the 204
// not ported: TestImagesSerializer.test_delete_tag - serializer internals (a 204 with no body); every tag.delete case above asserts the 204
import { afterEach, describe, expect, it } from 'vitest';
import { as, expectError, expectOk } from './__test-helpers__/callers.js';
import { fakeDbFixture, TENANT2, UUID1 } from './__test-helpers__/fixtures.js';
import { closeAll, events, MODELS, useCase, type UseCase, type UseCaseOptions } from './__test-helpers__/usecase.js';

afterEach(closeAll);

describe.each(MODELS)('%s model', (model) => {
  const world = (options: UseCaseOptions = {}): Promise<UseCase> => useCase(model, { ...options, seed: fakeDbFixture });
  const tags = (uc: UseCase, id = UUID1): string[] =>
    uc.rows('SELECT value FROM image_tags WHERE image_id = ? AND deleted = 0 ORDER BY value', id).map((r) => r.value as string);

  describe('TestImageTagsController', () => {
    it('test_create_tag: adding a tag stores it once and sends image.update', async () => {
      const uc = await world();
      const a = uc.step(as(), 'tag.update', { image_id: UUID1, tag_value: 'dink' });
      expectOk(a, 204);
      expect(events(a)).toEqual(['image.update']);
      expect(a.notifications[0]?.payload).toMatchObject({ id: UUID1, tags: ['dink', 'ping', 'pong'] });
      expect(tags(uc)).toEqual(['dink', 'ping', 'pong']);
    });

    it('test_create_too_many_tags: with image_tag_quota 0 adding a tag answers 413', async () => {
      const uc = await world({ config: { image_tag_quota: 0 } });
      const a = uc.step(as(), 'tag.update', { image_id: UUID1, tag_value: 'dink' });
      expectError(a, 413, new RegExp(`^Image tag limit exceeded for image ${UUID1}: `));
      expect(tags(uc)).toEqual(['ping', 'pong']);
    });

    it('test_create_duplicate_tag_ignored: adding the same tag twice keeps one row (each add still sends image.update)', async () => {
      const uc = await world();
      expectOk(uc.step(as(), 'tag.update', { image_id: UUID1, tag_value: 'dink' }), 204);
      const again = uc.step(as(), 'tag.update', { image_id: UUID1, tag_value: 'dink' });
      expectOk(again, 204);
      expect(events(again)).toEqual(['image.update']);
      expect(tags(uc).filter((t) => t === 'dink')).toHaveLength(1);
    });

    it('test_update_tag_of_non_existing_image: an unknown image answers 404', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'tag.update', { image_id: 'abcd', tag_value: 'dink' }), 404, 'Image abcd not found.');
    });

    it('test_delete_tag_forbidden: a caller who sees but may not modify the image (a member of it) gets 403', async () => {
      const uc = await world();
      const a = uc.step(as({ tenant: TENANT2 }), 'tag.update', { image_id: UUID1, tag_value: 'ping' });
      expectError(a, 403, `Not allowed to update tags for image ${UUID1}.`);
    });

    it('test_delete_tag: removing a tag answers 204, sends image.update and drops the row', async () => {
      const uc = await world();
      const a = uc.step(as(), 'tag.delete', { image_id: UUID1, tag_value: 'ping' });
      expectOk(a, 204);
      expect(events(a)).toEqual(['image.update']);
      expect(tags(uc)).toEqual(['pong']);
    });

    it('test_delete_tag_not_found: removing an absent tag answers 404', async () => {
      const uc = await world();
      const a = uc.step(as(), 'tag.delete', { image_id: UUID1, tag_value: 'what' });
      expectError(a, 404);
      expect(events(a)).toEqual([]);
    });

    it('test_delete_tag_of_non_existing_image: an unknown image answers 404', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'tag.delete', { image_id: 'abcd', tag_value: 'dink' }), 404);
    });
  });
});
