/**
 * What eventlet's WSGI server (glance-api's) answers when the application
 * raises instead of answering: 500, `Content-type: text/plain`, an empty
 * body. The models catch everything themselves; this is for their bugs.
 */
import type { HttpResponse } from '../shared/http.js';

export const SERVER_FAILURE: HttpResponse = {
  status: 500,
  reason: 'Internal Server Error',
  headers: [['Content-type', 'text/plain'], ['Content-length', '0']],
  body: Buffer.alloc(0),
};
