/** Survivors inside methods no request reaches take the method's reason, and leave with it. */
import { describe, expect, it } from 'vitest';
import { explainUnreachable, mergeExplained, UNREACHABLE_PREFIX, unreachableSpans } from '../../scripts/lib/mutation-explain.js';
import type { Callable } from '../../scripts/lib/inventory.js';
import type { Survivor } from '../../scripts/lib/mutation-summary.js';

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
