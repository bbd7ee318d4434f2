/**
 * Port of glance/tests/unit/v2/test_image_actions_resource.py: deactivate and
 * reactivate through the whole onion, on the SQLite db api.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageActionsController } from '../../../src/legacy/api/v2/image-actions.js';
import {
  BASE_URI, CHKSUM, TENANT1, UUID1, adminContext, createImages, dbFixture, getFakeRequest, httpError, v2World,
  type V2World,
} from '../__test-helpers__/v2-fixtures.js';

describe('TestImageActionsController', () => {
  let w: V2World;
  let controller: ImageActionsController;

  beforeEach(() => {
    w = v2World();
    controller = new ImageActionsController(w.deps());
  });
  afterEach(() => w.close());

  function createImage(status: string): void {
    createImages(w, [dbFixture(UUID1, {
      owner: TENANT1, checksum: CHKSUM, name: '1', size: 256, virtual_size: 1024, visibility: 'public',
      locations: [{ url: `${BASE_URI}/${UUID1}`, metadata: {}, status: 'active' }],
      disk_format: 'raw', container_format: 'bare', status,
    })]);
  }

  /** `_test_<action>_from_wrong_status`: only active/deactivated images may change. */
  function expectRefused(action: 'deactivate' | 'reactivate', status: string): void {
    createImage(status);
    expect(httpError(() => controller[action](getFakeRequest(), UUID1)).pyName).toBe('HTTPForbidden');
  }

  function statusInDb(): string {
    return String(w.api.imageGet(adminContext(), UUID1).status);
  }

  it('test_deactivate_from_active: an active image becomes deactivated', () => {
    createImage('active');
    controller.deactivate(getFakeRequest(), UUID1);
    expect(statusInDb()).toBe('deactivated');
  });

  it('test_deactivate_from_deactivated: deactivating twice is a no-op', () => {
    createImage('deactivated');
    controller.deactivate(getFakeRequest(), UUID1);
    expect(statusInDb()).toBe('deactivated');
  });

  it('test_deactivate_from_queued: deactivating a queued image is refused with 403', () => {
    expectRefused('deactivate', 'queued');
  });

  it('test_deactivate_from_saving: deactivating a saving image is refused with 403', () => {
    expectRefused('deactivate', 'saving');
  });

  it('test_deactivate_from_killed: deactivating a killed image is refused with 403', () => {
    expectRefused('deactivate', 'killed');
  });

  it('test_deactivate_from_pending_delete: deactivating a pending_delete image is refused with 403', () => {
    expectRefused('deactivate', 'pending_delete');
  });

  it('test_deactivate_from_deleted: deactivating a deleted image is refused with 403', () => {
    expectRefused('deactivate', 'deleted');
  });

  it('test_reactivate_from_active: reactivating an active image is a no-op', () => {
    createImage('active');
    controller.reactivate(getFakeRequest(), UUID1);
    expect(statusInDb()).toBe('active');
  });

  it('test_reactivate_from_deactivated: a deactivated image becomes active', () => {
    createImage('deactivated');
    controller.reactivate(getFakeRequest(), UUID1);
    expect(statusInDb()).toBe('active');
  });

  it('test_reactivate_from_queued: reactivating a queued image is refused with 403', () => {
    expectRefused('reactivate', 'queued');
  });

  it('test_reactivate_from_saving: reactivating a saving image is refused with 403', () => {
    expectRefused('reactivate', 'saving');
  });

  it('test_reactivate_from_killed: reactivating a killed image is refused with 403', () => {
    expectRefused('reactivate', 'killed');
  });

  it('test_reactivate_from_pending_delete: reactivating a pending_delete image is refused with 403', () => {
    expectRefused('reactivate', 'pending_delete');
  });

  it('test_reactivate_from_deleted: reactivating a deleted image is refused with 403', () => {
    expectRefused('reactivate', 'deleted');
  });
});
