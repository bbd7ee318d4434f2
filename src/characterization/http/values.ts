/**
 * Values for generated HTTP requests: the small pools that make steps
 * collide on the same images, members and tasks (so scenarios reach deep
 * states), and the hostile values that reach every field: every JSON type
 * (floats that look like ints, huge ints, nested objects), odd strings
 * (empty, long, non-ASCII, astral, control characters, percent signs).
 */
import fc from 'fast-check';
import { PyFloat, type PyJson } from '../../lib/pyjson.js';
import type { Caller } from '../../shared/world.js';

export const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>): fc.WeightedArbitrary<T> => ({ weight, arbitrary });

/** Client-chosen image ids: steps name them without knowing what the server answered. */
export const IMAGE_IDS = [1, 2, 3, 4].map((n) => `aaaaaaaa-0000-4000-8000-00000000000${n}`);
export const UNKNOWN_ID = 'aaaaaaaa-0000-4000-8000-000000000099';

export const CALLERS = {
  alice: { user: 'u-alice', project: 'p-alice', roles: ['member'] },
  alan: { user: 'u-alan', project: 'p-alice', roles: ['member'] },
  bob: { user: 'u-bob', project: 'p-bob', roles: ['member'] },
  carol: { user: 'u-carol', project: 'p-carol', roles: ['reader'] },
  admin: { user: 'u-admin', project: 'p-admin', roles: ['admin'] },
  nobody: { user: 'u-nobody', project: null, roles: [] },
} as const satisfies Record<string, Caller>;

export const PROJECTS = ['p-alice', 'p-bob', 'p-carol'] as const;

export const callerArb: fc.Arbitrary<Caller | null> = fc.oneof(
  w(8, fc.constant<Caller>(CALLERS.alice)),
  w(3, fc.constant<Caller>(CALLERS.bob)),
  w(3, fc.constant<Caller>(CALLERS.admin)),
  w(1, fc.constant<Caller>(CALLERS.alan)),
  w(1, fc.constant<Caller>(CALLERS.carol)),
  w(1, fc.constant<Caller>(CALLERS.nobody)),
  w(1, fc.constant(null)),
);

export const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
export const DISK_FORMATS = ['raw', 'qcow2', 'iso'] as const;
export const CONTAINER_FORMATS = ['bare', 'ovf'] as const;
export const PROPERTY_KEYS = ['os_distro', 'x_foo', 'x_secret', 'hw_disk', 'spl_create_only', '42', 'img_signature_x'] as const;
/** Names the image schema or Glance treat specially when they arrive as properties. */
export const SPECIAL_KEYS = ['owner', 'locations', 'deleted', 'direct_url', 'status', 'size', 'self', 'file', 'schema', 'checksum', 'created_at', 'updated_at', 'virtual_size', 'id', 'tags'] as const;
/** Names `hasattr` finds on Glance's outermost image proxy: a PATCH of them sets the proxy, not a property. */
export const PROXY_KEYS = ['image_id', 'extra_properties', 'base', 'context', 'helper', 'image', 'delete', '__class__', '__dict__', '__doc__'] as const;
export const TAGS = ['a', 'b', 'c', 'blue'] as const;
export const MEMBER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const SORT_KEYS = ['name', 'size', 'created_at', 'updated_at', 'id', 'status', 'disk_format', 'min_disk', 'visibility', 'owner'] as const;
export const LOCATION_URLS = [
  'http://example.com/images/one',
  'http://example.com/images/two',
  'https://mirror.example.org/three',
  'http://host.invalid/gone',
  'http://example.com/missing/four',
  'ftp://example.com/nope',
  'file:///var/lib/glance/images/nope',
] as const;

/** Strings that stress parsing, printing and storage. */
export const ODD_STRINGS = ['', ' ', 'x'.repeat(256), 'é', '日本', '😀', 'a\u0000b', 'tab\there', "quo'te", 'per%cent', '<b>&amp;</b>', '\u200b', 'Ａ'] as const;

/** One value of every JSON type, the ones Glance's code meets least. */
export const anyJsonArb: fc.Arbitrary<PyJson> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom<PyJson>(0, 1, -1, 2147483647, 2147483648, 9007199254740993n, 10n ** 30n),
  // NaN and Infinity are not JSON: a scenario file cannot hold them; text bodies send them (requests.ts).
  fc.constantFrom(new PyFloat(1.0), new PyFloat(0.5), new PyFloat(-0.0), new PyFloat(1e16), new PyFloat(1e300)),
  fc.constantFrom<PyJson>('', 'x', 'public', 'raw', 'true', '5'),
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom<PyJson>([], ['a'], [1, 'b'], [null]),
  fc.constantFrom<PyJson>(new Map(), new Map([['k', 'v']]), new Map<string, PyJson>([['url', 'http://example.com/x'], ['metadata', new Map()]])),
);

/** Mostly the valid value, one time in `every` a value of any JSON type. */
export function mostly<T extends PyJson>(valid: fc.Arbitrary<T>, every = 8): fc.Arbitrary<PyJson> {
  return fc.oneof(w(every - 1, valid as fc.Arbitrary<PyJson>), w(1, anyJsonArb));
}

/** An optional field, present one time in `every`. */
export function sometimes<T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(w(every - 1, fc.constant(undefined)), w(1, arb));
}

/** An optional field, absent one time in `every`. */
export function usually<T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(w(1, fc.constant(undefined)), w(every - 1, arb));
}

/** A path segment as a client writes it: percent-encoded where needed. */
export function segment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
