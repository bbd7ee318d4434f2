/**
 * `peel serve --model legacy|flat`: the model as a real Images API v2
 * server on Node's `http` module. This file composes the pieces: options,
 * data directory, model threads, keystone stand-in, HTTP adapter; it
 * prints `listening on http://HOST:PORT` once connections are accepted,
 * and on SIGINT or SIGTERM stops accepting, lets the requests in flight
 * finish (a second signal cuts them), stops the model threads and removes
 * a temporary data directory.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataDir } from './data-dir.js';
import { HttpThreadModel } from './http-thread-model.js';
import { KeystoneStandIn } from './keystone.js';
import { requestListener } from './node-adapter.js';
import { parseServeOptions, SERVE_USAGE, ServeUsageError, type ServeOptions } from './options.js';
import { WorkerPool } from './worker-pool.js';

/** eventlet's socket_timeout in glance-api (client_socket_timeout): an idle connection is closed after it. */
const SOCKET_TIMEOUT_MS = 900_000;

const EXIT_STOPPED = 0;
const EXIT_USAGE = 2;

/** Runs the server until a signal stops it; the exit status. */
export async function serveCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SERVE_USAGE + '\n');
    return EXIT_STOPPED;
  }
  let options: ServeOptions;
  try {
    options = parseServeOptions(argv);
  } catch (e) {
    if (!(e instanceof ServeUsageError)) throw e;
    return usageFailure(`${e.message} (peel serve --help for usage)`);
  }
  let dataDir: DataDir;
  try {
    dataDir = DataDir.open(options.dataDir, options.notifications);
    dataDir.prepare(options.config);
  } catch (e) {
    return usageFailure(`--data-dir ${options.dataDir ?? '(temporary)'}: ${(e as Error).message}`);
  }
  const removeTemporary = (): void => dataDir.close();
  process.once('exit', removeTemporary);
  try {
    return await run(options, dataDir);
  } finally {
    dataDir.close();
    process.removeListener('exit', removeTemporary);
  }
}

function usageFailure(message: string): number {
  process.stderr.write(`peel serve: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return EXIT_USAGE;
}

async function run(options: ServeOptions, dataDir: DataDir): Promise<number> {
  let here: HttpThreadModel;
  let pool: WorkerPool;
  try {
    here = await HttpThreadModel.open(options.model, dataDir.paths, options.config);
  } catch (e) {
    return usageFailure(`cannot start the ${options.model} model: ${(e as Error).message}`);
  }
  try {
    pool = await WorkerPool.start({ size: options.workers, init: { model: options.model, paths: dataDir.paths, config: options.config } });
  } catch (e) {
    here.close();
    return usageFailure(`cannot start the ${options.model} model: ${(e as Error).message}`);
  }
  try {
    const keystone = options.tokens === null ? null : new KeystoneStandIn(options.tokens);
    const server = createServer({ requestTimeout: 0 }, requestListener(here, pool, keystone));
    server.timeout = SOCKET_TIMEOUT_MS;
    const listening = await listen(server, options.host, options.port);
    if ('error' in listening) return usageFailure(listening.error);
    process.stdout.write(`listening on ${urlOf(options.host, listening.port)}\n`);
    await stopOnSignal(server);
    return EXIT_STOPPED;
  } finally {
    await pool.stop();
    here.close();
  }
}

/** The port listened on, or why the address cannot be used. */
function listen(server: Server, host: string, port: number): Promise<{ port: number } | { error: string }> {
  return new Promise((resolve) => {
    const failed = (e: NodeJS.ErrnoException): void => {
      const why = e.code === 'EADDRINUSE' ? 'address already in use' : e.code === 'EACCES' ? 'permission denied' : e.message;
      resolve({ error: `cannot listen on ${host} port ${port}: ${why}` });
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.removeListener('error', failed);
      resolve({ port: (server.address() as AddressInfo).port });
    });
  });
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * A signal this soon after the first is the same request to stop: a
 * Ctrl-C reaches the whole process group, so `peel serve` (launch.ts) and
 * the server both get it, and the launcher passes it on as well.
 */
const SAME_SIGNAL_MS = 1000;

/**
 * Waits for SIGINT or SIGTERM, then stops accepting connections, closes the
 * idle ones and waits for the requests in flight; a second signal (a second
 * or more later) cuts them.
 */
function stopOnSignal(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const stop = (): void => {
      for (const s of signals) process.removeListener(s, stop);
      const first = Date.now();
      const cut = (): void => {
        if (Date.now() - first >= SAME_SIGNAL_MS) server.closeAllConnections();
      };
      for (const s of signals) process.on(s, cut);
      server.close(() => {
        for (const s of signals) process.removeListener(s, cut);
        clearInterval(idle);
        resolve();
      });
      // Keep-alive connections become idle as their last response ends.
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 100);
    };
    for (const s of signals) process.once(s, stop);
  });
}
