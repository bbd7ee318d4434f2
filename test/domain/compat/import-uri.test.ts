import { describe, expect, it } from 'vitest';
import { uriPort } from '../../../src/domain/compat/import-uri.js';
import { failure } from '../__test-helpers__/failures.js';

describe("a web-download URI's port as urllib reads it (ledger #68)", () => {
  it('reads no port as null and an ASCII port as its number, past user info and IPv6 brackets', () => {
    expect(uriPort('example.com')).toBeNull();
    expect(uriPort('user:pw@example.com:8080')).toBe(8080);
    expect(uriPort('[::1]:443')).toBe(443);
    expect(uriPort('example.com:')).toBeNull();
  });

  it('quirk #68: a port that is not an ASCII integer, or beyond 65535, escapes as ValueError (500)', () => {
    expect(failure(() => uriPort('example.com:x'))).toMatchObject({ kind: 'ValueError', status: 500, message: "Port could not be cast to integer value as 'x'" });
    expect(failure(() => uriPort('example.com:65536')).message).toBe('Port out of range 0-65535');
  });
});
