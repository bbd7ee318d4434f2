/** The work list of survivor triage: recorded survivors less the explained ones. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSurvivors } from '../../scripts/survivors.js';

const survivor = (line: number, original: string) => ({ line, column: 1, mutator: 'StringLiteral', original, replacement: '""', status: 'Survived' });
const file = (survivors: unknown[]) => ({ killed: 1, timeout: 0, survived: survivors.length, noCoverage: 0, valid: 1 + survivors.length, score: 0.5, survivors });
let root = '';

function fixture(): string {
  root = mkdtempSync(join(tmpdir(), 'peel-survivors-'));
  mkdirSync(join(root, 'reports-summary/mutants-explained'), { recursive: true });
  const target = { measuredAt: 'x', commit: 'c', seconds: 1, mutate: [], baseline: { examplesLegacy: 0, examplesFlat: 0, generated: 0, sampled: 0 }, score: 0.5 };
  const files = { 'src/legacy/b.ts': file([survivor(9, "'b9'")]), 'src/legacy/a.ts': file([survivor(7, "'a7'"), survivor(3, "'a3'")]) };
  writeFileSync(join(root, 'reports-summary/mutation.json'), JSON.stringify({ format: 'peel-mutation-summary/1', targets: { 'layer:x': { ...target, files } } }));
  const explained = [{ file: 'src/legacy/a.ts', mutator: 'StringLiteral', original: "'a7'", replacement: '""', reason: 'only logged' }];
  writeFileSync(join(root, 'reports-summary/mutants-explained/x.json'), JSON.stringify({ format: 'peel-mutants-explained/1', mutants: explained }));
  return root;
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('open survivors', () => {
  it('lists the unexplained survivors by file and line, an area file explaining one', () => {
    expect(openSurvivors(fixture(), 'layer:x').map((s) => `${s.file}:${s.line}`)).toEqual(['src/legacy/a.ts:3', 'src/legacy/b.ts:9']);
  });

  it('keeps to one file when asked', () => {
    expect(openSurvivors(fixture(), 'layer:x', 'src/legacy/b.ts').map((s) => s.original)).toEqual(["'b9'"]);
  });

  it('names the known targets when the one asked for is missing', () => {
    expect(() => openSurvivors(fixture(), 'layer:y')).toThrow('no target "layer:y" in reports-summary/mutation.json (known: layer:x)');
  });
});
