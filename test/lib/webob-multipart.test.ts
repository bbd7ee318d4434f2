// req.POST of multipart/form-data bodies against webob 1.8.6 over CPython
// 3.11's cgi.FieldStorage. __fixtures__/webob-multipart.json was recorded
// with /usr/bin/python3: Request.blank('/x'), method, body, Content-Type,
// then the items of req.POST (file parts as {file, filename, b64}) or the
// exception parsing raised, as [class, str(e)].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/lib/python.js';
import { environFromUrl } from '../../src/lib/webob/environ.js';
import { FieldStorage } from '../../src/lib/webob/multipart.js';
import { Request } from '../../src/lib/webob/request.js';

interface Case {
  method: string;
  content_type: string;
  body_b64: string;
  expected: unknown;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-multipart.json'), 'utf8')) as { cases: Case[] };

function post(c: Case): unknown {
  const req = new Request(environFromUrl('/x'));
  req.method = c.method;
  req.body = Buffer.from(c.body_b64, 'base64');
  req.headers.setItem('Content-Type', c.content_type);
  try {
    const items = req.POST.items() as Array<[string | null, unknown]>;
    return { ok: items.map(([k, v]) => [k, v instanceof FieldStorage ? { file: v.name, filename: v.filename, b64: v.value.toString('base64') } : v]) };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

describe('multipart form bodies as webob reads them (__fixtures__/webob-multipart.json)', () => {
  for (const c of fixture.cases) {
    it(`${c.method} ${JSON.stringify(c.content_type.slice(0, 60))} ${JSON.stringify(Buffer.from(c.body_b64, 'base64').toString('latin1').slice(0, 80))}`, () => {
      expect(post(c)).toEqual(c.expected);
    });
  }
});
