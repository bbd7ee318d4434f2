/**
 * Node's `http` module in front of the model: each request becomes an
 * exchange the model answers (in this thread, or in a model thread when
 * its body streams in), each answer goes back on the socket.
 * Routing, parsing and error pages are the model's; this file only does
 * what glance-api's WSGI server (eventlet) does around the application:
 *
 * - the request target, header fields (names as sent, in order) and body
 *   go to the model as they arrived; a body is read as the model reads it,
 *   chunked transfer encoding included, and the socket is paused while the
 *   model has a megabyte unread, so an upload of any size costs bounded
 *   memory;
 * - response header names are capitalised as eventlet writes them
 *   (`capitalize_response_headers`: "Www-Authenticate", "Content-Md5");
 * - a download goes out chunk by chunk as the client takes it; a body that
 *   fails midway cuts the connection.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HttpResponse } from '../shared/http.js';
import { ChunkCollector } from './collect.js';
import type { HttpThreadModel } from './http-thread-model.js';
import type { KeystoneStandIn } from './keystone.js';
import type { BodyFeed, Exchange, ExchangeRequest, WorkerPool } from './worker-pool.js';

/** A body with a Content-Length up to this size is read whole before the model is asked (one message instead of a stream). */
const WHOLE_BODY_MAX = 64 * 1024;

/** `'-'.join(x.capitalize() for x in key.split('-'))`, as eventlet writes response header names. */
export function eventletHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => part.slice(0, 1).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/**
 * The request's header fields, as eventlet's WSGI server hands them to
 * Glance. NOTE(quirk): eventlet sets CONTENT_TYPE to 'text/plain' when the
 * client sent no Content-Type (email.message's default type), so Glance
 * sees one on every request: a PUT of image data without it is refused as
 * "The request media type text/plain is not supported by this server."
 * (checked with tools/glance-driver serve).
 */
function headerPairs(raw: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  if (!out.some(([name]) => name.toLowerCase() === 'content-type')) out.push(['Content-Type', 'text/plain']);
  return out;
}

/** Writes a response head, capitalising names; false when Node refuses a header (a value that is not latin-1, say). */
function writeHead(res: ServerResponse, status: number, reason: string, headers: ReadonlyArray<readonly [string, string]>): boolean {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(eventletHeaderName(name), value);
  try {
    res.writeHead(status, reason, flat);
    return true;
  } catch {
    return false;
  }
}

/** A whole response written at once (the stand-in's 401). */
function writeWhole(res: ServerResponse, response: HttpResponse): void {
  if (!Buffer.isBuffer(response.body)) throw new Error('a whole response has a buffer body');
  if (writeHead(res, response.status, response.reason, response.headers)) res.end(response.body);
  else res.destroy();
}

/** One for the HTTP thread: every exchange's image data passes through it. */
const collector = new ChunkCollector();

class NodeExchange implements Exchange {
  gone = false;
  onLost?: () => void;
  private finished = false;

  constructor(
    readonly request: ExchangeRequest,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    res.on('close', () => {
      if (this.finished) return;
      this.gone = true;
      this.onLost?.();
    });
  }

  started(feed: BodyFeed | null): void {
    if (feed === null) return;
    this.req.on('data', (chunk: Buffer) => {
      collector.passed(chunk.length);
      if (!feed.push(chunk)) this.req.pause();
    });
    this.req.on('end', () => feed.end());
  }

  room(): void {
    this.req.resume();
  }

  head(status: number, reason: string, headers: Array<[string, string]>, body: Buffer | null): void {
    if (this.gone) return;
    if (!writeHead(this.res, status, reason, headers)) {
      this.broken();
      return;
    }
    if (body !== null) this.finish(() => this.res.end(body));
  }

  chunk(data: Buffer, sent: () => void): void {
    if (this.gone) {
      sent();
      return;
    }
    this.res.write(data, () => sent());
    collector.passed(data.length);
  }

  end(): void {
    if (!this.gone) this.finish(() => this.res.end());
  }

  broken(): void {
    this.finish(() => this.res.destroy());
  }

  private finish(how: () => void): void {
    this.finished = true;
    how();
  }
}

/**
 * The request listener of the server: keystone stand-in first (when
 * --tokens is given), then the model: in this thread for a body held
 * whole, in a model thread for a streamed one.
 */
export function requestListener(here: HttpThreadModel, pool: WorkerPool, keystone: KeystoneStandIn | null): RequestListener {
  return (req, res) => {
    req.on('error', () => {
      // The client went away mid-body; the response's 'close' tells the exchange.
    });
    let headers = headerPairs(req.rawHeaders);
    if (keystone !== null) {
      const auth = keystone.authenticate(headers);
      if ('denied' in auth) {
        writeWhole(res, auth.denied);
        return;
      }
      headers = auth.headers.map(([k, v]) => [k, v]);
    }
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const length = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (!chunked && (length === null || length === 0)) {
      here.answer(new NodeExchange({ method, target, headers, length, body: Buffer.alloc(0) }, req, res));
    } else if (!chunked && length !== null && length <= WHOLE_BODY_MAX) {
      readWhole(req, (body) => here.answer(new NodeExchange({ method, target, headers, length, body }, req, res)));
    } else {
      pool.submit(new NodeExchange({ method, target, headers, length: chunked ? null : length, body: null }, req, res));
    }
  };
}

/** The whole body, then `then`; nothing when the client goes away first. */
function readWhole(req: IncomingMessage, then: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => then(Buffer.concat(chunks)));
}
