/**
 * Request bodies as Glance reads them (glance/common/wsgi.py
 * JSONRequestDeserializer): whether a request has one, and its JSON,
 * parsed with Python's json into Python values (src/lib/pyjson.ts).
 */
import { pyJsonLoads, type PyJson } from '../../lib/pyjson.js';
import { ValueError } from '../../lib/python.js';
import { utf8Decode, type Request } from '../../lib/webob/index.js';
import { DomainError } from '../errors.js';

const VALID_TRANSFER_ENCODINGS = new Set(['chunked', 'compress', 'deflate', 'gzip', 'identity']);
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** A chunked (or otherwise encoded) POST, PUT or PATCH always has one; else a positive Content-Length. */
export function hasBody(req: Request): boolean {
  const encoding = (req.headers.get('transfer-encoding') ?? '').toLowerCase();
  if (VALID_TRANSFER_ENCODINGS.has(encoding) && METHODS_WITH_BODY.has(req.method.toUpperCase())) {
    req.is_body_readable = true;
    return true;
  }
  return req.content_length !== null && req.content_length > 0;
}

const badRequest = (text: string): DomainError => new DomainError('HTTPBadRequest', text);

/**
 * The body's JSON: a dict or a list (Maps and arrays). Bytes that are not
 * UTF-8 (a BOM included) are malformed JSON too.
 */
function parseJson(bytes: Buffer): PyJson {
  let value: PyJson;
  try {
    value = pyJsonLoads(utf8Decode(bytes));
  } catch (e) {
    if (e instanceof ValueError) throw badRequest('Malformed JSON in request body.');
    throw e;
  }
  if (!(value instanceof Map) && !Array.isArray(value)) throw badRequest('Unexpected body type. Expected list/dict.');
  return value;
}

/** The JSON body, or undefined when the request has none. */
export function jsonBody(req: Request): PyJson | undefined {
  return hasBody(req) ? parseJson(req.body) : undefined;
}

/** The JSON body an action needs: none is a 400. */
export function requiredJsonBody(req: Request): PyJson {
  const body = jsonBody(req);
  if (body === undefined) throw badRequest('Body expected in request.');
  return body;
}

