#!/usr/bin/env node
/**
 * `peel serve` as a process of its own: what `peel serve ARGS` runs,
 * without the rest of the CLI (scenario reading, replay), so the server
 * loads only what it serves with. src/serve/spawn.ts starts this file.
 */
import { serveCommand } from './server.js';

serveCommand(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`peel serve: internal error: ${e instanceof Error ? e.message : String(e)} (rerun with PEEL_DEBUG=1 for the stack)\n`);
    if (process.env.PEEL_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    process.exitCode = 70;
  },
);
