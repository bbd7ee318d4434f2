/**
 * `peel serve` from the CLI. Run from the TypeScript sources, the CLI
 * itself runs under tsx's ESM hook, whose loader thread would stay in the
 * server's memory (boot.ts): the server is started as a process of its
 * own, through tsx's CommonJS hook, with this process's standard streams;
 * a SIGINT or SIGTERM sent here is passed on, and its exit status is
 * returned. Built to JavaScript, the server runs in this process.
 */
import { spawn } from 'node:child_process';
import { FROM_SOURCES } from './boot.js';
import { serveCommandLine } from './spawn.js';

export async function launchServe(argv: readonly string[]): Promise<number> {
  if (!FROM_SOURCES) return (await import('./server.js')).serveCommand(argv);
  const line = serveCommandLine(argv);
  const child = spawn(line.command, line.args, { stdio: 'inherit' });
  const relay = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('SIGINT', relay);
      process.removeListener('SIGTERM', relay);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}
