/**
 * The review tried as a reviewer would, on purpose-made changes in a
 * scratch worktree of HEAD (issue 11): a change that breaks recorded
 * examples on both models alike, a deleted file of ported Glance tests, a
 * change that tells the models apart, and a refactor that changes nothing.
 * Each run is the real `npm run review` with few generated scenarios and
 * the first recorded examples only, so the suite stays quick.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const SLOW = 240_000;

let wt = '';
const restores: Array<() => void> = [];

function git(args: string[], cwd: string): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

beforeAll(() => {
  wt = mkdtempSync(join(tmpdir(), 'peel-review-made-'));
  rmSync(wt, { recursive: true });
  git(['worktree', 'add', '--detach', wt, 'HEAD'], ROOT);
  symlinkSync(join(ROOT, 'node_modules'), join(wt, 'node_modules'), 'dir');
}, SLOW);

afterAll(() => {
  if (wt) git(['worktree', 'remove', '--force', wt], ROOT);
});

afterEach(() => {
  while (restores.length) restores.pop()?.();
});

/** Changes a file of the worktree until the test ends. */
function edit(file: string, change: (text: string) => string): void {
  const path = join(wt, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  restores.push(() => writeFileSync(path, before));
}

function remove(file: string): void {
  const path = join(wt, file);
  const before = readFileSync(path);
  rmSync(path);
  restores.push(() => writeFileSync(path, before));
}

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A tsx script in the worktree, run without blocking the test worker (vitest talks to it meanwhile). */
function tsx(...args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, ...args], { cwd: wt });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The review of the worktree against HEAD, on the first recorded examples;
 * no generated scenarios unless asked for, so a case about examples or
 * ported tests does not hang on the models' agreement at HEAD.
 */
function review(runs = ['--runs', '0', '--focused', '0']): Promise<Ran> {
  return tsx('scripts/review.ts', '--base', 'HEAD', '--no-measure', ...runs, '--examples', 'examples/00');
}

describe('review on purpose-made changes', () => {
  it('fails when a trace.ts change reverses tag order, naming each broken example with its first differing step and reproduce command', async () => {
    edit('src/shared/trace.ts', (t) => t.replace('compareCodePoints(String(a), String(b))', 'compareCodePoints(String(b), String(a))'));
    const r = await review();
    expect(r.status).toBe(1);
    // The flat model is checked on format 1 while it answers it.
    expect(r.stdout).toMatch(/\*\*Verdict: changes needed\.\*\* \d recorded example run\(s\) no longer replay \(legacy: 2(, flat: 2)?\)\./);
    expect(r.stdout).toContain('**examples/002-image-create-all-fields.scenario.json no longer replays on the legacy model**');
    expect(r.stdout).toContain('reproduce: `npx tsx src/cli.ts replay --model legacy --check examples/002-image-create-all-fields.scenario.json`');
    expect(r.stderr).toContain('reproduce: npx tsx src/cli.ts replay --model legacy --check examples/006-image-create-quotas.scenario.json');
    expect(r.stdout).toContain('first difference: `step 0 body.tags[0]: expected "alpha", got "beta"`');
    expect(r.stderr).toContain('first difference: step 0 body.tags[0]: expected "a", got "b"');
  }, SLOW);

  it('fails when test/legacy/test_quota.test.ts is deleted, naming the quota layer and the file', async () => {
    remove('test/legacy/test_quota.test.ts');
    const r = await review();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('**Verdict: changes needed.** quota: ported or explained Glance test cases dropped 61 → 0 (test/legacy/test_quota.test.ts deleted).');
    expect(r.stdout).toContain('- Layers: quota');
    expect(r.stdout).toContain('| quota | 61 | **0** |');
    expect(r.stdout).toContain('reproduce: `git diff HEAD -- test/legacy/test_quota.test.ts` and `npx vitest run test/verification/ported-tests.test.ts`');
    expect(r.stderr).toMatch(/first difference: first case lost: TestImageQuota\.test_\w+ \(and 60 more\)/);
  }, SLOW);

  it('fails when the flat model parts from the legacy one, naming the saved scenario and the commands that replay it', async () => {
    // Every image the flat model creates gets min_disk 1 (if the flat create no longer has this statement, pick another edit).
    edit('src/domain/images/create.ts', (t) => t.replace(/const minDisk = [^;]+;/, 'const minDisk = 1;'));
    // One batch, one scenario: shrinking is what takes the time.
    const r = await review(['--runs', '1', '--focused', '0']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\*\*Verdict: changes needed\.\*\* equivalence fails \((HTTP )?general mix\)/);
    expect(r.stdout).toContain('- saved: `reports/review-failure-1.scenario.json`');
    expect(r.stdout).toContain('reproduce: `npx tsx src/cli.ts replay --model legacy reports/review-failure-1.scenario.json` and `npx tsx src/cli.ts replay --model flat reports/review-failure-1.scenario.json`');
    expect(r.stdout).toMatch(/first difference: `step \d+[^`]*min_disk: legacy 0, flat 1`/);
    expect(r.stderr).toContain('saved as reports/review-failure-1.scenario.json');
    // The commands given reproduce the difference.
    const replay = (model: string) => tsx('src/cli.ts', 'replay', '--model', model, 'reports/review-failure-1.scenario.json');
    const [legacy, flat] = [await replay('legacy'), await replay('flat')];
    expect([legacy.status, flat.status]).toEqual([0, 0]);
    expect(legacy.stdout).toContain('"min_disk": 0');
    expect(flat.stdout).toContain('"min_disk": 1');
    expect(existsSync(join(wt, 'reports/review-failure-1.scenario.json'))).toBe(true);
  }, SLOW);

  it('passes a refactor that keeps behaviour', async () => {
    edit('src/shared/trace.ts', (t) => t.replaceAll('sortedStrings', 'sortedLikePython'));
    const r = await review();
    expect(r.stdout).toContain('**Verdict: OK.** Equivalence not checked');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| legacy | 1 | 9 of 9 | 0 | 0 |');
  }, SLOW);
});
