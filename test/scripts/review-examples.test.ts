/**
 * The review's replay of the recorded examples: both formats, every model
 * `peel replay --check` runs them on, through the CLI's own library; a
 * failure is a regression only if it replayed at the base.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleFiles, exampleReproduce, judgeExamples, replayExamples, type ExampleOutcome } from '../../scripts/lib/review-examples.js';
import { loadModel } from '../../src/shared/models.js';
import { readScenarioFile, replayScenario } from '../../src/shared/scenario-files.js';
import type { Model } from '../../src/shared/world.js';

const ROOT = join(import.meta.dirname, '../..');
const alice = { user: 'u-alice', project: 'p-alice', roles: ['member'] };

let legacy: Model;
let root: string;
beforeAll(async () => {
  legacy = await loadModel('legacy');
});

/** A model with only the entry of one format (the Model type has changed which entries are optional). */
function onlyFormat(format: 1 | 2, name: string): Model {
  const entry = format === 1 ? { open: legacy.open?.bind(legacy) } : { openHttp: legacy.openHttp?.bind(legacy) };
  return { name, ...entry } as unknown as Model;
}
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'peel-review-examples-'));
  mkdirSync(join(root, 'examples/http'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, content: string | Uint8Array): void {
  writeFileSync(join(root, file), content);
}

/** A one-step format-1 example (its trace is written by each test). */
function example(name: string): string {
  const file = `examples/${name}.scenario.json`;
  write(file, JSON.stringify({ format: 'peel-scenario/1', steps: [{ as: alice, op: 'image.create', args: { image: { name: 'n' } } }] }));
  return file;
}

describe('recorded examples', () => {
  it('are every NAME.scenario.json under examples/ with a trace beside it, format 1 and format 2', () => {
    const files = exampleFiles(ROOT);
    const withTraces = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.trace.json')).length;
    expect(files).toContain('examples/001-image-create-defaults.scenario.json');
    expect(files.some((f) => f.startsWith('examples/http/'))).toBe(true);
    expect(files).toHaveLength(withTraces('examples') + withTraces('examples/http'));
  });

  it('replay as peel replay --check does: ok, the first difference, a refusal, or a model that does not answer the format', () => {
    const file = example('001-made');
    write('examples/001-made.trace.json', JSON.stringify({ format: 'peel-trace/1', steps: [{ status: 201, notifications: [] }] }));
    write('examples/http/201-get.scenario.json', JSON.stringify({ format: 'peel-scenario/2', steps: [{ as: null, method: 'GET', path: '/v2/images' }] }));
    write('examples/http/201-get.trace.json', JSON.stringify({ format: 'peel-trace/2', steps: [] }));
    write('examples/002-bom.scenario.json', Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    write('examples/002-bom.trace.json', '{}');
    const files = exampleFiles(root);
    expect(files).toEqual(['examples/001-made.scenario.json', 'examples/002-bom.scenario.json', 'examples/http/201-get.scenario.json']);
    const outcomes = replayExamples(root, files, [['flat', onlyFormat(1, 'flat')]]);
    expect(outcomes.map((o) => [o.file, o.result])).toEqual([
      [file, 'differs'],
      ['examples/002-bom.scenario.json', 'refused'],
      ['examples/http/201-get.scenario.json', 'unanswered'],
    ]);
    expect(outcomes[0]?.detail).toMatch(/^step 0 body: expected \(absent\), got \{/);
    expect(outcomes[1]?.detail).toBe('examples/002-bom.scenario.json: starts with a UTF-8 byte order mark (EF BB BF): save it as UTF-8 without one (the reference runner refuses it too)');
  });

  it('an example replays when a model answers what the trace recorded, and is not run on a model without its format', () => {
    const file = example('003-again');
    write('examples/003-again.trace.json', replayScenario(readScenarioFile(join(root, file)), legacy).text);
    expect(replayExamples(root, [file], [['legacy', legacy], ['flat', onlyFormat(2, 'flat')]])).toEqual([
      { file, model: 'legacy', format: 1, result: 'ok', detail: '' },
      { file, model: 'flat', format: 1, result: 'unanswered', detail: 'the flat model does not answer format 1 (controller calls)' },
    ]);
  });

  it('name the command that reproduces each one', () => {
    expect(exampleReproduce('flat', 'examples/007-x.scenario.json')).toBe('npx tsx src/cli.ts replay --model flat --check examples/007-x.scenario.json');
  });
});

describe('judging failures against the base', () => {
  const outcome = (file: string, model: 'legacy' | 'flat', result: ExampleOutcome['result']): ExampleOutcome => ({ file, model, format: 1, result, detail: result === 'ok' ? '' : 'step 0 status: expected 201, got 500' });

  it('a failure that replayed at the base is a regression; one that did not, or is new, is known', () => {
    const asked: Array<[string, readonly string[]]> = [];
    const review = judgeExamples(
      [outcome('a', 'legacy', 'ok'), outcome('b', 'legacy', 'differs'), outcome('c', 'legacy', 'refused'), outcome('b', 'flat', 'differs'), outcome('d', 'flat', 'unanswered')],
      (model, files) => {
        asked.push([model, files]);
        return new Set(model === 'legacy' ? ['b', 'c'] : []);
      },
    );
    expect(asked).toEqual([['legacy', ['b', 'c']], ['flat', ['b']]]);
    expect(review.regressions.map((o) => `${o.model} ${o.file}`)).toEqual(['legacy b', 'legacy c']);
    expect(review.known.map((o) => `${o.model} ${o.file}`)).toEqual(['flat b']);
  });

  it('asks nothing of the base when everything replays', () => {
    const review = judgeExamples([outcome('a', 'legacy', 'ok'), outcome('d', 'flat', 'unanswered')], () => {
      throw new Error('the base was asked');
    });
    expect(review).toMatchObject({ regressions: [], known: [] });
  });
});
