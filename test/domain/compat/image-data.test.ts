import { describe, expect, it } from 'vitest';
import {
  killsImage, nothingStaged, rangeImageSize, sizeCapOverflow, stagedPath, stageRefused, swallowRestoreFailure, verifierFailure,
} from '../../../src/domain/compat/image-data.js';
import { DomainError } from '../../../src/domain/errors.js';
import { Forbidden, NotFound } from '../../../src/shared/store/exceptions.js';
import { getVerifier } from '../../../src/shared/store/signature.js';
import { raised } from '../__test-helpers__/failures.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';

/** The verifier of the fixture's signed images (steps 5 and 8 of image-quirks), built without a key manager. */
const building = (signature: string): unknown => raised(() => getVerifier({
  context: null, img_signature_certificate_uuid: 'cert-1', img_signature_hash_method: 'SHA-256',
  img_signature: signature, img_signature_key_type: 'RSA-PSS',
}));

describe('image data as Glance handles it (ledger #17, #18, #21b, #32, #40, #41)', () => {
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

  it('quirk #32: building the verifier without a key manager fails the certificate lookup: 400 and the image killed', () => {
    const e = verifierFailure(building('aGVsbG8='));
    expect(e).toMatchObject({ kind: 'SignatureVerificationError', status: recorded('image-quirks', 6).status });
    expect(recordedExplanation('image-quirks', 6)).toBe(`Signature verification failed for image 11111111-1111-4111-8912-000000000003: ${e.message}`);
    expect(killsImage(e)).toBe(true);
    expect(recorded('image-quirks', 7).json).toMatchObject({ status: 'killed' });
  });

  it("quirk #32: a signature that is not ASCII is Python's ValueError instead: 400 and the image back to queued", () => {
    const e = verifierFailure(building('\u00e9t\u00e9'));
    expect(e).toMatchObject({ kind: 'BadValue', status: recorded('image-quirks', 9).status });
    expect(e.message).toBe(recordedExplanation('image-quirks', 9));
    expect(killsImage(e)).toBe(false);
    expect(recorded('image-quirks', 10).json).toMatchObject({ status: 'queued' });
  });
});
