/**
 * A worktree of the review's base, made the first time something asks for
 * it (coverage at the base, the base's verdict on failing examples) and
 * removed at the end, so a review that needs nothing of the base makes none.
 */
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './git.js';

export class BaseWorktree {
  private dir: string | null = null;

  constructor(private readonly root: string, private readonly base: string) {}

  /** The worktree's directory, with the checkout's node_modules linked in. */
  path(): string {
    if (this.dir !== null) return this.dir;
    const dir = mkdtempSync(join(tmpdir(), 'peel-review-'));
    git(['worktree', 'add', '--detach', dir, this.base], this.root);
    this.dir = dir;
    symlinkSync(join(this.root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  }

  remove(): void {
    if (this.dir === null) return;
    git(['worktree', 'remove', '--force', this.dir], this.root);
    this.dir = null;
  }
}
