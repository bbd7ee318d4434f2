/**
 * The one entry both models give HTTP clients: `handle(request) -> response`
 * over plain values, with the world (database, store, clock, ids, settings,
 * notifications) passed in when the session is opened. Scenario replay
 * (format 2), `peel serve` and the benchmarks are thin adapters over it;
 * none of them re-implements routing, parsing or error pages.
 *
 * The request is what arrived on the wire: the method and request target as
 * written on the request line, the header fields in order (names as sent),
 * and the body. The response is what goes back: status, reason phrase,
 * header fields in order, and the body, which may be a stream of chunks
 * (image downloads), drained by the adapter. Glance sends `image.send`
 * only once a download's chunks are exhausted, so an adapter that stops
 * early sends none, as a WSGI server would.
 */

/** Header fields in the order they were sent; names keep their case. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

/**
 * A request body read as it arrives, for bodies that should not be held in
 * memory (a 1 GiB upload through `peel serve`). `length` is the
 * Content-Length when one was sent, null for a chunked body.
 */
export interface StreamedBody {
  readonly length: number | null;
  /** The body's bytes, in order; may be iterated once. */
  chunks(): Iterable<Buffer>;
}

export interface HttpRequest {
  /** As sent: any token, any case. */
  readonly method: string;
  /** The request target as written on the request line: path and query, percent-encoded as the client sent them. */
  readonly target: string;
  readonly headers: HeaderList;
  /** The whole body (scenario replay, benchmarks) or a stream of it (`peel serve`). Empty buffer: no body. */
  readonly body: Buffer | StreamedBody;
}

export interface HttpResponse {
  readonly status: number;
  /** The reason phrase of the status line, as Glance's HTTP library writes it. */
  readonly reason: string;
  readonly headers: HeaderList;
  /** The body, or its chunks when it is streamed (downloads). */
  readonly body: Buffer | Iterable<Buffer>;
  /** Diagnostics only: the exception class that decided an error answer, if any. */
  readonly errorClass?: string;
}

/** One model answering requests against one world. */
export interface HttpSession {
  handle(request: HttpRequest): HttpResponse;
}

/** The first value of a header, compared case-insensitively, as most readers want it. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Drains a response body into one buffer (the adapter's job: this is when `image.send` fires). */
export function drainBody(body: Buffer | Iterable<Buffer>): Buffer {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The body of a request as one buffer, reading a stream if it is one. */
export function requestBodyBytes(body: Buffer | StreamedBody): Buffer {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for (const chunk of body.chunks()) chunks.push(chunk);
  return Buffer.concat(chunks);
}
