/** Mutation scores as Stryker counts them, per file, and the table ROADMAP.md shows. */
import { describe, expect, it } from 'vitest';
import { fileScore, mergeTarget, overallScore, parseSummary, scoreOf, scoresByFile, targetMarkdown, type TargetScore } from '../../scripts/lib/mutation-summary.js';

describe('mutation summary', () => {
  it('scores killed and timed out over the valid mutants; errors and ignored do not count', () => {
    expect(scoreOf(['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'Ignored'])).toMatchObject({ killed: 1, timeout: 1, survived: 1, noCoverage: 1, valid: 4, score: 0.5 });
    expect(scoreOf(['CompileError']).score).toBeNull();
  });

  it('groups by file and names the mutators that survive most', () => {
    const files = scoresByFile([
      { file: 'src/domain/a.ts', status: 'Killed', mutator: 'StringLiteral' },
      { file: 'src/domain/a.ts', status: 'Survived', mutator: 'ConditionalExpression' },
      { file: 'src/domain/a.ts', status: 'NoCoverage', mutator: 'ConditionalExpression' },
      { file: 'src/domain/a.ts', status: 'Survived', mutator: 'StringLiteral' },
      { file: 'src/domain/b.ts', status: 'Killed', mutator: 'BooleanLiteral' },
    ]);
    expect(Object.keys(files)).toEqual(['src/domain/a.ts', 'src/domain/b.ts']);
    expect(files['src/domain/a.ts']).toMatchObject({ score: 0.25, missedBy: { ConditionalExpression: 2, StringLiteral: 1 } });
    expect(overallScore(files)).toBe(0.4);
  });

  it('renders a per-file table flagging files under the target', () => {
    const files = scoresByFile([
      { file: 'src/domain/a.ts', status: 'Survived', mutator: 'ConditionalExpression' },
      { file: 'src/domain/b.ts', status: 'Killed', mutator: 'BooleanLiteral' },
    ]);
    const t: TargetScore = {
      measuredAt: '2026-11-27T05:00:00.000Z', commit: 'abc', seconds: 600, mutate: ['src/domain/**/*.ts'],
      baseline: { examplesLegacy: 99, examplesFlat: 99, generated: 30, sampled: 30 }, score: overallScore(files), files,
    };
    const md = targetMarkdown(t);
    expect(md).toContain('| src/domain/a.ts | 0.0% ⚠ | 0/1 | 1 | 0 | 0 | ConditionalExpression 1 |  |');
    expect(md).toContain('| src/domain/b.ts | 100.0% | 1/1 | 0 | 0 | 0 |  |  |');
    expect(md).toContain('| file | score | killed/valid | survived | no coverage | explained | surviving mutators (most first) | measured |');
    expect(md).toContain('Last measured 2026-11-27 05:00 UTC at abc');
    const summary = { format: 'peel-mutation-summary/1' as const, targets: { domain: t } };
    expect(fileScore(summary, 'src/domain/a.ts')?.target).toBe('domain');
    expect(fileScore(summary, 'src/domain/zzz.ts')).toBeNull();
  });

  it('a chunk replaces its files and keeps the others, but a whole run or a deleted file drops the old rows', () => {
    const at = (mutate: string[], files: Record<string, 'Killed' | 'Survived'>): TargetScore => {
      const scored = scoresByFile(Object.entries(files).map(([file, status]) => ({ file, status, mutator: 'StringLiteral' })));
      return { measuredAt: '2026-12-03T00:00:00.000Z', commit: 'c', seconds: 10, mutate, baseline: { examplesLegacy: 1, examplesFlat: 1, generated: 1, sampled: 1 }, score: overallScore(scored), files: scored };
    };
    const before = at(['src/domain/*.ts', 'src/domain/images/**/*.ts'], { 'src/domain/a.ts': 'Killed', 'src/domain/images/gone.ts': 'Survived', 'src/domain/images/kept.ts': 'Killed' });
    const chunk = at(['src/domain/*.ts'], { 'src/domain/a.ts': 'Survived' });
    const merged = mergeTarget(before, chunk, (f) => f !== 'src/domain/images/gone.ts');
    expect(Object.keys(merged.files).sort()).toEqual(['src/domain/a.ts', 'src/domain/images/kept.ts']);
    expect(merged.files['src/domain/a.ts']?.survived).toBe(1);
    expect(merged.seconds).toBe(20);
    const whole = mergeTarget(before, at(['src/domain/*.ts', 'src/domain/images/**/*.ts'], { 'src/domain/a.ts': 'Killed' }));
    expect(Object.keys(whole.files)).toEqual(['src/domain/a.ts']);
    expect(whole.seconds).toBe(10);
    // Globs written differently (one per directory) that reach every file still there are a whole run too.
    const regrouped = mergeTarget(before, at(['src/domain/*.ts', 'src/domain/images/kept.ts'], { 'src/domain/a.ts': 'Killed', 'src/domain/images/kept.ts': 'Killed' }), (f) => f !== 'src/domain/images/gone.ts');
    expect(Object.keys(regrouped.files).sort()).toEqual(['src/domain/a.ts', 'src/domain/images/kept.ts']);
    expect(regrouped.seconds).toBe(10);
  });

  it('an unreadable or foreign summary reads as empty', () => {
    expect(parseSummary(null).targets).toEqual({});
    expect(parseSummary('{"format":"other"}').targets).toEqual({});
    expect(parseSummary('not json').targets).toEqual({});
  });
});
