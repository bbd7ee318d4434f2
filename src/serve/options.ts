/**
 * The command line of `peel serve`, checked before anything starts: every
 * mistake (an unknown option, a bad port, an unreadable or invalid config
 * or tokens file) is one line and exit status 2, as the glance driver's
 * `serve` answers the same options.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toPlain } from '../lib/pyjson.js';
import { isModelName, MODEL_NAMES, type ModelName } from '../shared/models.js';
import { ScenarioError, validateConfig } from '../shared/scenario.js';
import type { ScenarioConfig } from '../shared/settings.js';
import { readStrictJson } from '../shared/strict-json.js';
import { readTokensFile, type Tokens } from './keystone.js';

/** A mistake on the command line or in a file it names: one line on stderr, exit status 2. */
export class ServeUsageError extends Error {}

export interface ServeOptions {
  readonly model: ModelName;
  readonly host: string;
  readonly port: number;
  /** Where the database, the store and the notification log live; null: a fresh temporary directory. */
  readonly dataDir: string | null;
  /** The deployment: a scenario's `config` object ({} without --config). */
  readonly config: ScenarioConfig;
  /** Token to identity; null: identity headers are trusted as sent. */
  readonly tokens: Tokens | null;
  /** The notification log; null: DATA_DIR/notifications.jsonl. */
  readonly notifications: string | null;
  /** Threads that run the model, each answering one request at a time. */
  readonly workers: number;
}

export const DEFAULT_PORT = 9292;
export const DEFAULT_WORKERS = 2;

export const SERVE_USAGE = `usage: peel serve --model ${MODEL_NAMES.join('|')} [--host HOST] [--port PORT] [--data-dir DIR]
                  [--config FILE] [--tokens FILE] [--notifications FILE] [--workers N]
  Serves the Images API v2 under /v2/ over HTTP/1.1 on the model.
  --host           address to listen on (default 127.0.0.1)
  --port           port (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir       the SQLite database (glance.sqlite) and the filesystem store
                   (images/) live here and survive a restart (default: a fresh
                   temporary directory, removed on exit)
  --config         the deployment: JSON, a scenario's \`config\` object
  --tokens         JSON mapping an X-Auth-Token value to {"user", "project", "roles"};
                   other tokens answer 401. Without it, identity headers are
                   trusted as sent
  --notifications  where notifications are logged, one JSON line each
                   (default: DATA_DIR/notifications.jsonl)
  --workers        threads running the model (default ${DEFAULT_WORKERS})
Prints "listening on http://HOST:PORT" once it accepts connections;
SIGINT or SIGTERM stops it. Exit status: 0 stopped, 2 bad options or files,
or the address cannot be listened on.`;

export function parseServeOptions(argv: readonly string[]): ServeOptions {
  const { values, positionals } = parseArgsOrThrow(argv);
  if (positionals.length > 0) throw new ServeUsageError(`unexpected argument "${positionals[0]}"`);
  const model = values.model;
  if (model === undefined) throw new ServeUsageError(`--model is required (${MODEL_NAMES.join(' or ')})`);
  if (!isModelName(model)) throw new ServeUsageError(`--model: unknown model "${model}" (known: ${MODEL_NAMES.join(', ')})`);
  const host = values.host ?? '127.0.0.1';
  if (host === '') throw new ServeUsageError('--host: empty address');
  return {
    model,
    host,
    port: values.port === undefined ? DEFAULT_PORT : intOption('--port', values.port, 0, 65535),
    dataDir: nonEmpty('--data-dir', values['data-dir']),
    config: values.config === undefined ? {} : readConfigFile(values.config),
    tokens: values.tokens === undefined ? null : readTokens(values.tokens),
    notifications: nonEmpty('--notifications', values.notifications),
    workers: values.workers === undefined ? DEFAULT_WORKERS : intOption('--workers', values.workers, 1, 64),
  };
}

function parseArgsOrThrow(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        tokens: { type: 'string' },
        notifications: { type: 'string' },
        workers: { type: 'string' },
      },
    });
  } catch (e) {
    throw new ServeUsageError((e as Error).message);
  }
}

function intOption(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ServeUsageError(`${name}: expected an integer from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

function nonEmpty(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value === '') throw new ServeUsageError(`${name}: empty path`);
  return value;
}

function readBytes(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new ServeUsageError(`${option} ${file}: cannot read: ${(e as Error).message}`);
  }
}

/** The config file read as strictly as a scenario, and checked as a scenario's `config`. */
function readConfigFile(file: string): ScenarioConfig {
  const bytes = readBytes('--config', file);
  try {
    return validateConfig(toPlain(readStrictJson(bytes, file)), file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new ServeUsageError(`--config ${e.message}`);
    throw e;
  }
}

function readTokens(file: string): Tokens {
  const bytes = readBytes('--tokens', file);
  try {
    return readTokensFile(bytes, file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new ServeUsageError(`--tokens ${e.message}`);
    throw e;
  }
}
