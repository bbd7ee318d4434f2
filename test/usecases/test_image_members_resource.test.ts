/**
 * Use-case port of glance/tests/unit/v2/test_image_members_resource.py on
 * both models. The fixture (five images of TENANT1/3/4, four pending
 * members) is written as rows. Glance's FakePolicyEnforcer rules become the
 * deployment's policy: a rule set to False is "!", a rule set to True is
 * left as etc/policy.json has it (open). Member rows are read with SQL
 * where Glance reads image_member_find.
 */
// not ported: TestImagesDeserializer.test_create - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_create_invalid - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_create_no_body - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_create_member_empty - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_create_list_return_error - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_update_list_return_error - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_update - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_update_invalid - deserializer not in scope (the format gives parsed args)
// not ported: TestImagesDeserializer.test_update_no_body - deserializer not in scope (the format gives parsed args)
import { afterEach, describe, expect, it } from 'vitest';
import { admin, as, expectError, expectOk } from './__test-helpers__/callers.js';
import {
  FIXTURE_EPOCH_MS, membersResourceFixture, TENANT1, TENANT2, TENANT3, TENANT4, UUID1, UUID2, UUID3, UUID4, UUID5,
} from './__test-helpers__/fixtures.js';
import { closeAll, events, MODELS, useCase, type Answer, type UseCase, type UseCaseOptions } from './__test-helpers__/usecase.js';

afterEach(closeAll);

const memberIds = (a: Answer): string[] => ((a.body?.members ?? []) as Array<{ member_id: string }>).map((m) => m.member_id);

/** The isotime of fixture member row i (insertMembers starts at FIXTURE_EPOCH + 100 s). */
const memberTime = (i: number): string => new Date(FIXTURE_EPOCH_MS + (100 + i) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe.each(MODELS)('%s model', (model) => {
  const world = (options: UseCaseOptions = {}): Promise<UseCase> => useCase(model, { ...options, seed: membersResourceFixture });
  const denied = (...rules: string[]) => world({ config: { policy: Object.fromEntries(rules.map((r) => [r, '!'])) } });
  const liveMembers = (uc: UseCase, imageId: string): string[] =>
    uc.rows('SELECT member FROM image_members WHERE image_id = ? AND deleted = 0 ORDER BY member', imageId).map((r) => r.member as string);

  describe('TestImageMembersController', () => {
    it('test_index: the owner lists the members of its shared image', async () => {
      const uc = await world();
      const a = uc.step(as(), 'member.index', { image_id: UUID2 });
      expectOk(a);
      expect(memberIds(a)).toEqual([TENANT4]);
    });

    it('test_index_no_members: a shared image without members lists none', async () => {
      const uc = await world();
      const a = uc.step(as(), 'member.index', { image_id: UUID5 });
      expectOk(a);
      expect(a.body).toEqual({ members: [] });
    });

    it('test_index_member_view: a member sees only its own membership', async () => {
      const uc = await world();
      expect(memberIds(uc.step(as({ tenant: TENANT4 }), 'member.index', { image_id: UUID3 }))).toEqual([TENANT4]);
    });

    it('test_index_private_image: a tenant who cannot see the image gets 404', async () => {
      const uc = await world();
      expectError(uc.step(as({ tenant: TENANT2 }), 'member.index', { image_id: UUID5 }), 404, `Image ${UUID5} not found.`);
    });

    it('test_index_public_image: a public image has no members, 403', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.index', { image_id: UUID1 }), 403, `Error fetching members of image ${UUID1}: Only shared images have members.`);
    });

    it('test_index_private_image_visible_members_admin: an admin lists the members of any shared image', async () => {
      const uc = await world();
      expect(memberIds(uc.step(admin(), 'member.index', { image_id: UUID4 }))).toEqual([TENANT1]);
    });

    it('test_index_allowed_by_get_members_policy: with get_members open the owner lists members', async () => {
      const uc = await world({ config: { policy: { get_members: '' } } });
      expect(memberIds(uc.step(as(), 'member.index', { image_id: UUID2 }))).toHaveLength(1);
    });

    it('test_index_forbidden_by_get_members_policy: with get_members denied listing answers 403', async () => {
      const uc = await denied('get_members');
      expectError(uc.step(as(), 'member.index', { image_id: UUID2 }), 403, `Not allowed to list members for image ${UUID2}.`);
    });

    it('test_show: the owner reads a membership', async () => {
      const uc = await world();
      const a = uc.step(as({ tenant: TENANT1 }), 'member.show', { image_id: UUID2, member_id: TENANT4 });
      expectOk(a);
      expect(a.body).toMatchObject({ image_id: UUID2, member_id: TENANT4, status: 'pending' });
    });

    it('test_show_by_member: the member reads its own membership', async () => {
      const uc = await world();
      const a = uc.step(as({ tenant: TENANT4 }), 'member.show', { image_id: UUID2, member_id: TENANT4 });
      expectOk(a);
      expect(a.body).toMatchObject({ image_id: UUID2, member_id: TENANT4, status: 'pending' });
    });

    it('test_show_forbidden: a tenant who cannot see the image gets 404', async () => {
      const uc = await world();
      expectError(uc.step(as({ tenant: TENANT2 }), 'member.show', { image_id: UUID2, member_id: TENANT4 }), 404);
    });

    it("test_show_not_found: a member cannot read another member's status, 404", async () => {
      const uc = await world();
      expectError(uc.step(as({ tenant: TENANT2 }), 'member.show', { image_id: UUID3, member_id: TENANT4 }), 404);
    });

    it('test_create: the owner adds a member (200, pending, image.member.create) and the row is stored', async () => {
      const uc = await world();
      const a = uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT3 });
      expectOk(a, 200);
      expect(a.body).toMatchObject({ image_id: UUID2, member_id: TENANT3, status: 'pending' });
      expect(events(a)).toEqual(['image.member.create']);
      expect(a.notifications[0]?.payload).toMatchObject({ image_id: UUID2, member_id: TENANT3, status: 'pending', deleted: false });
      expect(liveMembers(uc, UUID2)).toEqual([TENANT3, TENANT4].sort());
    });

    it('test_create_allowed_by_add_policy: with add_member open the owner adds a member', async () => {
      const uc = await world({ config: { policy: { add_member: '' } } });
      expect(uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT3 }).body).toMatchObject({ image_id: UUID2, member_id: TENANT3 });
    });

    it('test_create_forbidden_by_add_policy: with add_member denied adding answers 403', async () => {
      const uc = await denied('add_member');
      expectError(uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT3 }), 403, `Not allowed to create members for image ${UUID2}.`);
      expect(liveMembers(uc, UUID2)).toEqual([TENANT4]);
    });

    it('test_create_duplicate_member: adding the same member twice answers 409 the second time', async () => {
      const uc = await world();
      expectOk(uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT3 }));
      expectError(uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT3 }), 409, `Member ${TENANT3} is duplicated for image ${UUID2}`);
    });

    it('test_create_overlimit: with image_member_quota 0 adding answers 413', async () => {
      const uc = await world({ config: { image_member_quota: 0 } });
      expectError(uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT3 }), 413, new RegExp(`^Image member limit exceeded for image ${UUID2}: `));
    });

    it('test_create_unlimited: a negative member quota means unlimited', async () => {
      const uc = await world({ config: { image_member_quota: -1 } });
      expect(uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT3 }).body).toMatchObject({ image_id: UUID2, member_id: TENANT3 });
    });

    it('test_member_create_raises_bad_request_for_unicode_value: a 4-byte character in the member id answers 400 (reference runner: test/usecases/found/member-create-4byte-unicode)', async () => {
      const uc = await world();
      const a = uc.step(as(), 'member.create', { image_id: UUID5, member_id: '\u{1F693}' });
      expectError(a, 400, "Member can't contain 4 byte unicode characters.");
      expect(liveMembers(uc, UUID5)).toEqual([]);
    });

    it('test_update_done_by_member: the member accepts; the row and image.member.update say accepted', async () => {
      const uc = await world();
      const a = uc.step(as({ tenant: TENANT4 }), 'member.update', { image_id: UUID2, member_id: TENANT4, status: 'accepted' });
      expectOk(a);
      expect(a.body).toMatchObject({ image_id: UUID2, member_id: TENANT4, status: 'accepted' });
      expect(events(a)).toEqual(['image.member.update']);
      expect(uc.rows('SELECT status FROM image_members WHERE image_id = ? AND member = ?', UUID2, TENANT4)).toEqual([{ status: 'accepted' }]);
    });

    it('test_update_done_by_member_forbidden_by_policy: with modify_member denied the update answers 403', async () => {
      const uc = await denied('modify_member');
      expectError(uc.step(as({ tenant: TENANT4 }), 'member.update', { image_id: UUID2, member_id: TENANT4, status: 'accepted' }), 403,
        `Not allowed to update members for image ${UUID2}.`);
    });

    it('test_update_done_by_member_allowed_by_policy: with modify_member open the member accepts', async () => {
      const uc = await world({ config: { policy: { modify_member: '' } } });
      const a = uc.step(as({ tenant: TENANT4 }), 'member.update', { image_id: UUID2, member_id: TENANT4, status: 'accepted' });
      expect(a.body).toMatchObject({ image_id: UUID2, member_id: TENANT4, status: 'accepted' });
    });

    it("test_update_done_by_owner: the owner may not set a member's status, 403", async () => {
      const uc = await world();
      expectError(uc.step(as({ tenant: TENANT1 }), 'member.update', { image_id: UUID2, member_id: TENANT4, status: 'accepted' }), 403);
      expect(uc.rows('SELECT status FROM image_members WHERE image_id = ? AND member = ?', UUID2, TENANT4)).toEqual([{ status: 'pending' }]);
    });

    it('test_update_non_existent_image: an unknown image answers 404', async () => {
      const uc = await world();
      expectError(uc.step(as({ tenant: TENANT1 }), 'member.update', { image_id: '123', member_id: TENANT4, status: 'accepted' }), 404, 'Image 123 not found.');
    });

    it('test_update_invalid_status: an unknown status answers 400', async () => {
      const uc = await world();
      expectError(uc.step(as({ tenant: TENANT4 }), 'member.update', { image_id: UUID2, member_id: TENANT4, status: 'accept' }), 400, /^Incorrect request: /);
    });

    it("test_create_private_image: a member may not add members to another tenant's image, 403", async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.create', { image_id: UUID4, member_id: TENANT2 }), 403);
    });

    it('test_create_public_image: a public image takes no members, 403', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.create', { image_id: UUID1, member_id: TENANT2 }), 403);
    });

    it('test_create_image_does_not_exist: an unknown image answers 404', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.create', { image_id: 'fake-image-id', member_id: TENANT3 }), 404, 'Image fake-image-id not found.');
    });

    it('test_delete: the owner removes a member (204, image.member.delete) and the row is soft-deleted', async () => {
      const uc = await world();
      const a = uc.step(as(), 'member.delete', { image_id: UUID2, member_id: TENANT4 });
      expectOk(a, 204);
      expect(a.body).toBeUndefined();
      expect(events(a)).toEqual(['image.member.delete']);
      expect(a.notifications[0]?.payload).toMatchObject({ image_id: UUID2, member_id: TENANT4, deleted: true });
      expect(liveMembers(uc, UUID2)).toEqual([]);
    });

    it('test_delete_by_member: a member may not remove itself, 403, and stays listed', async () => {
      const uc = await world();
      expectError(uc.step(as({ tenant: TENANT4 }), 'member.delete', { image_id: UUID2, member_id: TENANT4 }), 403);
      expect(memberIds(uc.step(as(), 'member.index', { image_id: UUID2 }))).toEqual([TENANT4]);
    });

    it('test_delete_allowed_by_policies: with get_member and delete_member open the owner removes a member', async () => {
      const uc = await world({ config: { policy: { get_member: '', delete_member: '' } } });
      expectOk(uc.step(as({ tenant: TENANT1 }), 'member.delete', { image_id: UUID2, member_id: TENANT4 }), 204);
      expect(memberIds(uc.step(as(), 'member.index', { image_id: UUID2 }))).toEqual([]);
    });

    it('test_delete_forbidden_by_get_member_policy: with get_member denied the delete answers 403', async () => {
      const uc = await denied('get_member');
      expectError(uc.step(as({ tenant: TENANT1 }), 'member.delete', { image_id: UUID2, member_id: TENANT4 }), 403);
      expect(liveMembers(uc, UUID2)).toEqual([TENANT4]);
    });

    it('test_delete_forbidden_by_delete_member_policy: with delete_member denied the delete answers 403', async () => {
      const uc = await denied('delete_member');
      expectError(uc.step(as({ tenant: TENANT1 }), 'member.delete', { image_id: UUID2, member_id: TENANT4 }), 403,
        `Not allowed to delete members for image ${UUID2}.`);
      expect(liveMembers(uc, UUID2)).toEqual([TENANT4]);
    });

    it("test_delete_private_image: a member may not remove members of another tenant's image, 403", async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.delete', { image_id: UUID4, member_id: TENANT1 }), 403);
      expect(liveMembers(uc, UUID4)).toEqual([TENANT1]);
    });

    it('test_delete_public_image: a public image has no members to remove, 403', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.delete', { image_id: UUID1, member_id: TENANT1 }), 403);
    });

    it('test_delete_image_does_not_exist: an unknown image answers 404', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.delete', { image_id: 'fake-image-id', member_id: TENANT2 }), 404);
    });

    it('test_delete_member_does_not_exist: an unknown member answers 404', async () => {
      const uc = await world();
      expectError(uc.step(as(), 'member.delete', { image_id: UUID2, member_id: 'fake-member-id' }), 404,
        `fake-member-id not found in the member list of the image ${UUID2}.`);
    });
  });

  describe('TestImageMembersSerializer', () => {
    it('test_index: a listing is the members as image_id, member_id, status, created_at, updated_at', async () => {
      const uc = await world();
      const a = uc.step(as({ tenant: TENANT3 }), 'member.index', { image_id: UUID3 });
      const byMember = (x: { member_id: string }, y: { member_id: string }) => (x.member_id < y.member_id ? -1 : 1);
      expect(Object.keys(a.body)).toEqual(['members']);
      expect([...a.body.members].sort(byMember)).toEqual([
        { image_id: UUID3, member_id: TENANT4, status: 'pending', created_at: memberTime(1), updated_at: memberTime(1) },
        { image_id: UUID3, member_id: TENANT2, status: 'pending', created_at: memberTime(2), updated_at: memberTime(2) },
      ].sort(byMember));
    });

    it('test_show: one membership has exactly those five fields', async () => {
      const uc = await world();
      const a = uc.step(as(), 'member.show', { image_id: UUID2, member_id: TENANT4 });
      expect(a.body).toEqual({ image_id: UUID2, member_id: TENANT4, status: 'pending', created_at: memberTime(0), updated_at: memberTime(0) });
    });

    it('test_create: a created membership has those five fields, both times the step time', async () => {
      const uc = await world();
      const a = uc.step(as(), 'member.create', { image_id: UUID2, member_id: TENANT1 });
      expect(a.body).toEqual({ image_id: UUID2, member_id: TENANT1, status: 'pending', created_at: '2018-02-28T00:00:00Z', updated_at: '2018-02-28T00:00:00Z' });
    });

    it('test_update: an updated membership keeps created_at and takes the step time as updated_at', async () => {
      const uc = await world();
      const a = uc.step(as({ tenant: TENANT4 }), 'member.update', { image_id: UUID3, member_id: TENANT4, status: 'accepted' });
      expect(a.body).toEqual({ image_id: UUID3, member_id: TENANT4, status: 'accepted', created_at: memberTime(1), updated_at: '2018-02-28T00:00:00Z' });
    });
  });
});
