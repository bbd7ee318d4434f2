// The error pages of webob.exc, byte for byte, against webob 1.8.6.
// __fixtures__/webob-exc.json was recorded with /usr/bin/python3 (Debian 12's
// python3-webob 1.8.6): for each exception class, constructor arguments,
// method and Accept header, `Request.blank('/images/x%C3%A9?a=1')` with
// `Content-Type: application/json` was answered by `req.get_response(exc)`;
// the fixture holds the status line, the header list, the body and str(exc)
// (or the exception serving raised).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/lib/python.js';
import * as exc from '../../src/lib/webob/exc.js';
import { environFromUrl } from '../../src/lib/webob/environ.js';
import { Request } from '../../src/lib/webob/request.js';

interface Expected {
  status?: string;
  headerlist?: Array<[string, string]>;
  text?: string;
  b64?: string;
  str?: string;
  error?: [string, string];
}
interface Case {
  class: string;
  kwargs: Record<string, unknown>;
  method: string;
  accept: string | null;
  expected: Expected;
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-exc.json'), 'utf8')) as { cases: Case[] };
const classes = exc as unknown as Record<string, typeof exc.WSGIHTTPException>;

function serve(c: Case): Expected {
  const cls = classes[c.class];
  if (cls === undefined) throw new Error(`no class ${c.class}`);
  const req = new Request(environFromUrl('/images/x%C3%A9?a=1'));
  req.method = c.method;
  req.headers.setItem('Content-Type', 'application/json');
  if (c.accept !== null) req.headers.setItem('Accept', c.accept);
  try {
    const e = new cls(c.kwargs as exc.HttpExceptionOptions);
    const resp = req.get_response(e);
    const body = resp.body;
    const out: Expected = { status: resp.status, headerlist: resp.headerlist.map(([k, v]) => [k, v]) };
    const text = new TextDecoder('utf-8', { fatal: true });
    try {
      out.text = text.decode(body);
    } catch {
      out.b64 = body.toString('base64');
    }
    out.str = e.toPyStr();
    return out;
  } catch (err) {
    if (err instanceof PyException) return { error: [err.pyName, err.message] };
    throw err;
  }
}

describe('webob.exc pages against webob 1.8.6 (__fixtures__/webob-exc.json)', () => {
  for (const c of fixture.cases) {
    it(`${c.class}(${JSON.stringify(c.kwargs)}) for ${c.method} with Accept ${JSON.stringify(c.accept)}`, () => {
      expect(serve(c)).toEqual(c.expected);
    });
  }
});

describe('webob.exc pages Glance is known to send', () => {
  const environ = (method: string, accept?: string) => {
    const req = new Request(environFromUrl('/images/nope'));
    req.method = method;
    if (accept !== undefined) req.headers.setItem('Accept', accept);
    return req;
  };

  it("the router's 405 names the method and lists the allowed ones", () => {
    const e = new exc.HTTPMethodNotAllowed({ headers: [['Allow', 'GET, POST']] });
    const resp = environ('DELETE').get_response(e);
    expect(resp.status).toBe('405 Method Not Allowed');
    expect(resp.headers.getItem('allow')).toBe('GET, POST');
    expect(resp.headers.getItem('content-type')).toBe('text/plain; charset=UTF-8');
    expect(resp.body.toString()).toBe('405 Method Not Allowed\n\nThe method DELETE is not allowed for this resource. \n\n ');
  });

  it('a 404 asked for in JSON carries the explanation with its <br /> tags', () => {
    const e = new exc.HTTPNotFound({ explanation: 'No image found with ID nope' });
    const resp = environ('GET', 'application/json').get_response(e);
    expect(resp.content_type).toBe('application/json');
    expect(JSON.parse(resp.body.toString())).toEqual({ code: '404 Not Found', message: 'No image found with ID nope<br /><br />\n\n\n', title: 'Not Found' });
  });

  it('NOTE(quirk): an invalid Accept header accepts everything, so the page is HTML', () => {
    const resp = environ('GET', 'x;;').get_response(new exc.HTTPForbidden());
    expect(resp.headers.getItem('content-type')).toBe('text/html; charset=UTF-8');
  });

  it('NOTE(quirk): Accept */* prefers the first offer, HTML', () => {
    const resp = environ('GET', '*/*').get_response(new exc.HTTPConflict());
    expect(resp.body.toString()).toMatch(/^<html>/);
  });

  it('NOTE(quirk): an exception whose own Content-Type has no charset cannot render a page (TypeError)', () => {
    const e = new exc.HTTPBadRequest({ content_type: 'application/json' });
    expect(() => environ('GET').get_response(e)).toThrow('You cannot set the body to a text value without a charset');
  });

  it('a HEAD request gets the status and headers of the bare exception, no body', () => {
    const resp = environ('HEAD').get_response(new exc.HTTPNotFound());
    expect(resp.headerlist).toEqual([
      ['Content-Type', 'text/html; charset=UTF-8'],
      ['Content-Length', '0'],
    ]);
    expect(resp.body.length).toBe(0);
  });

  it('str() follows detail and explanation changed after construction, as translate_exception changes them', () => {
    const e = new exc.HTTPBadRequest();
    e.explanation = 'changed';
    expect(e.toPyStr()).toBe('changed');
    e.detail = 'detail wins';
    expect(e.message).toBe('detail wins');
  });
});
