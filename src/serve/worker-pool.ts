/**
 * The model threads of `peel serve`, seen from the HTTP thread: each runs
 * one model session (worker.ts) and answers one exchange at a time; the
 * pool hands each exchange to a free thread, first come first served.
 * Threads share the data directory's files, never memory, so each request
 * reads what the ones before it committed.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { bootScript, FROM_SOURCES, servePath } from './boot.js';
import { exactBytes, MAX_UNREAD, Signals, type BodyMessage, type RequestMessage, type WorkerEvent, type WorkerInit } from './channel.js';

/** The request as the model thread gets it; `body` null: it is streamed through the exchange's feed. */
export interface ExchangeRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: Array<[string, string]>;
  readonly length: number | null;
  readonly body: Buffer | null;
}

/** How an exchange passes a streamed request body on, once a thread runs it. */
export interface BodyFeed {
  /** Passes a chunk on; false when enough is unread that the socket should pause. */
  push(data: Buffer): boolean;
  end(): void;
}

/** One request and its response, seen from the pool (node-adapter.ts implements it). */
export interface Exchange {
  readonly request: ExchangeRequest;
  /** The client went away before a thread took the exchange: it is dropped. */
  readonly gone: boolean;
  /** A thread runs the exchange: a streamed body starts flowing through `feed`. */
  started(feed: BodyFeed | null): void;
  /** The model has read enough of the body (or answered): the socket may be read again. */
  room(): void;
  head(status: number, reason: string, headers: Array<[string, string]>, body: Buffer | null): void;
  /** A response chunk; `sent` once it has been handed to the socket. */
  chunk(data: Buffer, sent: () => void): void;
  end(): void;
  /** The response failed after its head was sent: cut the connection. */
  broken(): void;
  /** Called by the exchange's owner when the client goes away while a thread runs it. */
  onLost?: () => void;
}

export interface PoolOptions {
  readonly size: number;
  readonly init: Omit<WorkerInit, 'signals' | 'bodyPort'>;
}

/**
 * The young generation of a model thread's heap. A request's garbage dies
 * young; V8's default (up to 3 x 16 MiB semi-spaces) would let each thread
 * hold tens of megabytes of it between scavenges.
 */
const YOUNG_GENERATION_MB = 8;

/** A model thread: from the sources through tsx's CommonJS hook (boot.ts), else the built file. */
function spawn(workerData: WorkerInit, transfer: MessagePort[]): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const entry = servePath('worker');
  if (FROM_SOURCES) return new Worker(bootScript(entry), { eval: true, workerData, transferList: transfer, resourceLimits });
  return new Worker(entry, { workerData, transferList: transfer, resourceLimits });
}

class ModelWorker {
  private readonly signals = new Signals();
  private readonly bodyPort: MessagePort;
  private readonly worker: Worker;
  private current: { rid: number; exchange: Exchange; unread: number; feeding: boolean } | null = null;
  private exited = false;
  private nextRid = 1;
  readonly ready: Promise<void>;

  constructor(
    init: PoolOptions['init'],
    private readonly onFree: (w: ModelWorker) => void,
    private readonly onDied: (w: ModelWorker, why: string) => void,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.bodyPort = port1;
    this.worker = spawn({ ...init, signals: this.signals.buffer, bodyPort: port2 }, [port2]);
    this.ready = new Promise((resolve, reject) => {
      const first = (e: WorkerEvent): void => {
        if (e.t === 'ready') resolve();
        else if (e.t === 'failed') reject(new Error(e.message));
      };
      this.worker.once('message', first);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (e: WorkerEvent) => this.event(e));
    this.worker.on('error', (e) => this.died(e.message));
    this.worker.on('exit', () => {
      this.exited = true;
      this.died('the thread exited');
    });
  }

  get busy(): boolean {
    return this.current !== null;
  }

  run(exchange: Exchange): void {
    const rid = this.nextRid;
    this.nextRid = this.nextRid >= 0x7fffffff ? 1 : this.nextRid + 1;
    const { request } = exchange;
    const streamed = request.body === null;
    this.current = { rid, exchange, unread: 0, feeding: streamed };
    exchange.onLost = () => this.lost(rid);
    const body = request.body === null ? null : exactBytes(request.body);
    const message: RequestMessage = { t: 'request', rid, method: request.method, target: request.target, headers: request.headers, length: request.length, body };
    this.worker.postMessage(message);
    exchange.started(streamed ? this.feed(rid) : null);
  }

  private feed(rid: number): BodyFeed {
    return {
      push: (data) => {
        const current = this.current;
        if (current === null || current.rid !== rid || !current.feeding) return true;
        current.unread += data.length;
        this.postBody({ rid, data: exactBytes(data) });
        return current.unread < MAX_UNREAD;
      },
      end: () => {
        if (this.current?.rid === rid && this.current.feeding) this.postBody({ rid, end: true });
      },
    };
  }

  private postBody(m: BodyMessage): void {
    this.bodyPort.postMessage(m);
    this.signals.bodyPosted();
  }

  private lost(rid: number): void {
    if (this.current?.rid !== rid) return;
    if (this.current.feeding) this.bodyPort.postMessage({ rid, lost: true } satisfies BodyMessage);
    this.signals.markLost(rid);
  }

  private event(e: WorkerEvent): void {
    const current = this.current;
    if (e.t === 'ready' || e.t === 'failed' || current === null || e.rid !== current.rid) return;
    const { exchange } = current;
    switch (e.t) {
      case 'taken':
        current.unread -= e.bytes;
        if (current.unread < MAX_UNREAD / 2) exchange.room();
        return;
      case 'head':
        // The model has answered: whatever of the body it did not read is discarded, as eventlet discards it.
        current.feeding = false;
        exchange.room();
        exchange.head(e.status, e.reason, e.headers, e.body === null ? null : asBuffer(e.body));
        if (e.body !== null) this.free();
        return;
      case 'chunk': {
        const bytes = e.data.byteLength;
        exchange.chunk(asBuffer(e.data), () => this.signals.sent(bytes));
        return;
      }
      case 'end':
        exchange.end();
        this.free();
        return;
      case 'broken':
        exchange.broken();
        this.free();
        return;
    }
  }

  private free(): void {
    this.current = null;
    this.onFree(this);
  }

  private died(why: string): void {
    const current = this.current;
    this.current = null;
    current?.exchange.broken();
    this.onDied(this, why);
  }

  async stop(): Promise<void> {
    this.bodyPort.close();
    if (this.exited) return;
    this.worker.removeAllListeners('exit');
    this.worker.removeAllListeners('error');
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ t: 'stop' });
    await exited;
  }
}

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export class WorkerPool {
  private readonly workers: ModelWorker[] = [];
  private readonly waiting: Exchange[] = [];
  /** Threads are replaced only once all have started, and not while stopping. */
  private running = false;

  private constructor(private readonly options: PoolOptions) {}

  /** Starts every thread and waits until each has its model loaded; rejects with the first failure. */
  static async start(options: PoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    for (let i = 0; i < options.size; i++) pool.workers.push(pool.newWorker());
    try {
      await Promise.all(pool.workers.map((w) => w.ready));
    } catch (e) {
      await pool.stop();
      throw e;
    }
    pool.running = true;
    return pool;
  }

  private newWorker(): ModelWorker {
    return new ModelWorker(this.options.init, (w) => this.next(w), (w, why) => this.replace(w, why));
  }

  submit(exchange: Exchange): void {
    const free = this.workers.find((w) => !w.busy);
    if (free === undefined) this.waiting.push(exchange);
    else free.run(exchange);
  }

  private next(worker: ModelWorker): void {
    for (let exchange = this.waiting.shift(); exchange !== undefined; exchange = this.waiting.shift()) {
      if (exchange.gone) continue;
      worker.run(exchange);
      return;
    }
  }

  /** A thread that died (a bug or out of memory) is replaced, so the server goes on. */
  private replace(dead: ModelWorker, why: string): void {
    const i = this.workers.indexOf(dead);
    if (i < 0 || !this.running) return;
    process.stderr.write(`peel serve: a model thread stopped (${why}); starting another\n`);
    const fresh = this.newWorker();
    this.workers[i] = fresh;
    fresh.ready.then(() => this.next(fresh), (e: Error) => process.stderr.write(`peel serve: the model thread could not restart: ${e.message}\n`));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
