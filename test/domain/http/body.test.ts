import { describe, expect, it } from 'vitest';
import { hasBody, jsonBody, requiredJsonBody } from '../../../src/domain/http/body.js';
import { environFromUrl, Request } from '../../../src/lib/webob/index.js';
import { failure } from '../__test-helpers__/failures.js';

function request(method: string, body: string | Buffer | null, headers: Record<string, string> = {}): Request {
  const req = new Request(environFromUrl('/v2/images'), { method });
  if (body !== null) req.body = typeof body === 'string' ? Buffer.from(body) : body;
  for (const [k, v] of Object.entries(headers)) req.headers.setItem(k, v);
  return req;
}

describe('request bodies as the JSON deserializer reads them', () => {
  it('has a body with a positive Content-Length, or a chunked POST/PUT/PATCH', () => {
    expect(hasBody(request('POST', '{}'))).toBe(true);
    expect(hasBody(request('GET', null))).toBe(false);
    const chunked = request('PATCH', null, { 'Transfer-Encoding': 'chunked' });
    expect(hasBody(chunked)).toBe(true);
    expect(hasBody(request('GET', null, { 'Transfer-Encoding': 'chunked' }))).toBe(false);
  });

  it('parses JSON into Python values: dicts as Maps', () => {
    expect(jsonBody(request('POST', '{"a": [1, "x"]}'))).toEqual(new Map([['a', [1, 'x']]]));
    expect(jsonBody(request('GET', null))).toBeUndefined();
  });

  it('refuses malformed JSON, a UTF-8 BOM and a body that is not a dict or list with 400', () => {
    expect(failure(() => jsonBody(request('POST', '{')))).toMatchObject({ kind: 'HTTPBadRequest', message: 'Malformed JSON in request body.' });
    expect(failure(() => jsonBody(request('POST', Buffer.from('\ufeff{}')))).message).toBe('Malformed JSON in request body.');
    expect(failure(() => jsonBody(request('POST', '"text"'))).message).toBe('Unexpected body type. Expected list/dict.');
  });

  it('answers a missing required body with 400', () => {
    expect(failure(() => requiredJsonBody(request('POST', null)))).toMatchObject({ kind: 'HTTPBadRequest', message: 'Body expected in request.' });
  });
});
