/**
 * Use-case port of glance/tests/unit/v2/test_image_actions_resource.py:
 * deactivate and reactivate as the image owner, on both models. Glance's
 * fixture (one public image of TENANT1 with a location, in the status under
 * test) is written as rows; the stored status is read back with SQL as
 * Glance reads it back with db.image_get.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { as, expectError, expectOk } from './__test-helpers__/callers.js';
import { BASE_URI, CHKSUM, insertImages, TENANT1, UUID1 } from './__test-helpers__/fixtures.js';
import { closeAll, events, MODELS, useCase, type UseCase } from './__test-helpers__/usecase.js';

afterEach(closeAll);

describe.each(MODELS)('%s model', (model) => {
  /** @see glance/tests/unit/v2/test_image_actions_resource.py TestImageActionsController._create_image */
  const imageIn = (status: string): Promise<UseCase> =>
    useCase(model, {
      seed: (db) => insertImages(db, [{
        id: UUID1, owner: TENANT1, checksum: CHKSUM, name: '1', size: 256, virtual_size: 1024, visibility: 'public',
        locations: [{ url: `${BASE_URI}/${UUID1}` }], disk_format: 'raw', container_format: 'bare', status,
      }]),
    });
  const storedStatus = (uc: UseCase): unknown => uc.rows('SELECT status FROM images WHERE id = ?', UUID1)[0]?.status;

  describe('TestImageActionsController', () => {
    it('test_deactivate_from_active: an active image becomes deactivated and one image.update is sent', async () => {
      const uc = await imageIn('active');
      const a = uc.step(as(), 'image.deactivate', { image_id: UUID1 });
      expectOk(a, 204);
      expect(events(a)).toEqual(['image.update']);
      expect(a.notifications[0]?.payload).toMatchObject({ id: UUID1, status: 'deactivated' });
      expect(storedStatus(uc)).toBe('deactivated');
    });

    it('test_deactivate_from_deactivated: deactivating again changes nothing and sends nothing', async () => {
      const uc = await imageIn('deactivated');
      const a = uc.step(as(), 'image.deactivate', { image_id: UUID1 });
      expectOk(a, 204);
      expect(events(a)).toEqual([]);
      expect(storedStatus(uc)).toBe('deactivated');
    });

    const deactivateRefused = async (status: string): Promise<void> => {
      const uc = await imageIn(status);
      expectError(uc.step(as(), 'image.deactivate', { image_id: UUID1 }), 403, `Not allowed to deactivate image in status '${status}'`);
      expect(storedStatus(uc)).toBe(status);
    };
    it('test_deactivate_from_queued: deactivating a queued image answers 403 and keeps the status', () => deactivateRefused('queued'));
    it('test_deactivate_from_saving: deactivating a saving image answers 403 and keeps the status', () => deactivateRefused('saving'));
    it('test_deactivate_from_killed: deactivating a killed image answers 403 and keeps the status', () => deactivateRefused('killed'));
    it('test_deactivate_from_pending_delete: deactivating a pending_delete image answers 403 and keeps the status', () => deactivateRefused('pending_delete'));
    it('test_deactivate_from_deleted: deactivating a deleted image answers 403 and keeps the status', () => deactivateRefused('deleted'));

    it('test_reactivate_from_active: reactivating an active image changes nothing and sends nothing', async () => {
      const uc = await imageIn('active');
      const a = uc.step(as(), 'image.reactivate', { image_id: UUID1 });
      expectOk(a, 204);
      expect(events(a)).toEqual([]);
      expect(storedStatus(uc)).toBe('active');
    });

    it('test_reactivate_from_deactivated: a deactivated image becomes active again and keeps its location', async () => {
      const uc = await imageIn('deactivated');
      const a = uc.step(as(), 'image.reactivate', { image_id: UUID1 });
      expectOk(a, 204);
      expect(events(a)).toEqual(['image.update']);
      expect(storedStatus(uc)).toBe('active');
      // The simple driver Glance's test ran on wipes the locations here (a non-admin reads a
      // deactivated image without them); the SQL driver keeps them (checked with the reference runner).
      expect(uc.rows("SELECT value FROM image_locations WHERE image_id = ? AND deleted = 0 AND status = 'active'", UUID1))
        .toEqual([{ value: `${BASE_URI}/${UUID1}` }]);
    });

    const reactivateRefused = async (status: string): Promise<void> => {
      const uc = await imageIn(status);
      expectError(uc.step(as(), 'image.reactivate', { image_id: UUID1 }), 403, `Not allowed to reactivate image in status '${status}'`);
      expect(storedStatus(uc)).toBe(status);
    };
    it('test_reactivate_from_queued: reactivating a queued image answers 403 and keeps the status', () => reactivateRefused('queued'));
    it('test_reactivate_from_saving: reactivating a saving image answers 403 and keeps the status', () => reactivateRefused('saving'));
    it('test_reactivate_from_killed: reactivating a killed image answers 403 and keeps the status', () => reactivateRefused('killed'));
    it('test_reactivate_from_pending_delete: reactivating a pending_delete image answers 403 and keeps the status', () => reactivateRefused('pending_delete'));
    it('test_reactivate_from_deleted: reactivating a deleted image answers 403 and keeps the status', () => reactivateRefused('deleted'));
  });
});
