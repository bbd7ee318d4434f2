/**
 * Port of glance/tests/unit/v2/test_image_tags_resource.py (the serializer
 * writes into a webob Response), and the tags deserializer's schema check,
 * which Glance's tests do not cover.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestDeserializer, ResponseSerializer, TagsController } from '../../../src/legacy/api/v2/image-tags.js';
import { HTTPBadRequest } from '../../../src/legacy/webob.js';
import { GLANCE_DEFAULTS } from '../../../src/shared/settings.js';
import { getFakeWsgiRequest, responseFor } from '../__test-helpers__/wsgi-request.js';
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
  const serializer = new ResponseSerializer();

  it('test_create_tag: update answers 204', () => {
    const response = responseFor();
    serializer.update(response);
    expect(response.status_int).toBe(204);
  });

  it('test_delete_tag: delete answers 204', () => {
    const response = responseFor();
    serializer.delete(response);
    expect(response.status_int).toBe(204);
  });
});

describe('RequestDeserializer (image tags)', () => {
  const deserializer = new RequestDeserializer(GLANCE_DEFAULTS);
  /** A request as the router leaves it: the routing match in wsgiorg.routing_args. */
  const routed = (tag_value: string) => {
    const request = getFakeWsgiRequest({ method: 'PUT' });
    request.environ['wsgiorg.routing_args'] = [[], { image_id: UUID1, tag_value }];
    return request;
  };

  it('a tag of up to 255 characters passes and no body is parsed', () => {
    expect(deserializer.update(routed('t'.repeat(255)))).toEqual({});
  });

  it('a longer tag fails the image schema: 400 with jsonschema\'s text', () => {
    const e = httpError(() => deserializer.update(routed('t'.repeat(256))));
    expect(e).toBeInstanceOf(HTTPBadRequest);
    expect(e.explanation).toContain("Provided object does not match schema 'image': ");
    expect(e.explanation).toContain("Failed validating 'maxLength' in schema['properties']['tags']['items']");
  });
});
