/**
 * The model in the HTTP thread itself, for every request whose body the
 * HTTP thread already holds whole (no body, or a Content-Length up to
 * 64 KiB: nearly every request but an upload). Handing such a request to a
 * model thread and its answer back costs more CPU than the model's own
 * work on a show (two thread wake-ups and two messages each way), so it is
 * answered here, synchronously, as Node answers any request. A streamed
 * response (a download) is read from the store one chunk at a time, as the
 * socket takes it; a client that goes away stops the reading, so no
 * `image.send` is sent, as in Glance.
 */
import type { HttpResponse, HttpSession, StreamedBody } from '../shared/http.js';
import type { ScenarioConfig } from '../shared/settings.js';
import { MAX_UNSENT } from './channel.js';
import { ChunkCollector } from './collect.js';
import type { DataPaths } from './data-dir.js';
import { openModelHttp } from './load-model.js';
import { SERVER_FAILURE } from './server-failure.js';
import type { Exchange } from './worker-pool.js';
import { openServedWorld, type ServedWorld } from './world.js';

export class HttpThreadModel {
  private readonly collector = new ChunkCollector();

  private constructor(
    private readonly session: HttpSession,
    private readonly served: ServedWorld,
  ) {}

  static async open(model: string, paths: DataPaths, config: ScenarioConfig): Promise<HttpThreadModel> {
    const served = openServedWorld(paths, config);
    try {
      return new HttpThreadModel(await openModelHttp(model, served.world), served);
    } catch (e) {
      served.close();
      throw e;
    }
  }

  /** Answers an exchange whose body is whole. */
  answer(exchange: Exchange): void {
    const { request } = exchange;
    const whole = request.body ?? Buffer.alloc(0);
    const body: StreamedBody = {
      length: request.length,
      *chunks(): Generator<Buffer> {
        if (whole.length > 0) yield whole;
      },
    };
    let response: HttpResponse;
    try {
      response = this.session.handle({ method: request.method, target: request.target, headers: request.headers, body });
    } catch (e) {
      if (process.env.PEEL_DEBUG) process.stderr.write(`peel serve: the model raised: ${e instanceof Error ? e.stack : String(e)}\n`);
      response = SERVER_FAILURE;
    }
    const headers = response.headers.map(([k, v]) => [k, v] as [string, string]);
    if (Buffer.isBuffer(response.body)) {
      exchange.head(response.status, response.reason, headers, response.body);
      return;
    }
    exchange.head(response.status, response.reason, headers, null);
    this.pump(exchange, response.body[Symbol.iterator]());
  }

  /**
   * Writes the chunks as the socket takes them: reading goes on while less
   * than MAX_UNSENT bytes wait to be handed to the socket, and resumes as
   * they are.
   */
  private pump(exchange: Exchange, chunks: Iterator<Buffer>): void {
    let lost = false;
    let unsent = 0;
    let waiting = false;
    let done = false;
    exchange.onLost = () => {
      lost = true;
    };
    const finish = (how: () => void): void => {
      done = true;
      how();
    };
    const fill = (): void => {
      while (!done && unsent < MAX_UNSENT) {
        if (lost) {
          chunks.return?.();
          finish(() => exchange.end());
          return;
        }
        let step: IteratorResult<Buffer>;
        try {
          step = chunks.next();
        } catch (e) {
          if (process.env.PEEL_DEBUG) process.stderr.write(`peel serve: a response body failed: ${e instanceof Error ? e.stack : String(e)}\n`);
          finish(() => exchange.broken());
          return;
        }
        if (step.done === true) {
          finish(() => exchange.end());
          return;
        }
        const bytes = step.value.length;
        unsent += bytes;
        this.collector.passed(bytes);
        exchange.chunk(step.value, () => {
          unsent -= bytes;
          if (waiting && unsent < MAX_UNSENT) {
            waiting = false;
            fill();
          }
        });
      }
      if (!done) waiting = true;
    };
    fill();
  }

  close(): void {
    this.served.close();
  }
}
