/**
 * How `peel serve` starts its own code from the TypeScript sources: through
 * tsx's CommonJS hook, which compiles each file in the thread that loads
 * it. tsx's ESM hook (what `tsx FILE` uses) runs a loader thread beside
 * every thread that uses it, about 30 to 40 MB each; the server process and
 * each model thread would carry one. Built to JavaScript, none is needed.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** True when this code runs from the .ts sources (under tsx), false when built. */
export const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** A sibling module of this directory: the .ts source or the built .js file. */
export function servePath(name: string): string {
  return fileURLToPath(new URL(`./${name}.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url));
}

/**
 * Script text (for `node -e` or an eval worker) that registers tsx's
 * CommonJS hook and loads `file` as if it were the main script.
 */
export function bootScript(file: string): string {
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return `process.argv.splice(1, 0, ${JSON.stringify(file)}); require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`;
}
