/** Mutation scores as Stryker counts them, per file, and the table ROADMAP.md shows. */
import { describe, expect, it } from 'vitest';
import { fileScore, overallScore, parseSummary, scoreOf, scoresByFile, targetMarkdown, type TargetScore } from '../../scripts/lib/mutation-summary.js';

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

  it('an unreadable or foreign summary reads as empty', () => {
    expect(parseSummary(null).targets).toEqual({});
    expect(parseSummary('{"format":"other"}').targets).toEqual({});
    expect(parseSummary('not json').targets).toEqual({});
  });
});
