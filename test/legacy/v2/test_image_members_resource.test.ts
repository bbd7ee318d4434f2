/**
 * Port of glance/tests/unit/v2/test_image_members_resource.py (all 50 cases):
 * the members controller through the whole onion on the SQLite db api, the
 * request deserializer on Glance's wsgi.Request, and the serializer writing
 * into a webob Response.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ImageMembersController, ImageMembersResponseSerializer, RequestDeserializer, ResponseSerializer,
} from '../../../src/legacy/api/v2/image-members.js';
import { Request as WsgiRequest } from '../../../src/legacy/common/wsgi.js';
import { HTTPBadRequest } from '../../../src/legacy/webob.js';
import { toPlain } from '../../../src/lib/pyjson.js';
import { getFakeWsgiRequest, jsonBody, jsonRequest, responseFor } from '../__test-helpers__/wsgi-request.js';
import * as domain from '../../../src/legacy/domain.js';
import {
  BASE_URI, TENANT1, TENANT2, TENANT3, TENANT4, UUID1, UUID2, UUID3, UUID4, createImages, createMembers, dbFixture,
  getFakeRequest, httpError, v2World, type V2World,
} from '../__test-helpers__/v2-fixtures.js';

const UUID5 = '3eee7cc2-eae7-4c0f-b50d-a7160b0c62ed';
const DATETIME = new Date(Date.UTC(2012, 4, 16, 15, 27, 36, 325));
const ISOTIME = '2012-05-16T15:27:36Z';

describe('TestImageMembersController', () => {
  let w: V2World;
  let controller: ImageMembersController;

  beforeEach(() => {
    w = v2World();
    createImages(w, [
      dbFixture(UUID1, { owner: TENANT1, name: '1', size: 256, visibility: 'public', locations: [{ url: `${BASE_URI}/${UUID1}`, metadata: {}, status: 'active' }], tags: ['ping', 'pong'] }),
      dbFixture(UUID2, { owner: TENANT1, name: '2', size: 512 }),
      dbFixture(UUID3, { owner: TENANT3, name: '3', size: 512 }),
      dbFixture(UUID4, { owner: TENANT4, name: '4', size: 1024 }),
      dbFixture(UUID5, { owner: TENANT1, name: '5', size: 1024 }),
    ]);
    createMembers(w, [
      { image_id: UUID2, member: TENANT4, status: 'pending' },
      { image_id: UUID3, member: TENANT4, status: 'pending' },
      { image_id: UUID3, member: TENANT2, status: 'pending' },
      { image_id: UUID4, member: TENANT1, status: 'pending' },
    ]);
    controller = new ImageMembersController(w.deps());
  });
  afterEach(() => w.close());

  const memberIds = (output: { members: Array<{ member_id: string }> }): string[] => output.members.map((m) => m.member_id);
  const errorName = (fn: () => unknown): string => httpError(fn).pyName;

  it('test_index: the owner lists the members', () => {
    expect(memberIds(controller.index(getFakeRequest(), UUID2))).toEqual([TENANT4]);
  });

  it('test_index_no_members: an image without members lists none', () => {
    expect(controller.index(getFakeRequest(), UUID5)).toEqual({ members: [] });
  });

  it('test_index_member_view: a member sees only their own membership', () => {
    expect(memberIds(controller.index(getFakeRequest({ tenant: TENANT4 }), UUID3))).toEqual([TENANT4]);
  });

  it('test_index_private_image: an image the caller cannot see answers 404', () => {
    const e = httpError(() => controller.index(getFakeRequest({ tenant: TENANT2 }), UUID5));
    expect(e.pyName).toBe('HTTPNotFound');
    expect(e.explanation).toBe(`Image ${UUID5} not found.`);
  });

  it('test_index_public_image: a public image has no members (403)', () => {
    const e = httpError(() => controller.index(getFakeRequest(), UUID1));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`Error fetching members of image ${UUID1}: Only shared images have members.`);
  });

  it('test_index_private_image_visible_members_admin: an admin lists any image\'s members', () => {
    expect(memberIds(controller.index(getFakeRequest({ is_admin: true }), UUID4))).toEqual([TENANT1]);
  });

  it('test_index_allowed_by_get_members_policy: get_members allowed lists', () => {
    w.policy.set_rules({ get_members: true });
    expect(controller.index(getFakeRequest(), UUID2).members).toHaveLength(1);
  });

  it('test_index_forbidden_by_get_members_policy: get_members denied answers 403', () => {
    w.policy.set_rules({ get_members: false });
    const e = httpError(() => controller.index(getFakeRequest(), UUID2));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`Not allowed to list members for image ${UUID2}.`);
  });

  it('test_show: the owner reads a membership', () => {
    const output = controller.show(getFakeRequest({ tenant: TENANT1 }), UUID2, TENANT4);
    expect([output.image_id, output.member_id, output.status]).toEqual([UUID2, TENANT4, 'pending']);
  });

  it('test_show_by_member: the member reads their membership', () => {
    const output = controller.show(getFakeRequest({ tenant: TENANT4 }), UUID2, TENANT4);
    expect([output.image_id, output.member_id, output.status]).toEqual([UUID2, TENANT4, 'pending']);
  });

  it('test_show_forbidden: an outsider gets 404, not 403', () => {
    expect(errorName(() => controller.show(getFakeRequest({ tenant: TENANT2 }), UUID2, TENANT4))).toBe('HTTPNotFound');
  });

  it('test_show_not_found: a member cannot see another member (404)', () => {
    expect(errorName(() => controller.show(getFakeRequest({ tenant: TENANT2 }), UUID3, TENANT4))).toBe('HTTPNotFound');
  });

  it('test_create: the owner adds a member', () => {
    const output = controller.create(getFakeRequest(), UUID2, TENANT3);
    expect([output.image_id, output.member_id]).toEqual([UUID2, TENANT3]);
  });

  it('test_create_allowed_by_add_policy: add_member allowed adds', () => {
    w.policy.set_rules({ add_member: true });
    const output = controller.create(getFakeRequest(), UUID2, TENANT3);
    expect([output.image_id, output.member_id]).toEqual([UUID2, TENANT3]);
  });

  it('test_create_forbidden_by_add_policy: add_member denied answers 403', () => {
    w.policy.set_rules({ add_member: false });
    const e = httpError(() => controller.create(getFakeRequest(), UUID2, TENANT3));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`Not allowed to create members for image ${UUID2}.`);
  });

  it('test_create_duplicate_member: adding the same member twice answers 409', () => {
    const output = controller.create(getFakeRequest(), UUID2, TENANT3);
    expect([output.image_id, output.member_id]).toEqual([UUID2, TENANT3]);
    const e = httpError(() => controller.create(getFakeRequest(), UUID2, TENANT3));
    expect(e.pyName).toBe('HTTPConflict');
    expect(e.explanation).toBe(`Member ${TENANT3} is duplicated for image ${UUID2}`);
  });

  it('test_create_overlimit: a member over image_member_quota answers 413', () => {
    w.settings.image_member_quota = 0;
    expect(errorName(() => controller.create(getFakeRequest(), UUID2, TENANT3))).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_create_unlimited: a negative quota is unlimited', () => {
    w.settings.image_member_quota = -1;
    const output = controller.create(getFakeRequest(), UUID2, TENANT3);
    expect([output.image_id, output.member_id]).toEqual([UUID2, TENANT3]);
  });

  it('test_member_create_raises_bad_request_for_unicode_value: a 4-byte character answers 400', () => {
    expect(errorName(() => controller.create(getFakeRequest(), UUID5, '\u{1F693}'))).toBe('HTTPBadRequest');
  });

  it('test_update_done_by_member: the member accepts', () => {
    const output = controller.update(getFakeRequest({ tenant: TENANT4 }), UUID2, TENANT4, 'accepted');
    expect([output.image_id, output.member_id, output.status]).toEqual([UUID2, TENANT4, 'accepted']);
  });

  it('test_update_done_by_member_forbidden_by_policy: modify_member denied answers 403', () => {
    w.policy.set_rules({ modify_member: false });
    const e = httpError(() => controller.update(getFakeRequest({ tenant: TENANT4 }), UUID2, TENANT4, 'accepted'));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`Not allowed to update members for image ${UUID2}.`);
  });

  it('test_update_done_by_member_allowed_by_policy: modify_member allowed updates', () => {
    w.policy.set_rules({ modify_member: true });
    const output = controller.update(getFakeRequest({ tenant: TENANT4 }), UUID2, TENANT4, 'accepted');
    expect([output.image_id, output.member_id, output.status]).toEqual([UUID2, TENANT4, 'accepted']);
  });

  it('test_update_done_by_owner: the owner may not change a member\'s status (403)', () => {
    expect(errorName(() => controller.update(getFakeRequest({ tenant: TENANT1 }), UUID2, TENANT4, 'accepted'))).toBe('HTTPForbidden');
  });

  it('test_update_non_existent_image: an unknown image answers 404', () => {
    expect(errorName(() => controller.update(getFakeRequest({ tenant: TENANT1 }), '123', TENANT4, 'accepted'))).toBe('HTTPNotFound');
  });

  it('test_update_invalid_status: an unknown status answers 400', () => {
    const e = httpError(() => controller.update(getFakeRequest({ tenant: TENANT4 }), UUID2, TENANT4, 'accept'));
    expect(e.pyName).toBe('HTTPBadRequest');
    expect(e.explanation.startsWith('Incorrect request: ')).toBe(true);
  });

  it('test_create_private_image: a non-owner cannot add members (403)', () => {
    expect(errorName(() => controller.create(getFakeRequest(), UUID4, TENANT2))).toBe('HTTPForbidden');
  });

  it('test_create_public_image: a public image takes no members (403)', () => {
    expect(errorName(() => controller.create(getFakeRequest(), UUID1, TENANT2))).toBe('HTTPForbidden');
  });

  it('test_create_image_does_not_exist: an unknown image answers 404', () => {
    expect(errorName(() => controller.create(getFakeRequest(), 'fake-image-id', TENANT3))).toBe('HTTPNotFound');
  });

  it('test_delete: the owner removes a member and gets an empty 204', () => {
    const request = getFakeRequest();
    expect(controller.delete(request, UUID2, TENANT4)).toEqual({ status: 204 });
    expect(w.api.imageMemberFind(request.context, { imageId: UUID2, member: TENANT4 })).toEqual([]);
  });

  it('test_delete_by_member: a member may not remove themself; the row stays', () => {
    expect(errorName(() => controller.delete(getFakeRequest({ tenant: TENANT4 }), UUID2, TENANT4))).toBe('HTTPForbidden');
    expect(memberIds(controller.index(getFakeRequest(), UUID2))).toEqual([TENANT4]);
  });

  it('test_delete_allowed_by_policies: get_member and delete_member allowed delete', () => {
    w.policy.set_rules({ get_member: true, delete_member: true });
    controller.delete(getFakeRequest({ tenant: TENANT1 }), UUID2, TENANT4);
    expect(controller.index(getFakeRequest(), UUID2).members).toHaveLength(0);
  });

  it('test_delete_forbidden_by_get_member_policy: get_member denied answers 403', () => {
    w.policy.set_rules({ get_member: false });
    const e = httpError(() => controller.delete(getFakeRequest({ tenant: TENANT1 }), UUID2, TENANT4));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`You are not authorized to lookup the members of the image ${UUID2}.`);
  });

  it('test_delete_forbidden_by_delete_member_policy: delete_member denied answers 403', () => {
    w.policy.set_rules({ delete_member: false });
    const e = httpError(() => controller.delete(getFakeRequest({ tenant: TENANT1 }), UUID2, TENANT4));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`Not allowed to delete members for image ${UUID2}.`);
  });

  it('test_delete_private_image: a non-owner cannot delete members (403)', () => {
    expect(errorName(() => controller.delete(getFakeRequest(), UUID4, TENANT1))).toBe('HTTPForbidden');
  });

  it('test_delete_public_image: a public image has no members (403)', () => {
    expect(errorName(() => controller.delete(getFakeRequest(), UUID1, TENANT1))).toBe('HTTPForbidden');
  });

  it('test_delete_image_does_not_exist: an unknown image answers 404', () => {
    expect(errorName(() => controller.delete(getFakeRequest(), 'fake-image-id', TENANT2))).toBe('HTTPNotFound');
  });

  it('test_delete_member_does_not_exist: an unknown member answers 404', () => {
    const request = getFakeRequest();
    expect(w.api.imageMemberFind(request.context, { imageId: UUID2, member: 'fake-member-id' })).toEqual([]);
    const e = httpError(() => controller.delete(request, UUID2, 'fake-member-id'));
    expect(e.pyName).toBe('HTTPNotFound');
    expect(e.explanation).toBe(`fake-member-id not found in the member list of the image ${UUID2}.`);
  });
});

describe('TestImageMembersSerializer', () => {
  const serializer = new ResponseSerializer({ now: () => DATETIME });
  const fixtures = (): domain.ImageMembership[] => [
    new domain.ImageMembership({ id: 1, image_id: UUID2, member_id: TENANT1, status: 'accepted', created_at: DATETIME, updated_at: DATETIME }),
    new domain.ImageMembership({ id: 2, image_id: UUID2, member_id: TENANT2, status: 'pending', created_at: DATETIME, updated_at: DATETIME }),
  ];
  const view = (member_id: string, status: string): Record<string, unknown> => ({
    image_id: UUID2, member_id, status, created_at: ISOTIME, updated_at: ISOTIME, schema: '/v2/schemas/member',
  });
  const written = (path: string, write: (response: ReturnType<typeof responseFor>) => void) => {
    const response = responseFor(WsgiRequest.blank(path));
    write(response);
    expect(response.content_type).toBe('application/json');
    return toPlain(jsonBody(response));
  };

  it('test_index: every member with the collection schema, as JSON', () => {
    const body = written(`/v2/images/${UUID2}/members`, (r) => serializer.index(r, { members: fixtures() }));
    expect(body).toEqual({ members: [view(TENANT1, 'accepted'), view(TENANT2, 'pending')], schema: '/v2/schemas/members' });
  });

  it('test_show: one member view, as JSON', () => {
    expect(written(`/v2/images/${UUID2}/members/${TENANT1}`, (r) => serializer.show(r, fixtures()[0] as domain.ImageMembership))).toEqual(view(TENANT1, 'accepted'));
  });

  it('test_create: one member view (status 200), as JSON', () => {
    let status = 0;
    const body = written(`/v2/images/${UUID2}/members/${TENANT1}`, (r) => {
      serializer.create(r, fixtures()[0] as domain.ImageMembership);
      status = r.status_int;
    });
    expect(status).toBe(200);
    expect(body).toEqual(view(TENANT1, 'accepted'));
  });

  it('test_update: one member view, as JSON', () => {
    expect(written(`/v2/images/${UUID2}/members/${TENANT1}`, (r) => serializer.update(r, fixtures()[0] as domain.ImageMembership))).toEqual(view(TENANT1, 'accepted'));
  });
});

describe('TestImagesDeserializer', () => {
  const deserializer = new RequestDeserializer();

  it('test_create: the member id comes from the body', () => {
    expect(deserializer.create(jsonRequest({ member: TENANT1 }))).toEqual({ member_id: TENANT1 });
  });

  it('test_create_invalid: a body without member is a 400', () => {
    expect(() => deserializer.create(jsonRequest({ mem: TENANT1 }))).toThrow(HTTPBadRequest);
  });

  it('test_create_no_body: a request without a body is a 400', () => {
    expect(() => deserializer.create(getFakeWsgiRequest())).toThrow(HTTPBadRequest);
  });

  it('test_create_member_empty: an empty member is a 400', () => {
    expect(() => deserializer.create(jsonRequest({ member: '' }))).toThrow(HTTPBadRequest);
  });

  it('test_create_list_return_error: a list body is a 400', () => {
    expect(httpError(() => deserializer.create(jsonRequest([TENANT1]))).explanation).toBe('Expected a member in the form: {"member": "image_id"}');
  });

  it('test_update_list_return_error: a list body is a 400', () => {
    expect(httpError(() => deserializer.update(jsonRequest([TENANT1]))).explanation).toBe('Expected a status in the form: {"status": "status"}');
  });

  it('test_update: the status comes from the body', () => {
    expect(deserializer.update(jsonRequest({ status: 'accepted' }))).toEqual({ status: 'accepted' });
  });

  it('test_update_invalid: a body without status is a 400', () => {
    expect(() => deserializer.update(jsonRequest({ mem: TENANT1 }))).toThrow(HTTPBadRequest);
  });

  it('test_update_no_body: a request without a body is a 400', () => {
    expect(() => deserializer.update(getFakeWsgiRequest())).toThrow(HTTPBadRequest);
  });

  it("quirk: any truthy JSON value is a member id (a number passes; null and '' are 'empty')", () => {
    expect(deserializer.create(jsonRequest({ member: 5 }))).toEqual({ member_id: 5 });
    expect(httpError(() => deserializer.create(jsonRequest({ member: null }))).explanation).toBe("Member can't be empty");
  });
});

describe('ImageMembersResponseSerializer (format 1)', () => {
  it('the format-1 view is the HTTP view as a plain body', () => {
    const member = new domain.ImageMembership({ id: 1, image_id: UUID2, member_id: TENANT1, status: 'accepted', created_at: DATETIME, updated_at: DATETIME });
    expect(new ImageMembersResponseSerializer({ now: () => DATETIME }).create(member)).toEqual({
      status: 200,
      body: { image_id: UUID2, member_id: TENANT1, status: 'accepted', created_at: ISOTIME, updated_at: ISOTIME, schema: '/v2/schemas/member' },
    });
  });
});
