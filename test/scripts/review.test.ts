/**
 * The review's pure parts: which layers and ops a change touches, the
 * focused weights, ledger and roadmap changes, the verdict, and the
 * Markdown a pull request shows.
 */
import { describe, expect, it } from 'vitest';
import { focusedWeights } from '../../scripts/lib/focused.js';
import { touchedArea } from '../../scripts/lib/layer-map.js';
import type { LayerRow } from '../../scripts/lib/roadmap-model.js';
import type { ExampleOutcome } from '../../scripts/lib/review-examples.js';
import { failureText, ledgerChanges, reviewMarkdown, rowMoves, verdict, type Review } from '../../scripts/lib/review-model.js';
import type { Ledger, LedgerEntry } from '../../src/shared/ledger.js';
import { OPS } from '../../src/shared/world.js';
import { OP_WEIGHTS } from '../characterization/generators/steps.js';

describe('layers and ops a change touches', () => {
  it('a legacy layer file names its layer and the ops it decides', () => {
    const area = touchedArea(['src/legacy/quota.ts', 'README.md']);
    expect(area.layers).toEqual(['quota']);
    expect(area.ops).toEqual(['image.create', 'image.update', 'image.upload', 'tag.update', 'member.create']);
    expect(area.behavioural).toEqual(['src/legacy/quota.ts']);
  });

  it('layers come out outermost first, ops in the scenario format order', () => {
    const area = touchedArea(['src/legacy/db.ts', 'src/legacy/property-utils.ts']);
    expect(area.layers).toEqual(['property protections', 'db']);
    expect(area.ops).toEqual([...OPS]);
  });

  it('a controller or a flat model file maps to its use cases', () => {
    expect(touchedArea(['src/legacy/api/v2/image-members.ts']).ops).toEqual(['member.create', 'member.update', 'member.index', 'member.show', 'member.delete']);
    expect(touchedArea(['src/domain/images/tags.ts']).ops).toEqual(['tag.update', 'tag.delete']);
    expect(touchedArea(['src/domain/tasks/create.ts']).ops).toEqual(['task.create', 'task.index', 'task.get']);
    expect(touchedArea(['src/domain/images/data.ts']).layers).toEqual([]);
  });

  it('shared files concern every op; docs concern none', () => {
    expect(touchedArea(['src/shared/runner.ts']).ops).toEqual([...OPS]);
    expect(touchedArea(['docs/PORTING.md', 'ROADMAP.md'])).toEqual({ layers: [], ops: [], behavioural: [] });
  });

  it('the ledger and the generators change behaviour too', () => {
    expect(touchedArea(['divergence-ledger.json', 'test/characterization/generators/steps.ts']).behavioural).toHaveLength(2);
  });

  it('focused runs weigh the touched ops up and leave the others as they were', () => {
    const w = focusedWeights(['image.upload', 'task.get']);
    expect(w['image.upload']).toBe(OP_WEIGHTS['image.upload'] * 8);
    expect(w['task.get']).toBe(8);
    expect(w['image.create']).toBe(OP_WEIGHTS['image.create']);
  });
});

const entry = (id: string, summary = 's'): LedgerEntry => ({
  id, summary, scenario: `test/characterization/divergences/${id}.scenario.json`, right: 'flat', why: 'w',
  match: { op: 'image.show', aspect: 'trace', path: 'body.name', legacy: 'a', flat: 'b' },
});
const ledger = (...entries: LedgerEntry[]): Ledger => ({ format: 'peel-divergence-ledger/1', entries });

describe('ledger changes', () => {
  it('lists added, changed and removed entries by id', () => {
    const changes = ledgerChanges(ledger(entry('a'), entry('b')), ledger(entry('b', 'reworded'), entry('c')));
    expect(changes).toEqual([
      { id: 'b', change: 'changed', summary: 'reworded (changed: summary)' },
      { id: 'c', change: 'added', summary: 's' },
      { id: 'a', change: 'removed', summary: 's' },
    ]);
    expect(ledgerChanges(ledger(entry('a')), ledger(entry('a')))).toEqual([]);
  });
});

function row(layer: LayerRow['layer'], functions: number, mutation: number | null): LayerRow {
  return {
    layer, files: [], classes: 1,
    methods: { total: 10, covered: functions },
    unexercised: [],
    functions: { total: 10, covered: functions },
    branches: { total: 20, covered: 15 },
    mutation: mutation === null ? null : { score: mutation, measuredAt: '2026-11-27T00:00:00Z', commit: 'x' },
    glance: { files: [], cases: 4, ported: 4, notPorted: 0, missing: 0 },
    flat: { ops: ['image.create'], agreeing: ['image.create'], disagreeing: [], unseen: [], covers: true },
    criteria: [], progress: functions / 10, done: false,
  };
}

function review(over: Partial<Review> = {}): Review {
  return {
    base: 'HEAD~1', baseCommit: 'abc123', files: ['src/legacy/quota.ts'], layers: ['quota'], ops: ['image.create'],
    equivalence: [{ label: 'general mix', runs: 10, seed: 1, failed: false, report: '', difference: '', saved: null }],
    coverageNote: 'measured',
    fileDeltas: [{ file: 'src/legacy/quota.ts', layer: 'quota', functions: { base: { total: 10, covered: 8 }, now: { total: 10, covered: 9 } }, branches: { base: null, now: null }, mutation: { base: 0.5, now: 0.6, measuredNow: '2026-11-27T01:00:00Z' } }],
    layerDeltas: [{ layer: 'quota', base: row('quota', 8, 0.5), now: row('quota', 9, 0.6) }],
    ledger: [], rowMoves: [],
    examples: { outcomes: [], regressions: [], known: [] },
    glance: { groups: [], drops: [] },
    ...over,
  };
}

describe('review verdict and Markdown', () => {
  it('rows that moved are listed field by field', () => {
    expect(rowMoves([row('quota', 8, 0.5)], [row('quota', 9, 0.5)])).toEqual([
      { layer: 'quota', field: 'methods exercised', base: '8/10', now: '9/10' },
      { layer: 'quota', field: 'functions', base: '80.0%', now: '90.0%' },
      { layer: 'quota', field: 'exit progress', base: '80%', now: '90%' },
    ]);
  });

  it('passes when equivalence holds and nothing dropped', () => {
    expect(verdict(review())).toEqual({ ok: true, reasons: [], failures: [] });
  });

  it('fails on an equivalence failure', () => {
    const v = verdict(review({ equivalence: [{ label: 'focused on 1 touched op(s)', runs: 10, seed: 1, failed: true, report: 'step 2 ...', difference: 'step 2 ...', saved: 'reports/review-failure-2.scenario.json' }] }));
    expect(v.ok).toBe(false);
    expect(v.reasons).toEqual(['equivalence fails (focused on 1 touched op(s))']);
  });

  it('fails when a touched layer loses coverage or mutation score, not when one is unmeasured', () => {
    expect(verdict(review({ layerDeltas: [{ layer: 'quota', base: row('quota', 9, 0.6), now: row('quota', 8, 0.6) }] })).reasons).toEqual([
      'quota: function coverage dropped',
      'quota: methods exercised dropped',
    ]);
    expect(verdict(review({ layerDeltas: [{ layer: 'quota', base: row('quota', 9, 0.6), now: row('quota', 9, 0.5) }] })).reasons).toEqual(['quota: mutation score dropped']);
    expect(verdict(review({ layerDeltas: [{ layer: 'quota', base: row('quota', 9, null), now: row('quota', 9, 0.5) }] })).ok).toBe(true);
  });

  it('renders a pull-request comment with the verdict, the runs, the deltas and the moves', () => {
    const md = reviewMarkdown(review({ ledger: [{ id: 'd1', change: 'added', summary: 'names differ' }], rowMoves: [{ layer: 'quota', field: 'functions', base: '80.0%', now: '90.0%' }] }));
    expect(md).toContain('## glance-peel review: HEAD~1 (abc123) → working tree');
    expect(md).toContain('**Verdict: OK.**');
    expect(md).toContain('- Layers: quota');
    expect(md).toContain('| general mix | 10 | 1 | ✅ no difference |');
    expect(md).toContain('| quota | 8/10 → **9/10** | 80.0% (8/10) → **90.0% (9/10)** | 75.0% (15/20) | 50.0% → **60.0%** |');
    expect(md).toContain('- added: `d1` names differ');
    expect(md).toContain('| quota | functions | 80.0% | 90.0% |');
    expect(md).toContain('`npm run review -- --base HEAD~1`');
  });

  it('a failing run shows its first difference in the comment', () => {
    const md = reviewMarkdown(review({ equivalence: [{ label: 'general mix', runs: 10, seed: 7, failed: true, report: 'step 3, trace body.name', difference: 'step 3, trace body.name', saved: 'reports/review-failure-1.scenario.json' }] }));
    expect(md).toContain('**Verdict: changes needed.** equivalence fails (general mix).');
    expect(md).toContain('step 3, trace body.name');
  });
});

const broken = (file: string, model: 'legacy' | 'flat'): ExampleOutcome => ({ file, model, format: 1, result: 'differs', detail: 'step 0 body.tags[0]: expected "a", got "b"' });

describe('every failure names its first difference and the command that reproduces it', () => {
  it('an equivalence failure names the saved scenario and the replay commands for both models', () => {
    const v = verdict(review({ equivalence: [{ label: 'general mix', runs: 10, seed: 7, failed: true, report: 'r', difference: 'step 1, trace body.min_disk: legacy 0, flat 1', saved: 'reports/review-failure-1.scenario.json' }] }));
    expect(v.failures).toEqual([
      {
        reason: 'equivalence fails (general mix)',
        difference: 'step 1, trace body.min_disk: legacy 0, flat 1',
        reproduce: ['npx tsx src/cli.ts replay --model legacy reports/review-failure-1.scenario.json', 'npx tsx src/cli.ts replay --model flat reports/review-failure-1.scenario.json'],
        saved: 'reports/review-failure-1.scenario.json',
      },
    ]);
    const md = reviewMarkdown(review({ equivalence: [{ label: 'general mix', runs: 10, seed: 7, failed: true, report: 'r', difference: 'step 1', saved: 'reports/review-failure-1.scenario.json' }] }));
    expect(md).toContain('- saved: `reports/review-failure-1.scenario.json`');
    expect(md).toContain('- reproduce: `npx tsx src/cli.ts replay --model legacy reports/review-failure-1.scenario.json` and `npx tsx src/cli.ts replay --model flat reports/review-failure-1.scenario.json`');
  });

  it('an example that no longer replays fails the review, one failure per model, with its check command', () => {
    const examples = { outcomes: [broken('examples/002-a.scenario.json', 'legacy'), broken('examples/002-a.scenario.json', 'flat')], regressions: [broken('examples/002-a.scenario.json', 'legacy'), broken('examples/002-a.scenario.json', 'flat')], known: [] };
    const v = verdict(review({ examples }));
    expect(v.ok).toBe(false);
    expect(v.reasons).toEqual(['2 recorded example run(s) no longer replay (legacy: 1, flat: 1)']);
    expect(v.failures.map((f) => f.reproduce)).toEqual([
      ['npx tsx src/cli.ts replay --model legacy --check examples/002-a.scenario.json'],
      ['npx tsx src/cli.ts replay --model flat --check examples/002-a.scenario.json'],
    ]);
    expect(failureText(v)).toBe([
      '1. examples/002-a.scenario.json no longer replays on the legacy model',
      '   first difference: step 0 body.tags[0]: expected "a", got "b"',
      '   reproduce: npx tsx src/cli.ts replay --model legacy --check examples/002-a.scenario.json',
      '2. examples/002-a.scenario.json no longer replays on the flat model',
      '   first difference: step 0 body.tags[0]: expected "a", got "b"',
      '   reproduce: npx tsx src/cli.ts replay --model flat --check examples/002-a.scenario.json',
    ].join('\n'));
  });

  it('an example that failed at the base too is shown, not judged', () => {
    const examples = { outcomes: [broken('examples/http/339-x.scenario.json', 'legacy')], regressions: [], known: [broken('examples/http/339-x.scenario.json', 'legacy')] };
    const md = reviewMarkdown(review({ examples }));
    expect(verdict(review({ examples })).ok).toBe(true);
    expect(md).toContain('| legacy | 1 | 0 of 1 | 1 | 0 |');
    expect(md).toContain('- legacy: `examples/http/339-x.scenario.json`: step 0 body.tags[0]: expected "a", got "b"');
  });

  it('a layer that lost ported Glance cases fails the review, naming the layer, the file and the first case lost', () => {
    const drops = [{ group: 'quota', base: 61, now: 0, files: [{ file: 'test/legacy/test_quota.test.ts', base: 61, now: 0, deleted: true, lost: ['TestImageQuota.test_quota_allowed', 'TestImageQuota.test_quota_exceeded'] }] }];
    const v = verdict(review({ glance: { groups: [{ group: 'quota', base: 61, now: 0 }, { group: 'policy', base: 47, now: 47 }], drops } }));
    expect(v.reasons).toEqual(['quota: ported or explained Glance test cases dropped 61 → 0 (test/legacy/test_quota.test.ts deleted)']);
    expect(v.failures[0]?.difference).toBe('first case lost: TestImageQuota.test_quota_allowed (and 1 more)');
    expect(v.failures[0]?.reproduce).toEqual(['git diff HEAD~1 -- test/legacy/test_quota.test.ts', 'npx vitest run test/verification/ported-tests.test.ts']);
    const md = reviewMarkdown(review({ glance: { groups: [{ group: 'quota', base: 61, now: 0 }, { group: 'policy', base: 47, now: 47 }], drops } }));
    expect(md).toContain('| quota | 61 | **0** |');
    expect(md).not.toContain('| policy | 47');
  });

  it('a coverage or mutation drop names the measure that fell and what to rerun', () => {
    const v = verdict(review({ layerDeltas: [{ layer: 'quota', base: row('quota', 9, 0.6), now: row('quota', 8, 0.5) }] }));
    expect(v.failures.map((f) => [f.difference, f.reproduce[0]])).toEqual([
      ['functions 90.0% → 80.0%', 'npm run review -- --base HEAD~1'],
      ['methods exercised 9/10 → 8/10', 'npm run review -- --base HEAD~1'],
      ['mutation 60.0% → 50.0%', 'npm run mutation -- --layer quota'],
    ]);
  });

  it('says when the examples were limited, and which formats a model does not answer', () => {
    const unanswered: ExampleOutcome = { file: 'examples/http/201-x.scenario.json', model: 'flat', format: 2, result: 'unanswered', detail: '' };
    const md = reviewMarkdown(review({ examples: { outcomes: [unanswered], regressions: [], known: [], only: ['examples/00'] } }));
    expect(md).toContain('_Only the examples under `examples/00` (--examples): not a verdict to merge on._');
    expect(md).toContain('| flat | 2 | not answered: `peel replay` refuses this format on this model (1 example) | | |');
  });
});
