// The environ and the webob Request attributes of odd requests, against
// webob 1.8.6 itself. __fixtures__/webob-requests.json was recorded with
// /usr/bin/python3 (Debian 12's python3-webob 1.8.6) by building each request
// as the reference runner does (Request.blank(target after /v2), method,
// req.body, req.headers[name] = value) and reading the same attributes;
// errors are recorded as [exception class, str(e)].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/shared/http.js';
import { PyException } from '../../src/lib/python.js';
import { NoVars } from '../../src/lib/webob/multidict.js';
import { Request } from '../../src/lib/webob/request.js';
import { environFromRequest } from '../../src/lib/webob/environ.js';

interface Case {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body_b64: string | null;
  expected: { blank_error?: [string, string]; environ?: Record<string, string>; attrs?: Record<string, unknown> };
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-requests.json'), 'utf8')) as { cases: Case[] };

function requestOf(c: Case): HttpRequest {
  const headers: Array<[string, string]> = [...c.headers];
  const body = c.body_b64 === null ? Buffer.alloc(0) : Buffer.from(c.body_b64, 'base64');
  if (c.body_b64 !== null) headers.unshift(['Content-Length', String(body.length)]);
  return { method: c.method, target: c.target, headers, body };
}

/** Python's attempt(): {ok: value} or {error: [class, message]}. */
function attempt(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

function attrsOf(req: Request): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  const names = [
    'method', 'script_name', 'path_info', 'path', 'path_url', 'url', 'host_url', 'application_url',
    'path_qs', 'query_string', 'host', 'host_port', 'content_type', 'charset', 'content_length', 'is_body_readable',
  ] as const;
  for (const name of names) a[name] = attempt(() => req[name]);
  a['body'] = attempt(() => req.body.toString('base64'));
  a['headers'] = attempt(() => req.headers.items().sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1)));
  a['GET'] = attempt(() => req.GET.items());
  if (!req.content_type.startsWith('multipart')) {
    a['POST'] = attempt(() => {
      const post = req.POST;
      return post instanceof NoVars ? 'NoVars' : post.items();
    });
    a['params'] = attempt(() => req.params.items());
  }
  const acc = req.accept;
  a['accept'] = {
    class: acc.constructor.name,
    bool: acc.truthy(),
    offers: acc.acceptableOffers(['text/html', 'application/json', 'text/plain']),
    best_json: acc.bestMatch(['application/json']),
    best_html_json: acc.bestMatch(['text/html', 'application/json']),
    best_q: acc.bestMatch([['text/html', 0.5], ['application/json', 0.4]]),
  };
  const al = req.accept_language;
  a['accept_language'] = { class: al.constructor.name, bool: al.truthy(), best: al.bestMatch(['en_US']), best2: al.bestMatch(['fr', 'en_US'], 'dflt') };
  return a;
}

/** The environ's text entries other than wsgi.* and webob.* (what the fixture records). */
function textEnviron(env: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string' && !k.startsWith('wsgi.') && !k.startsWith('webob.')) out[k] = v;
  return out;
}

describe('environFromRequest + Request against webob 1.8.6 (__fixtures__/webob-requests.json)', () => {
  for (const c of fixture.cases) {
    const title = `${c.method} ${JSON.stringify(c.target)} ${JSON.stringify(c.headers)}${c.body_b64 === null ? '' : ' body ' + c.body_b64}`;
    if (c.expected.blank_error !== undefined) {
      it(`${title}: Request.blank raises ${c.expected.blank_error[0]}`, () => {
        expect(attempt(() => environFromRequest(requestOf(c)))).toEqual({ error: c.expected.blank_error });
      });
      continue;
    }
    it(`${title}: same environ and attributes`, () => {
      const env = environFromRequest(requestOf(c));
      expect(textEnviron(env)).toEqual(c.expected.environ);
      expect(attrsOf(new Request(env))).toEqual(c.expected.attrs);
    });
  }
});
