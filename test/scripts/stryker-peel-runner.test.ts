import { afterEach, describe, expect, it } from 'vitest';
import { DryRunStatus, MutantRunStatus, TestStatus } from '@stryker-mutator/api/test-runner';
import { dryRunTests, mutantRunTests } from '../../scripts/lib/stryker-peel-runner.js';
import type { MutationTest } from '../mutation/suite.js';

/**
 * What instrumented code does (Stryker's instrumenter header): record the
 * mutants it reaches under the current test, and take a mutant's branch
 * when it is the active one, counting hits against the limit.
 */
interface Ns {
  activeMutant?: string;
  currentTestId?: string;
  hitCount?: number;
  hitLimit?: number;
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}
const ns = (): Ns => ((globalThis as unknown as { __stryker__?: Ns }).__stryker__ ??= {});

function cover(id: string): void {
  const n = ns();
  const cov = (n.mutantCoverage ??= { static: {}, perTest: {} });
  const at = n.currentTestId ? (cov.perTest[n.currentTestId] ??= {}) : cov.static;
  at[id] = (at[id] ?? 0) + 1;
}

function active(id: string): boolean {
  const n = ns();
  if (n.activeMutant !== id) return false;
  if (n.hitCount !== undefined && ++n.hitCount > (n.hitLimit ?? Infinity)) throw new Error('Stryker: Hit count limit reached');
  return true;
}

/** Code under test with mutant "1" (answers wrong) and mutant "2" (loops until the hit limit stops it). */
function answer(x: number): number {
  cover('1');
  cover('2');
  if (active('1')) return x + 1;
  if (active('2')) for (;;) active('2');
  return x;
}

const ran: string[] = [];
const test = (id: string, input: number, touches = true): MutationTest => ({
  id,
  run: () => {
    ran.push(id);
    if (touches && answer(input) !== input) throw new Error(`${id}: ${answer(input)} is not ${input}`);
  },
});

afterEach(() => {
  ran.length = 0;
  delete (globalThis as unknown as { __stryker__?: Ns }).__stryker__;
});

describe('the peel Stryker test runner', () => {
  it('records which tests reach which mutants in the dry run, and runs every test', () => {
    const result = dryRunTests([test('a', 1), test('b', 2, false), test('c', 3)], true);
    expect(result.status).toBe(DryRunStatus.Complete);
    if (result.status !== DryRunStatus.Complete) return;
    expect(result.tests.map((t) => [t.id, t.status])).toEqual([['a', TestStatus.Success], ['b', TestStatus.Success], ['c', TestStatus.Success]]);
    expect(result.mutantCoverage?.perTest).toEqual({ a: { 1: 1, 2: 1 }, c: { 1: 1, 2: 1 } });
    expect(ns().currentTestId).toBeUndefined();
  });

  it('kills a mutant at the first failing test and stops there (bail)', () => {
    const result = mutantRunTests([test('a', 1), test('b', 2), test('c', 3)], { mutantId: '1', hitLimit: undefined, disableBail: false });
    expect(result.status).toBe(MutantRunStatus.Killed);
    expect(ran).toEqual(['a']);
    if (result.status === MutantRunStatus.Killed) expect(result.failureMessage).toBe('a: 2 is not 1');
    expect(ns().activeMutant).toBeUndefined();
  });

  it('runs every test when bail is off, and reports every killer', () => {
    const result = mutantRunTests([test('a', 1), test('b', 2)], { mutantId: '1', hitLimit: undefined, disableBail: true });
    expect(ran).toEqual(['a', 'b']);
    expect(result.status === MutantRunStatus.Killed && result.killedBy).toEqual(['a', 'b']);
  });

  it('reports a survivor when no test tells the mutant apart', () => {
    const result = mutantRunTests([test('a', 1, false), test('b', 2, false)], { mutantId: '1', hitLimit: undefined, disableBail: false });
    expect(result.status).toBe(MutantRunStatus.Survived);
    expect(ran).toEqual(['a', 'b']);
  });

  it('reports a timeout when the mutant loops past the hit limit, even though the test itself failed', () => {
    const result = mutantRunTests([test('a', 1)], { mutantId: '2', hitLimit: 100, disableBail: false });
    expect(result.status).toBe(MutantRunStatus.Timeout);
    expect(ns().hitCount).toBeUndefined();
  });
});
