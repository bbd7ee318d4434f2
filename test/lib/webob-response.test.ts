// webob.Response against webob 1.8.6. __fixtures__/webob-response.json was
// recorded with /usr/bin/python3 (Debian 12's python3-webob 1.8.6): scripts
// of operations on a Response (construct, set/get/delete an attribute, set a
// header, write), the status and header list after each step, and the
// response as `Request.blank(path).get_response(resp)` serves it (Location
// made absolute). Bytes are base64 under `__bytes__`; errors are
// [exception class, str(e)].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/lib/python.js';
import { Request } from '../../src/lib/webob/request.js';
import { Response, type ResponseInit } from '../../src/lib/webob/response.js';
import { environFromUrl } from '../../src/lib/webob/environ.js';

type Op = [string, ...unknown[]];
interface Case {
  script: Op[];
  path: string;
  method: string;
  expected: { trace: Array<{ result: unknown; status: string | null; headerlist: Array<[string, string]> | null }>; served: unknown };
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-response.json'), 'utf8')) as { cases: Case[] };

function conv(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if ('__bytes__' in o) return Buffer.from(o['__bytes__'] as string, 'base64');
    if ('__chunks__' in o) return (function* () {
      for (const c of o['__chunks__'] as string[]) yield Buffer.from(c, 'base64');
    })();
    if ('__list__' in o) return (o['__list__'] as string[]).map((c) => Buffer.from(c, 'base64'));
  }
  return v;
}

function out(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { __bytes__: v.toString('base64') };
  if (v instanceof Map) return Object.fromEntries(v);
  return v ?? null;
}

function attempt(f: () => unknown): unknown {
  try {
    return { ok: out(f()) };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

function run(c: Case): unknown {
  const trace: unknown[] = [];
  let resp: Response | null = null;
  const attrs = (): Record<string, unknown> => resp as unknown as Record<string, unknown>;
  for (const op of c.script) {
    let r: unknown;
    const [kind, a, b] = op;
    if (kind === 'init') {
      const kw: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(a as Record<string, unknown>)) kw[k] = k === 'request' ? new Request(environFromUrl('/x')) : conv(v);
      r = attempt(() => {
        resp = new Response(kw as ResponseInit);
        return null;
      });
    } else if (kind === 'set') r = attempt(() => void (attrs()[a as string] = conv(b)));
    else if (kind === 'del') r = attempt(() => void (attrs()[a as string] = null));
    else if (kind === 'get') r = attempt(() => attrs()[a as string]);
    else if (kind === 'hset') r = attempt(() => (resp as Response).headers.setItem(a as string, b as string));
    else if (kind === 'write') r = attempt(() => (resp as Response).write(conv(a) as Buffer));
    const cur = resp as Response | null;
    trace.push({ result: r, status: cur ? cur.status : null, headerlist: cur ? cur.headerlist.map(([k, v]) => [k, v]) : null });
  }
  let served: unknown = null;
  const final = resp as Response | null;
  if (final !== null) {
    const req = new Request(environFromUrl(c.path));
    req.method = c.method;
    served = attempt(() => {
      const rr = req.get_response(final);
      return { status: rr.status, headerlist: rr.headerlist.map(([k, v]) => [k, v]), body: rr.body.toString('base64') };
    });
  }
  return { trace, served };
}

describe('webob.Response against webob 1.8.6 (__fixtures__/webob-response.json)', () => {
  for (const c of fixture.cases) {
    it(`${JSON.stringify(c.script)} served for ${c.method} ${c.path}`, () => {
      expect(run(c)).toEqual(c.expected);
    });
  }
});
