/**
 * The project's Glance driver (tools/glance-driver) seen from TypeScript:
 * whether it can start on this machine, and replaying scenarios on the
 * real Glance 16.0.0 through it.
 *
 * The driver needs Debian 12's /usr/bin/python3 with the libraries of the
 * python3-glance package and a Glance 16.0.0 source tree ($GLANCE_SRC,
 * default /tmp/glance-16); tools/glance-driver/README.md says how to set
 * them up. Nothing else of the machine is assumed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const DRIVER = join(ROOT, 'tools/glance-driver/driver.py');
/** Exit status of `driver.py check` (and every command) when it cannot start. */
const CANNOT_START = 3;
/** Generous: a loaded 2-core machine replays a few scenarios a second. */
const REPLAY_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export interface DriverSetup {
  python: string;
  glanceSrc: string;
}

/** Where the driver's interpreter and Glance source are: $PEEL_GLANCE_PYTHON and $GLANCE_SRC, else Debian's defaults. */
export function driverSetup(env: NodeJS.ProcessEnv = process.env): DriverSetup {
  return { python: env.PEEL_GLANCE_PYTHON ?? '/usr/bin/python3', glanceSrc: env.GLANCE_SRC ?? '/tmp/glance-16' };
}

function driverEnv(setup: DriverSetup): NodeJS.ProcessEnv {
  return { ...process.env, GLANCE_SRC: setup.glanceSrc };
}

/**
 * Why the driver cannot start here, as one line that says what to install
 * or check out, or null when it can. The driver itself decides (`driver.py
 * check`); only a missing interpreter is found here.
 */
export function driverUnavailable(setup: DriverSetup = driverSetup()): string | null {
  if (!existsSync(setup.python)) return `no ${setup.python}: the Glance driver runs on Debian 12's python3 with python3-glance (apt-get install python3-glance; see tools/glance-driver/README.md)`;
  const probe = spawnSync(setup.python, [DRIVER, 'check'], { encoding: 'utf8', env: driverEnv(setup) });
  if (probe.status === 0) return null;
  const said = (probe.stderr || probe.stdout || '').trim().replace(/^glance-driver: cannot start: /, '');
  if (probe.status === CANNOT_START) return said;
  return `the Glance driver failed to start (exit ${probe.status ?? probe.signal}): ${said || probe.error?.message || 'no message'}`;
}

export interface GlanceReplay {
  /** The trace text Glance answered, per scenario; null where the driver refused the scenario as invalid. */
  traces: Array<string | null>;
  /** What the driver wrote on stderr (invalid scenarios, 500s it saw, its speed). */
  stderr: string;
}

export interface ReplayOptions {
  /** Send format-2 steps over a socket to the application `driver.py serve` serves (eventlet), not to it in memory. */
  overHttp?: boolean;
}

/** Replays scenario texts on the real Glance in one driver process. */
export function replayOnGlance(scenarioTexts: readonly string[], setup: DriverSetup = driverSetup(), options: ReplayOptions = {}): GlanceReplay {
  const dir = mkdtempSync(join(tmpdir(), 'peel-glance-'));
  try {
    const files = scenarioTexts.map((text, i) => {
      const path = join(dir, `s${String(i).padStart(5, '0')}.scenario.json`);
      writeFileSync(path, text);
      return path;
    });
    const out = join(dir, 'out');
    const flags = options.overHttp ? ['--over-http'] : [];
    const run = spawnSync(setup.python, [DRIVER, 'replay', ...flags, '--out-dir', out, ...files], { encoding: 'utf8', env: driverEnv(setup), maxBuffer: 256 * 1024 * 1024, timeout: REPLAY_TIMEOUT_MS });
    if (run.status !== 0 && run.status !== 1) throw new Error(`the Glance driver failed (exit ${run.status ?? run.signal}): ${(run.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    const traces = files.map((f) => {
      const trace = join(out, f.split('/').pop()!.replace('.scenario.json', '.trace.json'));
      return existsSync(trace) ? readFileSync(trace, 'utf8') : null;
    });
    return { traces, stderr: run.stderr ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ServeOptions {
  /** X-Auth-Token value -> who holds it; absent: identity headers are trusted as sent. */
  tokens?: Record<string, { user: string | null; project: string | null; roles: string[] }>;
  /** The deployment, as a scenario's `config`. */
  config?: Record<string, unknown>;
  /** Keep the database and store here; default: a temporary directory removed by stop(). */
  dataDir?: string;
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** How long to wait for the server to listen (default 120 s: Glance imports slowly on a busy machine). */
  startTimeoutMs?: number;
}

export interface GlanceServer {
  /** http://HOST:PORT, as the server printed it. */
  url: string;
  dataDir: string;
  /** One JSON line per notification, {"event_type", "payload"}. */
  notificationsLog: string;
  /** SIGTERM, then the exit code once it has stopped (0 when it shut down cleanly). */
  stop(): Promise<number | null>;
}

/** Starts `driver.py serve` (the real Glance 16.0.0 over HTTP) and resolves once it listens. */
export function serveGlance(options: ServeOptions = {}, setup: DriverSetup = driverSetup()): Promise<GlanceServer> {
  const work = mkdtempSync(join(tmpdir(), 'peel-glance-serve-'));
  const dataDir = options.dataDir ?? join(work, 'data');
  const args = [DRIVER, 'serve', '--host', options.host ?? '127.0.0.1', '--port', String(options.port ?? 0), '--data-dir', dataDir];
  if (options.tokens) {
    writeFileSync(join(work, 'tokens.json'), JSON.stringify(options.tokens));
    args.push('--tokens', join(work, 'tokens.json'));
  }
  if (options.config) {
    writeFileSync(join(work, 'config.json'), JSON.stringify(options.config));
    args.push('--config', join(work, 'config.json'));
  }
  const child = spawn(setup.python, args, { env: driverEnv(setup), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const cleanUp = (): void => rmSync(work, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`driver.py serve did not listen within ${options.startTimeoutMs ?? 120_000} ms: ${err.trim()}`));
    }, options.startTimeoutMs ?? 120_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^listening on (http:\/\/\S+)$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1] as string,
        dataDir,
        notificationsLog: join(dataDir, 'notifications.jsonl'),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const code = await exited;
          cleanUp();
          return code;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      cleanUp();
      reject(new Error(`driver.py serve exited (${code}) before listening: ${err.trim()}`));
    });
  });
}
