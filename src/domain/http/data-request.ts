/**
 * Reading an image data request (glance/api/v2/image_data.py
 * RequestDeserializer): the body must be application/octet-stream; its
 * size is the Content-Length (none when absent or 0).
 */
import { exc, type Request } from '../../lib/webob/index.js';
import { hasBody } from './body.js';

export interface DataRequest {
  /** The body, read as it is iterated (an upload of any size is never held whole). */
  readonly data: Iterable<Buffer>;
  readonly size: number | null;
}

/** The size of the pieces a body is read in (the filesystem store's chunk size, as Glance reads it). */
const READ_SIZE = 65536;

/** The request body, 64 KiB at a time, as the store's reader takes it from the body file. */
function* bodyChunks(req: Request): Generator<Buffer> {
  hasBody(req);
  const file = req.body_file;
  for (;;) {
    const chunk = file.read(READ_SIZE);
    if (chunk.length === 0) return;
    yield chunk;
  }
}

/** 415 without a Content-Type, or with any other (compared exactly, parameters ignored). */
export function parseData(req: Request): DataRequest {
  if (!req.headers.contains('Content-Type')) {
    throw new exc.HTTPUnsupportedMediaType({ explanation: 'Invalid content type None' });
  }
  const type = req.content_type;
  if (type !== 'application/octet-stream') throw new exc.HTTPUnsupportedMediaType({ explanation: `Invalid content type ${type}` });
  return { data: bodyChunks(req), size: req.content_length || null };
}
