/**
 * `peel serve` as a child process, for the scripts, benchmarks and tests
 * that talk to it over real sockets: started on a free port, ready once it
 * prints its `listening on` line, stopped with a signal. The child is the
 * server itself, started as `peel serve` starts it, so its pid is the one
 * whose memory a measurement reads. The real Glance served by tools/glance-driver
 * is started the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { bootScript, FROM_SOURCES, servePath } from './boot.js';

export interface ServedProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything the server wrote on stderr so far. */
  stderr(): string;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  /** How long to wait for the `listening on` line. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** The command line that runs `peel serve ARGS` as one Node process (what `peel serve` itself runs). */
export function serveCommandLine(args: readonly string[]): { command: string; args: string[] } {
  const main = servePath('main');
  return { command: process.execPath, args: FROM_SOURCES ? ['-e', bootScript(main), '--', ...args] : [main, ...args] };
}

/** Starts `peel serve ARGS` (add `--port 0` for a free port) and waits until it listens. */
export function spawnServe(args: readonly string[], options: SpawnOptions = {}): Promise<ServedProcess> {
  const line = serveCommandLine(args);
  return spawnListening(line.command, line.args, options);
}

/**
 * Starts any server that prints `listening on http://HOST:PORT` when ready
 * (`peel serve`, or tools/glance-driver's `serve`) and waits for that line.
 */
export function spawnListening(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<ServedProcess> {
  const name = [command, ...args].join(' ');
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: did not listen within ${options.timeoutMs ?? 120_000} ms; stderr: ${err}`));
    }, options.timeoutMs ?? 120_000);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited (${code ?? signal}) before listening: ${err.trim()}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /listening on (http:\/\/\S+:(\d+))\n/.exec(out);
      if (m === null) return;
      clearTimeout(timer);
      resolve({
        url: m[1] as string,
        port: Number(m[2]),
        pid: child.pid as number,
        child,
        stderr: () => err,
        stop(signal: NodeJS.Signals = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}
