/**
 * A model thread of `peel serve`: one model session on the data directory,
 * answering one request at a time through `HttpSession.handle`, the only
 * entry into the model. The request body is read as the model reads it,
 * from the body port (see channel.ts); a streamed response body is passed
 * on chunk by chunk, as fast as the client takes it. Glance sends
 * `image.send` when a download's chunks are exhausted, so a client that
 * goes away midway stops the iteration and no `image.send` is sent.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { PyException } from '../lib/python.js';
import type { HttpResponse, HttpSession, StreamedBody } from '../shared/http.js';
import { ChunkCollector } from './collect.js';
import { exactBytes, Signals, type BodyMessage, type RequestMessage, type WorkerEvent, type WorkerInit } from './channel.js';
import { openModelHttp } from './load-model.js';
import { SERVER_FAILURE } from './server-failure.js';
import { openServedWorld } from './world.js';

/**
 * What eventlet's `Input` raises when the connection ends inside a chunked
 * body (Python's IOError, an OSError): the upload fails as in Glance, the
 * partial image data is removed and the image goes back to `queued`.
 */
class ChunkedBodyCut extends PyException {
  override get pyName(): string {
    return 'OSError';
  }
}

class ModelThread {
  private readonly collector = new ChunkCollector();

  constructor(
    private readonly session: HttpSession,
    private readonly signals: Signals,
    private readonly bodyPort: MessagePort,
    private readonly post: (event: WorkerEvent) => void,
  ) {}

  answer(m: RequestMessage): void {
    this.signals.resetUnsent();
    const body = m.body !== null ? wholeBody(m.body, m.length) : this.streamedBody(m.rid, m.length);
    let response: HttpResponse;
    try {
      response = this.session.handle({ method: m.method, target: m.target, headers: m.headers, body });
    } catch (e) {
      if (process.env.PEEL_DEBUG) process.stderr.write(`peel serve: the model raised: ${e instanceof Error ? e.stack : String(e)}\n`);
      response = SERVER_FAILURE;
    }
    const head = { t: 'head', rid: m.rid, status: response.status, reason: response.reason, headers: response.headers.map(([k, v]) => [k, v] as [string, string]) } as const;
    if (Buffer.isBuffer(response.body)) {
      this.post({ ...head, body: exactBytes(response.body) });
      return;
    }
    this.post({ ...head, body: null });
    this.streamResponse(m.rid, response.body);
  }

  private streamResponse(rid: number, body: Iterable<Buffer>): void {
    const chunks = body[Symbol.iterator]();
    try {
      for (;;) {
        if (this.signals.isLost(rid)) {
          chunks.return?.();
          break;
        }
        const next = chunks.next();
        if (next.done === true) break;
        this.signals.waitForRoom(rid);
        this.signals.addUnsent(next.value.length);
        this.post({ t: 'chunk', rid, data: exactBytes(next.value) });
        this.collector.passed(next.value.length);
      }
    } catch (e) {
      if (process.env.PEEL_DEBUG) process.stderr.write(`peel serve: a response body failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      this.post({ t: 'broken', rid });
      return;
    }
    this.post({ t: 'end', rid });
  }

  /** The body as it arrives on the body port; messages of earlier requests are skipped. */
  private streamedBody(rid: number, length: number | null): StreamedBody {
    const { signals, bodyPort, post, collector } = this;
    return {
      length,
      *chunks(): Generator<Buffer> {
        for (;;) {
          const seq = signals.bodySeq();
          const got = receiveMessageOnPort(bodyPort);
          if (got === undefined) {
            signals.waitForBody(seq);
            continue;
          }
          const m = got.message as BodyMessage;
          if (m.rid !== rid) continue;
          if ('end' in m) return;
          if ('lost' in m) {
            // With a Content-Length, a short body is webob's DisconnectionError, raised by the model's own reader.
            if (length !== null) return;
            throw new ChunkedBodyCut('unexpected end of file while parsing chunked data');
          }
          post({ t: 'taken', rid, bytes: m.data.byteLength });
          collector.passed(m.data.byteLength);
          yield Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
        }
      },
    };
  }
}

/** A body the HTTP thread had whole before the request was passed on. */
function wholeBody(data: Uint8Array, length: number | null): StreamedBody {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    length,
    *chunks(): Generator<Buffer> {
      if (bytes.length > 0) yield bytes;
    },
  };
}

async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('worker.ts runs as a worker thread of peel serve');
  const init = workerData as WorkerInit;
  const served = openServedWorld(init.paths, init.config);
  const session = await openModelHttp(init.model, served.world);
  const post = (event: WorkerEvent): void => port.postMessage(event);
  const thread = new ModelThread(session, new Signals(init.signals), init.bodyPort, post);
  port.on('message', (m: RequestMessage | { t: 'stop' }) => {
    if (m.t === 'request') thread.answer(m);
    else {
      served.close();
      init.bodyPort.close();
      port.close();
    }
  });
  post({ t: 'ready' });
}

start().catch((e: unknown) => {
  // The HTTP thread reports it: the model could not be loaded or its world opened.
  parentPort?.postMessage({ t: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies WorkerEvent);
  parentPort?.close();
});
