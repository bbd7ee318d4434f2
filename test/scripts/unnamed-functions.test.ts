/** Methods with computed keys, which c8's report leaves out, still count their calls. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offsetPosition, unnamedFunctionCalls } from '../../scripts/lib/unnamed-functions.js';

const SOURCE = `export class Bag {
  private readonly items = [1, 2];

  [Symbol.iterator](): Iterator<number> {
    return this.items[Symbol.iterator]();
  }

  [Symbol.toPrimitive](): string {
    return 'bag';
  }
}

const bag = new Bag();
for (let i = 0; i < 3; i++) [...bag];
`;

describe('unnamed functions', () => {
  it('finds the line and column of an offset from the generated line lengths', () => {
    expect(offsetPosition([3, 5], 0)).toEqual({ line: 0, column: 0 });
    expect(offsetPosition([3, 5], 3)).toEqual({ line: 0, column: 3 });
    expect(offsetPosition([3, 5], 4)).toEqual({ line: 1, column: 0 });
    expect(offsetPosition([3, 5], 7)).toEqual({ line: 1, column: 3 });
  });

  it('counts a [Symbol.iterator] method run under tsx by its source line, and one never called as 0', () => {
    const root = mkdtempSync(join(tmpdir(), 'peel-unnamed-'));
    const coverage = join(root, 'v8');
    writeFileSync(join(root, 'bag.ts'), SOURCE);
    const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
    const run = spawnSync(tsx, [join(root, 'bag.ts')], { env: { ...process.env, NODE_V8_COVERAGE: coverage }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const calls = unnamedFunctionCalls(coverage, root, (f) => f === 'bag.ts');
    expect(calls.get('bag.ts')).toEqual([[4, 3], [8, 0]]);
    rmSync(root, { recursive: true });
  });
});
