/**
 * Reading an image data request (glance/api/v2/image_data.py
 * RequestDeserializer): the body must be application/octet-stream; its
 * size is the Content-Length (none when absent or 0).
 */
import { exc, type Request } from '../../lib/webob/index.js';
import { readBody } from './body.js';

export interface DataRequest {
  readonly data: Buffer;
  readonly size: number | null;
}

/** 415 without a Content-Type, or with any other (compared exactly, parameters ignored). */
export function parseData(req: Request): DataRequest {
  if (!req.headers.contains('Content-Type')) {
    throw new exc.HTTPUnsupportedMediaType({ explanation: 'Invalid content type None' });
  }
  const type = req.content_type;
  if (type !== 'application/octet-stream') throw new exc.HTTPUnsupportedMediaType({ explanation: `Invalid content type ${type}` });
  return { data: readBody(req), size: req.content_length || null };
}
