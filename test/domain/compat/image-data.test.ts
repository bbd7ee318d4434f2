import { describe, expect, it } from 'vitest';
import {
  nothingStaged, rangeImageSize, sizeCapOverflow, stagedPath, stageRefused, swallowRestoreFailure,
} from '../../../src/domain/compat/image-data.js';
import { DomainError } from '../../../src/domain/errors.js';
import { Forbidden, NotFound } from '../../../src/shared/store/exceptions.js';

describe('image data as Glance handles it (ledger #17, #18, #21b, #40, #41)', () => {
  it('quirk #17: a failing restore is swallowed, so the image stays where the failure left it', () => {
    let tried = false;
    expect(() => swallowRestoreFailure(() => {
      tried = true;
      throw new DomainError('InvalidImageStatusTransition', 'Image status transition from active to queued is not allowed');
    })).not.toThrow();
    expect(tried).toBe(true);
  });

  it('quirk #18: overflowing image_size_cap is reported as the storage quota failure, with the declared size', () => {
    const e = sizeCapOverflow(null, 10)() as DomainError;
    expect(e.kind).toBe('StorageQuotaFull');
    expect(e.message).toBe('The size of the data None will exceed the limit. 10 bytes remaining.');
  });

  it('quirk #40: staging data without the right to change the image escapes as a bare 500 named Forbidden', () => {
    const e = stageRefused();
    expect(e.status).toBe(500);
    expect(e.glanceClass).toBe('Forbidden');
    expect(e.message).toBe("You are not permitted to modify 'status' on this image.");
  });

  it("quirk #21b: the staged path joins the staging uri and the id with '/', doubling the slash", () => {
    expect(stagedPath('/data/staging/', 'id-1')).toBe('file:///data/staging//id-1');
  });

  it("quirk #21b: the store's NotFound for nothing staged becomes the delete's 404; other store failures are not this quirk", () => {
    expect(nothingStaged(new NotFound('gone'))).toMatchObject({ kind: 'NotFound', message: 'gone', status: 404 });
    expect(nothingStaged(new Forbidden('no'))).toBeNull();
  });

  it('quirk #41: a download range is compared with 0 for an image without a size', () => {
    expect(rangeImageSize(null)).toBe(0);
    expect(rangeImageSize(42)).toBe(42);
  });
});
