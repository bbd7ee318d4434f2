/**
 * Port of glance/tests/unit/v2/test_image_tags_resource.py.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TagsController, TagsResponseSerializer } from '../../../src/legacy/api/v2/image-tags.js';
import { Forbidden } from '../../../src/legacy/exception.js';
import type { ImageRepoLike } from '../../../src/legacy/gateway.js';
import { UUID1, getFakeRequest, httpError, initFakeDb, v2World, adminContext, type V2World } from '../__test-helpers__/v2-fixtures.js';

describe('TestImageTagsController', () => {
  let w: V2World;
  let controller: TagsController;

  beforeEach(() => {
    w = v2World();
    initFakeDb(w);
    controller = new TagsController(w.deps());
  });
  afterEach(() => w.close());

  const tagsOf = (id: string): string[] => w.api.imageTagGetAll(adminContext(), id);

  it('test_create_tag: the tag is stored once', () => {
    controller.update(getFakeRequest(), UUID1, 'dink');
    expect(tagsOf(UUID1).filter((t) => t === 'dink')).toHaveLength(1);
  });

  it('test_create_too_many_tags: a tag over image_tag_quota answers 413', () => {
    w.settings.image_tag_quota = 0;
    expect(httpError(() => controller.update(getFakeRequest(), UUID1, 'dink')).pyName).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_create_duplicate_tag_ignored: adding a tag twice keeps one', () => {
    controller.update(getFakeRequest(), UUID1, 'dink');
    controller.update(getFakeRequest(), UUID1, 'dink');
    expect(tagsOf(UUID1).filter((t) => t === 'dink')).toHaveLength(1);
  });

  it('test_update_tag_of_non_existing_image: an unknown image answers 404', () => {
    const e = httpError(() => controller.update(getFakeRequest(), 'abcd', 'dink'));
    expect(e.pyName).toBe('HTTPNotFound');
    expect(e.explanation).toBe('Image abcd not found.');
  });

  it('test_delete_tag_forbidden: a Forbidden from the repo answers 403 (the Glance test calls update)', () => {
    const repo = { get: () => { throw new Forbidden(); } } as unknown as ImageRepoLike;
    controller.gateway.get_repo = () => repo;
    const e = httpError(() => controller.update(getFakeRequest(), UUID1, 'ping'));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`Not allowed to update tags for image ${UUID1}.`);
  });

  it('test_delete_tag: an existing tag is removed', () => {
    controller.delete(getFakeRequest(), UUID1, 'ping');
    expect(tagsOf(UUID1)).toEqual(['pong']);
  });

  it('test_delete_tag_not_found: an absent tag answers 404 with webob\'s stock text', () => {
    const e = httpError(() => controller.delete(getFakeRequest(), UUID1, 'what'));
    expect(e.pyName).toBe('HTTPNotFound');
    expect(e.explanation).toBe('The resource could not be found.');
  });

  it('test_delete_tag_of_non_existing_image: an unknown image answers 404', () => {
    expect(httpError(() => controller.delete(getFakeRequest(), 'abcd', 'dink')).pyName).toBe('HTTPNotFound');
  });
});

describe('TestImagesSerializer', () => {
  const serializer = new TagsResponseSerializer();

  it('test_create_tag: update answers 204', () => {
    expect(serializer.update().status).toBe(204);
  });

  it('test_delete_tag: delete answers 204', () => {
    expect(serializer.delete().status).toBe(204);
  });
});
