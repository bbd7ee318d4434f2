/**
 * Headers a hostile client adds, each one Glance, keystonemiddleware's
 * conventions or webob read: Accept and Accept-Language (which error page,
 * which translation), the identity headers ContextMiddleware reads (roles
 * with spaces, case and duplicates, tenant and project ids, identity
 * status, service catalogs, tokens, request ids, domains), header names in
 * any case, and Range / Content-Range (downloads). Content-Type goes with
 * the bodies (hostile-requests.ts). Content-Length, Transfer-Encoding and
 * Host cannot be named in a scenario.
 */
import fc from 'fast-check';
import { w } from './values.js';

export const ACCEPTS = [
  'application/json', 'text/html', 'text/plain', '*/*', 'application/json;q=0.1, text/html', 'application/json;q=0',
  'text/html;level=1', 'application/*', 'text/*', 'TEXT/HTML', 'application/xml', 'application/json, text/html', ',,,',
  'application/json;q=abc', 'text/plain;q=0.5, application/json;q=0.5', 'image/png', 'bogus', '',
] as const;

export const ACCEPT_LANGUAGES = ['de', 'en-US', 'zz-ZZ;q=0.5, *', ';;', 'fr;q=0, en', 'zh-CN', '*', ''] as const;

/** Roles as keystonemiddleware would never write them: spaces, case, duplicates, empty items. */
export const ROLE_HEADERS = [' Admin , member ', 'admin,admin', '', ',,', 'ADMIN', 'member,reader', 'reader', 'admin;member', 'member, ', ' ', '_member_', 'Member'] as const;

export const SERVICE_CATALOGS = ['[]', '{bad', '[{"type": "image"}]', 'null', '"x"', '{}', '[{"endpoints": [{"region": "r"}], "type": "object-store"}]'] as const;

/** One identity header, overriding or adding to what `as` set. */
export const identityHeaderArb: fc.Arbitrary<Record<string, string>> = fc.oneof(
  w(3, fc.constantFrom(...ROLE_HEADERS).map((v) => ({ 'X-Roles': v }))),
  w(1, fc.constantFrom(...ROLE_HEADERS).map((v) => ({ 'x-roles': v }))),
  w(1, fc.constantFrom('admin', 'member').map((v) => ({ 'X-Roles': 'member', 'x-roles': v }))),
  w(2, fc.constantFrom('Invalid', 'confirmed', '', 'CONFIRMED', 'Confirmed').map((v) => ({ 'X-Identity-Status': v }))),
  w(2, fc.constantFrom('p-bob', '', 'p-alice', 'x'.repeat(300)).map((v) => ({ 'X-Tenant-Id': v }))),
  w(2, fc.constantFrom('p-bob', '', 'p-carol').map((v) => ({ 'X-Project-Id': v }))),
  w(1, fc.constantFrom('u-bob', '', 'u-x').map((v) => ({ 'X-User-Id': v }))),
  w(1, fc.constantFrom('p-bob', 'u-bob').map((v) => ({ 'X-Tenant': v, 'X-User': v }))),
  w(2, fc.constantFrom(...SERVICE_CATALOGS).map((v) => ({ 'X-Service-Catalog': v }))),
  w(1, fc.constantFrom('tok', '').map((v) => ({ 'X-Auth-Token': v }))),
  w(1, fc.constantFrom('req-12345678-1234-1234-1234-123456789012', 'bogus', '').map((v) => ({ 'X-Openstack-Request-Id': v }))),
  w(1, fc.constantFrom<Record<string, string>>(
    { 'X-Domain-Id': 'd' }, { 'X-User-Domain-Id': 'd' }, { 'X-Project-Domain-Id': 'd' }, { 'X-User-Name': 'alice' },
    { 'X-Project-Name': 'pa' }, { 'X-Tenant-Name': 'pa' }, { 'X-Is-Admin-Project': 'False' }, { 'X-Is-Admin-Project': 'bogus' },
    { 'X-Forwarded-Proto': 'https' }, { 'X-Image-Meta-Name': 'x' },
  )),
);

/** Range and Content-Range on a download: single, suffix, open, beyond the data, reversed, several, other units, malformed. */
export const RANGES = [
  'bytes=0-3', 'bytes=-3', 'bytes=5-', 'bytes=100-200', 'bytes=3-1', 'bytes=0-1,3-4', 'items=0-3', 'bytes=0-0', 'bytes=',
  'bytes=-0', 'bytes=0-100', 'bytes=1-1', 'Bytes=0-1', 'bytes = 0-1', 'bytes=0-',
] as const;
export const CONTENT_RANGES = ['bytes 0-3/11', 'bytes 0-3/*', 'bytes 0-30/11', 'bogus', 'bytes 2-3/4', 'bytes */11', 'bytes 0-0/1'] as const;

export const rangeHeadersArb: fc.Arbitrary<Record<string, string>> = fc.oneof(
  w(4, fc.constantFrom(...RANGES).map((r) => ({ Range: r }))),
  w(2, fc.constantFrom(...CONTENT_RANGES).map((r) => ({ 'Content-Range': r }))),
  w(1, fc.tuple(fc.constantFrom(...RANGES), fc.constantFrom(...CONTENT_RANGES)).map(([r, c]) => ({ Range: r, 'Content-Range': c }))),
  w(1, fc.constantFrom(...RANGES).map((r) => ({ range: r, 'If-Range': 'x' }))),
);

/** Headers for any request: mostly none, often Accept, sometimes identity or language. */
export const hostileHeadersArb: fc.Arbitrary<Record<string, string> | undefined> = fc.oneof(
  w(10, fc.constant(undefined)),
  w(3, fc.constantFrom(...ACCEPTS).map((a) => ({ Accept: a }))),
  w(1, fc.constantFrom(...ACCEPTS).map((a) => ({ accept: a }))),
  w(1, fc.constantFrom(...ACCEPT_LANGUAGES).map((l) => ({ 'Accept-Language': l }))),
  w(3, identityHeaderArb),
  w(1, fc.tuple(identityHeaderArb, fc.constantFrom(...ACCEPTS)).map(([h, a]) => ({ ...h, Accept: a }))),
);
