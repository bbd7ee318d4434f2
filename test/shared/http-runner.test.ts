import { describe, expect, it } from 'vitest';
import { pyJsonLoads, type PyJson } from '../../src/lib/pyjson.js';
import type { HttpRequest, HttpResponse, HttpSession } from '../../src/shared/http.js';
import { runHttpScenario } from '../../src/shared/http-runner.js';
import { validateHttpScenario } from '../../src/shared/http-scenario.js';
import { httpTraceText } from '../../src/shared/http-trace.js';
import { ScenarioError } from '../../src/shared/scenario.js';
import type { Model, World } from '../../src/shared/world.js';

/** A model that answers every request with what it received, and makes an id per POST. */
function echoModel(seen: HttpRequest[]): Model {
  return {
    name: 'echo',
    open: () => {
      throw new Error('format 1 is not answered');
    },
    openHttp: (world: World): HttpSession => ({
      handle(request: HttpRequest): HttpResponse {
        seen.push(request);
        if (request.method === 'POST') {
          const id = world.ids.uuid4();
          world.notifications.emit({ event_type: 'thing.create', payload: { id, tags: ['b', 'a'] }, priority: 'INFO' });
          const body = Buffer.from(JSON.stringify({ id, tags: ['z', 'a'], size: 1.0 }).replace('"size":1', '"size":1.0'));
          return { status: 201, reason: 'Created', headers: [['Content-Type', 'application/json'], ['Location', `http://localhost/v2/things/${id}`]], body };
        }
        if (request.target.endsWith('/bytes')) return { status: 200, reason: 'OK', headers: [['Content-Type', 'application/octet-stream']], body: [Buffer.from([0xff, 0xfe]), Buffer.from([0x00])] };
        return { status: 404, reason: 'Not Found', headers: [['Content-Type', 'text/plain; charset=UTF-8'], ['Allow', 'GET'], ['Allow', 'GET, POST']], body: Buffer.from('404 Not Found\n\nnope\n\n   ') };
      },
    }),
  };
}

function scenario(steps: unknown[], config: Record<string, unknown> = {}): { s: ReturnType<typeof validateHttpScenario>; text: string } {
  const text = JSON.stringify({ format: 'peel-scenario/2', config, steps });
  return { s: validateHttpScenario(pyJsonLoads(text), 'x.scenario.json'), text };
}

const alice = { user: 'u-alice', project: 'p-alice', roles: ['member', 'reader'] };

describe('format-2 replay sends what the reference runner sends', () => {
  it('turns "as" into the identity headers keystonemiddleware would set, and sends none for the anonymous caller', () => {
    const seen: HttpRequest[] = [];
    const { s, text } = scenario([{ as: alice, method: 'GET', path: '/v2/images' }, { as: null, method: 'GET', path: '/v2/images' }]);
    runHttpScenario(s, text, echoModel(seen));
    expect(seen[0]?.headers).toEqual([['Host', 'localhost'], ['X-Identity-Status', 'Confirmed'], ['X-User-Id', 'u-alice'], ['X-Project-Id', 'p-alice'], ['X-Roles', 'member,reader']]);
    expect(seen[1]?.headers).toEqual([['Host', 'localhost']]);
  });

  it('serialises a json body as Python does, with the PATCH content type for PATCH and Content-Length always', () => {
    const seen: HttpRequest[] = [];
    const { s, text } = scenario([
      { as: null, method: 'POST', path: '/v2/images', json: { b: 1.0, a: [1, 'é'] } },
      { as: null, method: 'PATCH', path: '/v2/images/<uuid-1>', json: [] },
      { as: null, method: 'PUT', path: '/v2/images/<uuid-1>/file', data_b64: 'aGVsbG8=' },
      { as: null, method: 'PUT', path: '/v2/x', text: '' },
    ]);
    runHttpScenario(s, text, echoModel(seen));
    expect(seen[0]?.body.toString()).toBe('{"b": 1, "a": [1, "\\u00e9"]}');
    expect(seen[0]?.headers).toContainEqual(['Content-Type', 'application/json']);
    expect(seen[1]?.headers).toContainEqual(['Content-Type', 'application/openstack-images-v2.1-json-patch']);
    expect(seen[2]?.headers).toContainEqual(['Content-Type', 'application/octet-stream']);
    expect(seen[2]?.headers).toContainEqual(['Content-Length', '5']);
    expect(seen[3]?.headers).toEqual([['Host', 'localhost'], ['Content-Length', '0']]);
  });

  it('keeps a float in a json body a float', () => {
    const seen: HttpRequest[] = [];
    const text = '{"format": "peel-scenario/2", "steps": [{"as": null, "method": "POST", "path": "/v2/images", "json": {"min_ram": 1.0}}]}';
    runHttpScenario(validateHttpScenario(pyJsonLoads(text), 'f'), text, echoModel(seen));
    expect(seen[0]?.body.toString()).toBe('{"min_ram": 1.0}');
  });

  it('lets a step header replace one the runner set, webob-style (X_Roles replaces X-Roles)', () => {
    const seen: HttpRequest[] = [];
    const { s, text } = scenario([{ as: alice, method: 'GET', path: '/v2/images', headers: { X_Roles: 'admin', Accept: 'application/json' } }]);
    runHttpScenario(s, text, echoModel(seen));
    expect(seen[0]?.headers).toEqual([['Host', 'localhost'], ['X-Identity-Status', 'Confirmed'], ['X-User-Id', 'u-alice'], ['X-Project-Id', 'p-alice'], ['X_Roles', 'admin'], ['Accept', 'application/json']]);
  });

  it('resolves <uuid-N> in paths, json strings (keys too) and header values to the ids the trace numbered', () => {
    const seen: HttpRequest[] = [];
    const { s, text } = scenario([
      { as: null, method: 'POST', path: '/v2/things' },
      { as: null, method: 'GET', path: '/v2/things/<uuid-1>?marker=<uuid-1>', headers: { 'X-Thing': '<uuid-1>' } },
      { as: null, method: 'PATCH', path: '/v2/things/<uuid-1>', json: { '<uuid-1>': ['<uuid-1>'] } },
    ]);
    runHttpScenario(s, text, echoModel(seen));
    const id = JSON.parse(String(seen[2]?.body)) as Record<string, string[]>;
    const [key] = Object.keys(id);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.target).toBe(`/v2/things/${key}?marker=${key}`);
    expect(seen[1]?.headers).toContainEqual(['X-Thing', key]);
    expect(id[key as string]).toEqual([key]);
  });

  it('refuses a reference to an id not seen yet, naming the step and field', () => {
    const { s, text } = scenario([{ as: null, method: 'GET', path: '/v2/things/<uuid-1>' }]);
    expect(() => runHttpScenario(s, text, echoModel([]), { file: 'x.scenario.json' })).toThrow(ScenarioError);
    expect(() => runHttpScenario(s, text, echoModel([]), { file: 'x.scenario.json' })).toThrow('x.scenario.json: steps[0].path: <uuid-1> names no uuid seen yet');
  });
});

describe('format-2 trace entries are what the reference runner records', () => {
  it('keeps the fixed header set (last value), parses json bodies with tags sorted, numbers ids, sorts notification tags', () => {
    const { s, text } = scenario([{ as: null, method: 'POST', path: '/v2/things' }, { as: null, method: 'GET', path: '/v2/nothing' }]);
    const { trace } = runHttpScenario(s, text, echoModel([]));
    expect(httpTraceText(trace)).toBe(`{
 "format": "peel-trace/2",
 "steps": [
  {
   "headers": {
    "content-type": "application/json",
    "location": "http://localhost/v2/things/<uuid-1>"
   },
   "json": {
    "id": "<uuid-1>",
    "size": 1.0,
    "tags": [
     "a",
     "z"
    ]
   },
   "notifications": [
    {
     "event_type": "thing.create",
     "payload": {
      "id": "<uuid-1>",
      "tags": [
       "a",
       "b"
      ]
     }
    }
   ],
   "status": 201
  },
  {
   "headers": {
    "allow": "GET, POST",
    "content-type": "text/plain; charset=UTF-8"
   },
   "notifications": [],
   "status": 404,
   "text": "404 Not Found\\n\\nnope\\n\\n   "
  }
 ]
}
`);
  });

  it('drains a streamed body and records bytes that are not UTF-8 as data_b64', () => {
    const { s, text } = scenario([{ as: null, method: 'GET', path: '/v2/images/x/bytes' }]);
    const { trace } = runHttpScenario(s, text, echoModel([]));
    const step = (trace.get('steps') as PyJson[])[0] as Map<string, PyJson>;
    expect(step.get('data_b64')).toBe(Buffer.from([0xff, 0xfe, 0x00]).toString('base64'));
  });
});

describe('format-2 scenarios are read strictly', () => {
  const bad = (steps: unknown[], where: string, problem: string) => {
    const text = JSON.stringify({ format: 'peel-scenario/2', steps });
    expect(() => validateHttpScenario(pyJsonLoads(text), 'x.scenario.json')).toThrow(`x.scenario.json: ${where}: ${problem}`);
  };
  it('names an unknown step key', () => bad([{ as: null, method: 'GET', path: '/v2/x', op: 'image.show' }], 'steps[0].op', 'unknown key'));
  it('wants paths under /v2/', () => bad([{ as: null, method: 'GET', path: '/v1/images' }], 'steps[0].path', 'must start with /v2/'));
  it('wants the path before the query in ASCII', () => bad([{ as: null, method: 'GET', path: '/v2/images/é' }], 'steps[0].path', 'the path before "?" must be ASCII'));
  it('allows one body only', () => bad([{ as: null, method: 'PUT', path: '/v2/x', json: {}, text: '' }], 'steps[0].text', 'give at most one of json, text, data_b64'));
  it('refuses framing headers', () => bad([{ as: null, method: 'GET', path: '/v2/x', headers: { 'content-length': '3' } }], 'steps[0].headers.content-length', 'Content-Length, Transfer-Encoding and Host'));
  it('wants header values to be strings', () => bad([{ as: null, method: 'GET', path: '/v2/x', headers: { Accept: 1 } }], 'steps[0].headers.Accept', 'expected a string'));
  it('checks the config as format 1 does', () => {
    const text = JSON.stringify({ format: 'peel-scenario/2', config: { image_tag_quota: '5' }, steps: [] });
    expect(() => validateHttpScenario(pyJsonLoads(text), 'x.scenario.json')).toThrow('config.image_tag_quota: expected an integer');
  });
});

describe('config bounds Glance enforces at start-up', () => {
  it.each([['image_size_cap', 0], ['limit_param_default', 0], ['api_limit_max', -1]])('refuses %s = %s as the reference runner does', (key, value) => {
    const text = JSON.stringify({ format: 'peel-scenario/2', config: { [key]: value }, steps: [] });
    expect(() => validateHttpScenario(pyJsonLoads(text), 'x.scenario.json')).toThrow(`config.${key}: should be between`);
  });
});
