// Unit tests of src/legacy/webob.ts: statuses, stock texts (webob 1.8.6,
// checked against the installed package) and the trace's error text rule.
import { describe, expect, it } from 'vitest';
import * as webob from '../../src/legacy/webob.js';

describe('webob HTTP exceptions', () => {
  it('carry their status, title and normalised stock explanation', () => {
    const e = new webob.HTTPNotFound();
    expect(e.status).toBe(404);
    expect(e.code).toBe(404);
    expect(e.title).toBe('Not Found');
    expect(e.statusLine).toBe('404 Not Found');
    expect(e.explanation).toBe('The resource could not be found.');
    expect(new webob.HTTPBadRequest().explanation).toBe(
      'The server could not comply with the request since it is either malformed or otherwise incorrect.');
    expect(new webob.HTTPInternalServerError().explanation).toBe(
      'The server has either erred or is incapable of performing the requested operation.');
    expect(new webob.HTTPGone().explanation).toBe('This resource is no longer available. No forwarding address is given.');
  });

  it('give the statuses the controllers use', () => {
    const statuses = [
      [webob.HTTPBadRequest, 400], [webob.HTTPUnauthorized, 401], [webob.HTTPForbidden, 403],
      [webob.HTTPNotFound, 404], [webob.HTTPMethodNotAllowed, 405], [webob.HTTPConflict, 409],
      [webob.HTTPGone, 410], [webob.HTTPRequestEntityTooLarge, 413], [webob.HTTPUnsupportedMediaType, 415],
      [webob.HTTPRequestRangeNotSatisfiable, 416], [webob.HTTPInternalServerError, 500],
      [webob.HTTPServiceUnavailable, 503], [webob.HTTPNoContent, 204],
    ] as const;
    for (const [cls, status] of statuses) expect(new cls().status).toBe(status);
  });

  it('keep webob\'s hierarchy', () => {
    expect(new webob.HTTPForbidden()).toBeInstanceOf(webob.HTTPClientError);
    expect(new webob.HTTPForbidden()).toBeInstanceOf(webob.HTTPError);
    expect(new webob.HTTPServiceUnavailable()).toBeInstanceOf(webob.HTTPServerError);
    expect(new webob.HTTPNoContent()).toBeInstanceOf(webob.HTTPOk);
    expect(new webob.HTTPNoContent()).not.toBeInstanceOf(webob.HTTPError);
    expect(new webob.HTTPConflict()).toBeInstanceOf(webob.HTTPException);
    expect(new webob.HTTPConflict().pyName).toBe('HTTPConflict');
  });

  it('take a positional string as the detail, and str() is detail or explanation', () => {
    const e = new webob.HTTPForbidden('Owner can\'t be updated by non admin.');
    expect(e.detail).toBe('Owner can\'t be updated by non admin.');
    expect(e.explanation).toBe('Access was denied to this resource.');
    expect(e.message).toBe('Owner can\'t be updated by non admin.');
    expect(new webob.HTTPForbidden().message).toBe('Access was denied to this resource.');
  });
});

describe('httpErrorMessage', () => {
  it('is the explanation Glance passed', () => {
    expect(webob.httpErrorMessage(new webob.HTTPConflict({ explanation: 'Property x does not exist.' })))
      .toBe('Property x does not exist.');
  });
  it('else the positional detail', () => {
    expect(webob.httpErrorMessage(new webob.HTTPForbidden('Read-only access'))).toBe('Read-only access');
  });
  it('else the stock explanation', () => {
    expect(webob.httpErrorMessage(new webob.HTTPNotFound())).toBe('The resource could not be found.');
    expect(webob.httpErrorMessage(new webob.HTTPMethodNotAllowed())).toBe(
      'The server could not comply with the request since it is either malformed or otherwise incorrect.');
  });
  it('an explanation equal to the stock text counts as not passed when a detail exists', () => {
    const e = new webob.HTTPNotFound({ explanation: 'The resource could not be found.', detail: 'gone' });
    expect(webob.httpErrorMessage(e)).toBe('gone');
  });
});
