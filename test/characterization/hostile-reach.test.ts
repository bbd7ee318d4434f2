/**
 * The format-2 generators reach every input class that once told the
 * models (or a model and Glance) apart: sampled scenarios are searched for
 * each class, so a generator change that drops one fails here, not months
 * later in someone else's soak.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpScenarioArb, type GeneratedHttpScenario, type GeneratedStep } from '../../src/characterization/http/scenario.js';
import { ISO_TIMES } from '../../src/characterization/http/hostile-queries.js';
import { HOSTILE_LOCATION_URLS, UPLOAD_SIZES } from '../../src/characterization/http/hostile-requests.js';
import type { PyJson } from '../../src/lib/pyjson.js';

/**
 * Enough scenarios that the rarest hostile values (raw non-ASCII in a
 * query, a swift location, one ISO 8601 form of many) are drawn: each comes
 * from one random step among many kinds, a few times per thousand
 * scenarios, and the per-area stories (stories/) have made single random
 * steps a smaller share of a scenario. Sampling takes about 3 s.
 */
const SAMPLE = 2000;
let scenarios: GeneratedHttpScenario[];
let steps: GeneratedStep[];

beforeAll(() => {
  scenarios = fc.sample(httpScenarioArb, { numRuns: SAMPLE, seed: 4242 });
  steps = scenarios.flatMap((s) => s.steps);
});

const query = (s: GeneratedStep): string => s.path.split('?').slice(1).join('?');
const header = (s: GeneratedStep, name: string): string | undefined =>
  Object.entries(s.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
const keysOf = (q: string): string[] => q.split(/[&;]/).filter(Boolean).map((p) => decodeURIComponentSafe(p.split('=')[0] as string));
function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
const strings = (v: PyJson | undefined): string[] => {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v instanceof Map) return [...v.values()].flatMap(strings);
  return [];
};
const some = (what: string, test: (s: GeneratedStep) => boolean): void => {
  expect(steps.some(test), `no generated step: ${what}`).toBe(true);
};

describe('format-2 generators reach the hostile input classes', () => {
  it('repeat every kind of listing parameter', () => {
    for (const key of ['visibility', 'checksum', 'tag', 'limit', 'marker', 'sort_key', 'sort_dir', 'status', 'name', 'member_status', 'created_at']) {
      some(`GET /v2/images repeating ${key}`, (s) => s.path.startsWith('/v2/images?') && keysOf(query(s)).filter((k) => k === key).length > 1);
    }
    some('GET /v2/tasks repeating status', (s) => s.path.startsWith('/v2/tasks?') && keysOf(query(s)).filter((k) => k === 'status').length > 1);
  });

  it('write queries with ; separators, odd escapes, raw non-ASCII and encoded keys', () => {
    some('a ; separator', (s) => query(s).includes(';'));
    for (const escape of ['%FF', '%00', '%C3', '%2F']) some(`the escape ${escape}`, (s) => s.path.toUpperCase().includes(escape));
    some('raw non-ASCII in a query', (s) => /[^\u0000-\u007f]/.test(query(s)));
    some('a parameter without =', (s) => query(s).split(/[&;]/).some((p) => p !== '' && !p.includes('=')));
    some('lower-case hex escapes', (s) => /%[0-9a-f][a-f]/.test(query(s)));
  });

  it('use ISO 8601 forms Glance accepts and forms it refuses', () => {
    const used = new Set(steps.flatMap((s) => keysOf(query(s)).length ? query(s).split(/[&;]/) : []).map((p) => decodeURIComponentSafe(p.split('=').slice(1).join('='))));
    const times = [...used].map((v) => v.replace(/^[a-z]*:/, ''));
    expect(ISO_TIMES.filter((t) => times.includes(t)).length).toBeGreaterThan(ISO_TIMES.length / 2);
    expect(times).toContain('2018-02-29');
    expect(times).toContain('2018-02-28T00:00:02.5Z');
  });

  it('send every header Glance or webob reads', () => {
    for (const name of ['Accept', 'Accept-Language', 'X-Roles', 'X-Tenant-Id', 'X-Project-Id', 'X-User-Id', 'X-Identity-Status', 'X-Service-Catalog', 'X-Auth-Token', 'X-Openstack-Request-Id', 'Range', 'Content-Range']) {
      some(`the header ${name}`, (s) => header(s, name) !== undefined);
    }
    some('X-Roles with spaces', (s) => / /.test(header(s, 'X-Roles') ?? ''));
    some('X-Roles and x-roles both', (s) => 'X-Roles' in (s.headers ?? {}) && 'x-roles' in (s.headers ?? {}));
    some('a Range on a download', (s) => s.method === 'GET' && s.path.endsWith('/file') && header(s, 'Range') !== undefined);
  });

  it('send bodies of every shape under Content-Types in any case and with parameters', () => {
    some('form-encoded text', (s) => (header(s, 'Content-Type') ?? '').startsWith('application/x-www-form-urlencoded') && s.text !== undefined);
    some('multipart text', (s) => (header(s, 'Content-Type') ?? '').startsWith('multipart/form-data'));
    some('bytes on a JSON route', (s) => s.data_b64 !== undefined && !s.path.includes('/file') && !s.path.includes('/stage'));
    some('an empty text body', (s) => s.text === '');
    some('malformed JSON text', (s) => s.text === '{' || s.text === '{"name": "x",}');
    some('an odd-case Content-Type', (s) => header(s, 'Content-Type') === 'Application/JSON');
    some('a Content-Type with a charset', (s) => (header(s, 'Content-Type') ?? '').includes('charset='));
    for (const t of ['null', 'boolean', 'number', 'string', 'array']) {
      some(`a JSON ${t} body`, (s) => s.json !== undefined && (t === 'null' ? s.json === null : t === 'array' ? Array.isArray(s.json) : typeof s.json === t || (t === 'number' && typeof s.json === 'bigint')));
    }
  });

  it('upload and stage several sizes, import both ways, and create tasks of both types', () => {
    const sizes = new Set(steps.filter((s) => s.data_b64 !== undefined && /\/(file|stage)$/.test(s.path)).map((s) => Buffer.from(s.data_b64 as string, 'base64').length));
    for (const n of UPLOAD_SIZES.slice(0, 11)) expect(sizes, `no upload of ${n} bytes`).toContain(n);
    some('a stage', (s) => s.method === 'PUT' && s.path.endsWith('/stage'));
    for (const name of ['glance-direct', 'web-download']) some(`an import by ${name}`, (s) => s.path.endsWith('/import') && strings(s.json).includes(name));
    for (const type of ['import', 'api_image_import']) some(`a task of type ${type}`, (s) => s.path === '/v2/tasks' && s.json instanceof Map && s.json.get('type') === type);
  });

  it('reuse server-chosen ids of images and tasks by <uuid-N>', () => {
    some('an image named by <uuid-N>', (s) => /^\/v2\/images\/<uuid-\d+>/.test(s.path));
    some('a task named by <uuid-N>', (s) => /^\/v2\/tasks\/<uuid-\d+>$/.test(s.path));
    some('a task listing paged from <uuid-N>', (s) => /^\/v2\/tasks\?.*marker=<uuid-\d+>/.test(s.path));
  });

  it('add locations of every kind', () => {
    const urls = new Set(steps.filter((s) => s.method === 'PATCH').flatMap((s) => strings(s.json)));
    for (const url of ['http://host.invalid/gone', 'http://example.com/missing/four', 'ftp://example.com/nope', 'swift://account:key@example.com/container/obj', `http://example.com/${'x'.repeat(3000)}`]) {
      expect(HOSTILE_LOCATION_URLS).toContain(url);
      expect(urls, `no location ${url.slice(0, 40)}`).toContain(url);
    }
  });

  it('deploy at the edges: quotas, storage quotas, caps, paging, formats, policies, protections', () => {
    const configs = scenarios.map((s) => s.config as Record<string, unknown>);
    const has = (what: string, test: (c: Record<string, unknown>) => boolean): void => {
      expect(configs.some(test), `no generated deployment: ${what}`).toBe(true);
    };
    for (const q of [0, 1, -1]) has(`a quota of ${q}`, (c) => c.image_property_quota === q || c.image_tag_quota === q);
    for (const bad of ['5kb', '-5', '1.5KB', ' 10 ', '']) has(`user_storage_quota ${JSON.stringify(bad)}`, (c) => c.user_storage_quota === bad);
    has('image_size_cap 1', (c) => c.image_size_cap === 1);
    has('api_limit_max 1', (c) => c.api_limit_max === 1);
    has('limit_param_default 1', (c) => c.limit_param_default === 1);
    has('an empty disk_formats', (c) => Array.isArray(c.disk_formats) && c.disk_formats.length === 0);
    has('owner_is_tenant false', (c) => c.owner_is_tenant === false);
    has('delayed_delete', (c) => c.delayed_delete === true);
    has('a policy rule that is a list', (c) => Object.values((c.policy ?? {}) as Record<string, unknown>).some(Array.isArray));
    has('a policy rule that is null', (c) => Object.values((c.policy ?? {}) as Record<string, unknown>).some((r) => r === null));
    has('a policy rule that does not parse', (c) => Object.values((c.policy ?? {}) as Record<string, unknown>).includes('role:admin or'));
    for (const format of ['roles', 'policies']) has(`${format} protections`, (c) => c.property_protection_rule_format === format);
    has('a malformed protections file', (c) => c.property_protections === '[');
  });
});
