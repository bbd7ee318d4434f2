/** The few git questions the tooling asks, answered without a shell. */
import { execFileSync } from 'node:child_process';

export function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).trimEnd();
}

export function headCommit(cwd: string): string {
  try {
    return git(['rev-parse', '--short=12', 'HEAD'], cwd);
  } catch {
    return 'unknown';
  }
}

/** The file at a revision, or null when it did not exist there. */
export function showAt(ref: string, path: string, cwd: string): string | null {
  try {
    return git(['show', `${ref}:${path}`], cwd);
  } catch {
    return null;
  }
}
