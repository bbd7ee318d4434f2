/** Survivors inside methods no request reaches take the method's reason, and leave with it. */
import { describe, expect, it } from 'vitest';
import { explainUnreachable, mergeExplained, UNREACHABLE_PREFIX, unreachableSpans } from '../../scripts/lib/mutation-explain.js';
import type { Callable } from '../../scripts/lib/inventory.js';
import type { Survivor } from '../../scripts/lib/mutation-summary.js';
import { EXPLAINED_MUTANTS_DIR, EXPLAINED_MUTANTS_PATH, loadExplanations, loadMainExplained } from '../../scripts/lib/roadmap-explained.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const callables: Callable[] = [
  { layer: 'quota', file: 'src/legacy/quota.ts', className: 'QuotaImageTagsProxy', name: 'pop', kind: 'method', line: 10, endLine: 12 },
  { layer: 'quota', file: 'src/legacy/quota.ts', className: 'QuotaImageTagsProxy', name: 'add', kind: 'method', line: 14, endLine: 18 },
  { layer: 'quota', file: 'src/legacy/quota.ts', className: null, name: 'helper', kind: 'function', line: 20 },
];
const survivor = (line: number, mutator = 'BlockStatement'): Survivor => ({ line, column: 3, mutator, original: '{ x }', replacement: '{}', status: 'NoCoverage' });

describe('survivors inside unreachable methods', () => {
  const spans = unreachableSpans(callables, [
    { file: 'quota.ts', method: 'QuotaImageTagsProxy.pop', reason: 'no v2 path pops tags' },
    { file: 'quota.ts', method: 'helper', reason: 'no span known' },
  ]);

  it('spans only the listed methods whose body lines are known', () => {
    expect(spans).toEqual([{ file: 'src/legacy/quota.ts', from: 10, to: 12, label: 'QuotaImageTagsProxy.pop', reason: 'no v2 path pops tags' }]);
  });

  it('explains a survivor inside such a method with the method and its reason, and none outside', () => {
    const entries = explainUnreachable('src/legacy/quota.ts', [survivor(9), survivor(11), survivor(12, 'StringLiteral'), survivor(15)], spans);
    expect(entries.map((e) => [e.line, e.mutator])).toEqual([[11, 'BlockStatement'], [12, 'StringLiteral']]);
    expect(entries[0]?.reason).toBe(`${UNREACHABLE_PREFIX} (QuotaImageTagsProxy.pop): no v2 path pops tags`);
    expect(explainUnreachable('src/legacy/other.ts', [survivor(11)], spans)).toEqual([]);
  });

  it('keeps hand-written entries and replaces the ones it made before', () => {
    const hand = { file: 'src/legacy/quota.ts', mutator: 'StringLiteral', original: "'x'", replacement: '""', reason: 'only logged' };
    const old = { ...hand, reason: `${UNREACHABLE_PREFIX} (gone): was` };
    const rebuilt = explainUnreachable('src/legacy/quota.ts', [survivor(11)], spans);
    expect(mergeExplained([hand, old], rebuilt)).toEqual([hand, ...rebuilt]);
  });
});

describe('hand-written explanations kept per area', () => {
  const entry = (file: string, reason: string) => ({ file, mutator: 'StringLiteral', original: "'x'", replacement: '""', reason });
  const write = (path: string, mutants: unknown[]) => writeFileSync(path, JSON.stringify({ format: 'peel-mutants-explained/1', mutants }));

  it('reads the main file, then every area file in name order; the rewrite sees only the main file', () => {
    const root = mkdtempSync(join(tmpdir(), 'peel-explained-'));
    mkdirSync(join(root, EXPLAINED_MUTANTS_DIR), { recursive: true });
    write(join(root, EXPLAINED_MUTANTS_PATH), [entry('a.ts', 'main')]);
    write(join(root, EXPLAINED_MUTANTS_DIR, 'z-policy.json'), [entry('p.ts', 'policy')]);
    write(join(root, EXPLAINED_MUTANTS_DIR, 'b-location.json'), [entry('l.ts', 'location')]);
    writeFileSync(join(root, EXPLAINED_MUTANTS_DIR, 'notes.txt'), 'not an area file');
    expect(loadExplanations(root).mutants.map((m) => m.reason)).toEqual(['main', 'location', 'policy']);
    expect(loadMainExplained(root).map((m) => m.reason)).toEqual(['main']);
    rmSync(root, { recursive: true });
  });

  it('names the area file whose shape is wrong', () => {
    const root = mkdtempSync(join(tmpdir(), 'peel-explained-'));
    mkdirSync(join(root, EXPLAINED_MUTANTS_DIR), { recursive: true });
    writeFileSync(join(root, EXPLAINED_MUTANTS_DIR, 'bad.json'), JSON.stringify({ format: 'other', mutants: [] }));
    expect(() => loadExplanations(root)).toThrow(/mutants-explained\/bad\.json: expected/);
    rmSync(root, { recursive: true });
  });
});
