/**
 * Query strings a hostile client writes for the two listings (images and
 * tasks): every parameter Glance's deserializers or db api read, repeated
 * (the deserializer checks one value, the db api pops another), parameters
 * no one reads (they become property filters), `;` and empty separators,
 * every percent-encoding class (lower-case hex, `+`, `%00`, escapes that are
 * not UTF-8, raw non-ASCII, encoded keys), and the ISO 8601 forms Glance's
 * time filters accept and refuse.
 */
import fc from 'fast-check';
import { IMAGE_IDS, PROPERTY_KEYS, SORT_KEYS, TAGS, UNKNOWN_ID, VISIBILITIES, w } from './values.js';

/** One query parameter before it is written: a key, and a value or none (`?limit`). */
export type QueryParam = readonly [string, string | null];

/**
 * ISO 8601 texts: what `iso8601.parse_date` (Glance's `parse_isotime`)
 * accepts in its many forms, and what it refuses or overflows on.
 */
export const ISO_TIMES = [
  // accepted
  '2018-02-28T00:00:02Z', '2018-02-28T00:00:02', '2018-02-28', '2018-02-28T00:00:02.5Z', '2018-02-28T00:00:02,5Z',
  '2018-02-28T00:00:02.000249+00:00', '2018-02-28T00:00:02.1234567Z', '2018-02-28 00:00:02', '2018-02-28T00:00Z',
  '2018-02-28T00Z', '20180228T000002Z', '20180228', '2018-02', '2018', '2018-02-28T01:00:00+01:00', '2018-02-27T23:00:00-0100',
  '2018-02-28T00:00:02+01', '2018-02-28t00:00:02z', '2018-02-28T00:00:02-00:00', '2018-02-28T00:00:02.Z',
  // refused or overflowing
  '2018-02-29', '2018-02-28T24:00:00Z', '2018-02-28T00:00:60Z', '2018-13-01', '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-01:00', '2018-01-01T00:00:00+23:99', '2018-02-28T00:00:02+25:00', '2018-W09-3', '2018-059',
  '18-02-28', 'yesterday', '', ' 2018-02-28', '2018-02-28T00:00:02Z ', '２０１８-02-28', '2018-02-28T00:00:02ZZ', 'T00:00:02',
] as const;

const TIME_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'in', 'bogus', ''] as const;

/** `op:time`, a bare time, or an operator alone. */
export const timeFilterValueArb: fc.Arbitrary<string> = fc.oneof(
  w(6, fc.tuple(fc.constantFrom(...TIME_OPS), fc.constantFrom(...ISO_TIMES)).map(([op, t]) => (op === '' ? t : `${op}:${t}`))),
  w(1, fc.constantFrom('gt:', ':', 'gt:gt:2018-02-28', 'GT:2018-02-28')),
);

/** Values a field filter (name, id, status, formats) takes, with the `in:` and `eq:` operators and quoting. */
const fieldValueArb = fc.constantFrom(
  'cirros', 'prelude', 'café', 'in:café,日本', 'in:prelude,cirros', 'in:"prelude,x",y', 'in:"a', 'eq:prelude', 'neq:x', 'in:', 'eq:', 'active', 'queued',
  'in:active,queued', 'raw', 'bare', 'in:raw,qcow2', IMAGE_IDS[0] as string, `in:${IMAGE_IDS[0]},${IMAGE_IDS[1]}`, '',
);

/** A value pool per parameter the images listing reads. */
const IMAGE_PARAM_VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  limit: fc.constantFrom('0', '1', '2', '3', '-1', 'x', '1.5', ' 2', '2 ', '+2', '0x1', '１', '99999999999999999999', '', '00'),
  marker: fc.constantFrom(...IMAGE_IDS.slice(0, 3), UNKNOWN_ID, '<uuid-1>', 'nope', '', IMAGE_IDS[0]!.toUpperCase()),
  sort_key: fc.constantFrom(...SORT_KEYS, 'tags', 'locations', 'properties', 'members', 'bogus', '', 'NAME', ' name'),
  sort_dir: fc.constantFrom('asc', 'desc', 'ASC', 'up', '', ' desc'),
  sort: fc.constantFrom('name', 'name:asc', 'name:desc,size:asc', 'size,created_at:asc', 'name:', ':asc', ',', '', 'name:asc,name:desc', 'bogus:asc', 'name:up', 'tags:asc'),
  visibility: fc.constantFrom(...VISIBILITIES, 'all', 'bogus', '', 'Public'),
  member_status: fc.constantFrom('pending', 'accepted', 'rejected', 'all', 'bogus', ''),
  tag: fc.constantFrom(...TAGS, '', 'é', '日本', 'a,b', 'x'.repeat(300)),
  tags: fc.constantFrom('a', 'ab', '', 'blue'),
  status: fieldValueArb,
  name: fieldValueArb,
  id: fieldValueArb,
  disk_format: fieldValueArb,
  container_format: fieldValueArb,
  checksum: fc.constantFrom('5d41402abc4b2a76b9719d911017c592', 'x', '', 'in:x'),
  owner: fc.constantFrom('p-alice', 'p-bob', '', 'P-ALICE'),
  protected: fc.constantFrom('true', 'false', 'True', '1', ''),
  size_min: fc.constantFrom('0', '1', '5', 'x', '-1', '1.5', ''),
  size_max: fc.constantFrom('0', '5', '100', 'x', ''),
  min_ram: fc.constantFrom('0', '1', 'x'),
  min_disk_min: fc.constantFrom('0', '1', 'x'),
  virtual_size_max: fc.constantFrom('0', '5'),
  bogus_min: fc.constantFrom('1', 'x'),
  created_at: timeFilterValueArb,
  updated_at: timeFilterValueArb,
  'changes-since': fc.constantFrom('2018-02-28T00:00:00Z', '', 'x'),
  deleted: fc.constantFrom('true', 'false', '1', ''),
  is_public: fc.constantFrom('true', 'false'),
  properties: fc.constantFrom('x', '{}'),
  locations: fc.constantFrom('x'),
  members: fc.constantFrom('x'),
  direct_url: fc.constantFrom('x'),
  _method: fc.constantFrom('GET', 'get', 'DELETE', 'bogus'),
  os_distro: fc.constantFrom('v1', 'v2', 'ubuntu', '', '日本', 'é'),
  x_foo: fc.constantFrom('v1', 'v2'),
  x_secret: fc.constantFrom('v1'),
  '42': fc.constantFrom('v1'),
  '': fc.constantFrom('', 'x'),
};

const TASK_PARAM_VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  limit: fc.constantFrom('0', '1', '2', '-1', 'x', ''),
  marker: fc.constantFrom('<uuid-1>', '<uuid-2>', UNKNOWN_ID, 'nope', ''),
  sort_key: fc.constantFrom('created_at', 'updated_at', 'status', 'type', 'id', 'owner', 'expires_at', 'input', 'bogus', ''),
  sort_dir: fc.constantFrom('asc', 'desc', 'up', ''),
  status: fc.constantFrom('pending', 'processing', 'success', 'failure', 'bogus', ''),
  type: fc.constantFrom('import', 'api_image_import', 'bogus', ''),
  owner: fc.constantFrom('p-alice', 'p-admin', 'p-bob'),
  id: fc.constantFrom('<uuid-1>', UNKNOWN_ID),
  deleted: fc.constantFrom('true', '1'),
  input: fc.constantFrom('x'),
  bogus: fc.constantFrom('x'),
};

function paramArb(values: Readonly<Record<string, fc.Arbitrary<string>>>, keys: fc.Arbitrary<string>): fc.Arbitrary<QueryParam> {
  return keys.chain((key) =>
    fc.oneof(
      w(12, (values[key] ?? fc.constant('x')).map((v): QueryParam => [key, v])),
      w(1, fc.constant<QueryParam>([key, null])),
    ),
  );
}

/** A parameter, and now and then the same key again with another value (or the same one). */
function repeatedParamsArb(one: fc.Arbitrary<QueryParam>, values: Readonly<Record<string, fc.Arbitrary<string>>>): fc.Arbitrary<QueryParam[]> {
  return one.chain(([key, value]) =>
    fc.oneof(
      w(3, fc.constant<QueryParam[]>([[key, value]])),
      w(2, fc.array(values[key] ?? fc.constant('x'), { minLength: 1, maxLength: 2 }).map((more) => [[key, value] as QueryParam, ...more.map((v): QueryParam => [key, v])])),
    ),
  );
}

const IMAGE_KEYS = Object.keys(IMAGE_PARAM_VALUES);
const imageKeyArb = fc.oneof(
  w(8, fc.constantFrom('limit', 'marker', 'sort_key', 'sort_dir', 'sort', 'visibility', 'member_status', 'tag', 'status', 'name', 'created_at', 'updated_at', 'checksum', 'os_distro')),
  w(4, fc.constantFrom(...IMAGE_KEYS)),
  w(1, fc.constantFrom(...PROPERTY_KEYS)),
);

/** Query parameters of `GET /v2/images`: 1-5 of them, keys often repeated. */
export const imageQueryParamsArb: fc.Arbitrary<QueryParam[]> = fc
  .array(repeatedParamsArb(paramArb(IMAGE_PARAM_VALUES, imageKeyArb), IMAGE_PARAM_VALUES), { minLength: 1, maxLength: 4 })
  .map((groups) => groups.flat());

/** `created_at` and `updated_at` filters, one or both, sometimes the same one twice. */
export const timeFilterParamsArb: fc.Arbitrary<QueryParam[]> = fc.array(
  fc.tuple(fc.constantFrom('created_at', 'updated_at'), timeFilterValueArb).map((p): QueryParam => p),
  { minLength: 1, maxLength: 2 },
);

const TASK_KEYS = Object.keys(TASK_PARAM_VALUES);
/** Query parameters of `GET /v2/tasks`. */
export const taskQueryParamsArb: fc.Arbitrary<QueryParam[]> = fc
  .array(repeatedParamsArb(paramArb(TASK_PARAM_VALUES, fc.constantFrom(...TASK_KEYS)), TASK_PARAM_VALUES), { minLength: 1, maxLength: 3 })
  .map((groups) => groups.flat());

// ------------------------------------------------------------------ writing a query string

/** How a key or value is written: the percent-encoding classes a client may use. */
export type Encoding = 'plain' | 'minimal' | 'all' | 'lower' | 'plus' | 'raw';

/** Percent-encodes the UTF-8 bytes of `s` that `keep` does not let through. */
function percent(s: string, keep: (c: string) => boolean, lower = false): string {
  let out = '';
  for (const c of s) {
    if (keep(c)) {
      out += c;
      continue;
    }
    for (const b of Buffer.from(c, 'utf8')) {
      const hex = b.toString(16).padStart(2, '0');
      out += '%' + (lower ? hex : hex.toUpperCase());
    }
  }
  return out;
}

const UNRESERVED = /^[A-Za-z0-9_.~-]$/;

/**
 * Writes one key or value under an encoding; `raw` keeps non-ASCII as it is
 * (UTF-8 on the wire). `<uuid-N>` references stay as written: the runner
 * resolves them in the text of the path.
 */
export function encodeQueryPart(s: string, encoding: Encoding): string {
  return s
    .split(/(<uuid-[0-9]+>)/)
    .map((piece, i) => (i % 2 === 1 ? piece : encodePiece(piece, encoding)))
    .join('');
}

function encodePiece(s: string, encoding: Encoding): string {
  switch (encoding) {
    case 'plain':
      return percent(s, (c) => UNRESERVED.test(c) || c === ':' || c === ',');
    case 'minimal':
      return percent(s, (c) => c > ' ' && c < '\u007f' && !'&;=#%+'.includes(c));
    case 'all':
      return percent(s, () => false);
    case 'lower':
      return percent(s, (c) => UNRESERVED.test(c), true);
    case 'plus':
      return percent(s, (c) => UNRESERVED.test(c) || c === ' ').replace(/ /g, '+');
    case 'raw':
      return percent(s, (c) => c > '\u007f' || (c > ' ' && !'&;=#%+'.includes(c)));
  }
}

export const encodingArb: fc.Arbitrary<Encoding> = fc.oneof(
  w(10, fc.constant<Encoding>('plain')),
  w(2, fc.constantFrom<Encoding>('minimal', 'plus')),
  w(2, fc.constantFrom<Encoding>('all', 'lower')),
  w(3, fc.constant<Encoding>('raw')),
);

/** Bytes no encoder writes: escapes that are not UTF-8, NUL, a lone `%`. */
const RAW_ODDITIES = ['%FF', '%C3', '%C3%28', '%E9', '%00', '%', '%G1', '%2', '%ED%A0%80', '%F0%9F%98'] as const;

/** `?a=1&b=2`, with now and then `;` or empty separators, a trailing `&`, an odd escape spliced into a value. */
export function queryStringArb(params: fc.Arbitrary<QueryParam[]>): fc.Arbitrary<string> {
  return fc
    .record({
      params,
      encoding: encodingArb,
      separator: fc.oneof(w(10, fc.constant('&')), w(2, fc.constant(';')), w(1, fc.constantFrom('&&', '&;', ';;'))),
      trailing: fc.oneof(w(12, fc.constant('')), w(1, fc.constantFrom('&', ';', '&='))),
      oddity: fc.oneof(w(4, fc.constant(null)), w(1, fc.constantFrom(...RAW_ODDITIES))),
    })
    .map(({ params: ps, encoding, separator, trailing, oddity }) => {
      const parts = ps.map(([k, v]) => (v === null ? encodeQueryPart(k, encoding) : `${encodeQueryPart(k, encoding)}=${encodeQueryPart(v, encoding)}`));
      if (oddity !== null && parts.length > 0) parts[parts.length - 1] += oddity;
      return '?' + parts.join(separator) + trailing;
    });
}
