/**
 * `roadmap --json` keeps stdout for the JSON alone (progress and the
 * staleness notice go to stderr), so `npm run -s roadmap -- --json | jq`
 * and CI can read it; it names what keeps cycle 1 open.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('npm run roadmap -- --json', () => {
  it('writes nothing but the roadmap JSON to stdout, with cycle1Done and its blockers', () => {
    // --no-measure: the coverage measurement is the only slow part, and it writes to stderr too (scripts/coverage-equivalence.ts);
    // --no-write: a test run leaves ROADMAP.md and reports/ as they were.
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/roadmap.ts', '--json', '--no-measure', '--no-write'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const roadmap = JSON.parse(run.stdout) as { cycle1Done: unknown; blockers: unknown; layers: unknown[] };
    expect(typeof roadmap.cycle1Done).toBe('boolean');
    expect(Array.isArray(roadmap.blockers)).toBe(true);
    expect(roadmap.cycle1Done).toBe((roadmap.blockers as unknown[]).length === 0);
    expect(roadmap.layers.length).toBeGreaterThan(0);
  }, 150_000);
});
