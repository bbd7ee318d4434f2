/**
 * The bench's format-2 section: both models replay the same generated HTTP
 * scenarios, and without the reference runner the Glance ratio is reported
 * as not measured rather than failing the bench.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpWorkload, measureHttpReplay } from '../../bench/http-replay.js';
import { loadModel } from '../../src/shared/models.js';
import type { Model } from '../../src/shared/world.js';

let models: Model[];
beforeAll(async () => {
  models = [await loadModel('legacy'), await loadModel('flat')];
});

const saved = process.env['PEEL_ORACLE'];
afterEach(() => {
  if (saved === undefined) delete process.env['PEEL_ORACLE'];
  else process.env['PEEL_ORACLE'] = saved;
});

describe('format 2 replay bench', () => {
  it('draws the same resolvable scenarios on every run', () => {
    const a = httpWorkload(6, models[0] as Model);
    const b = httpWorkload(6, models[0] as Model);
    expect(a.texts.length).toBeGreaterThan(0);
    expect(b.texts).toEqual(a.texts);
  });

  it('measures both models at a positive rate and reports Glance as not measured without the runner', () => {
    process.env['PEEL_ORACLE'] = '/nonexistent/run.py';
    const r = measureHttpReplay(models, { scenarios: 4, rounds: 1 }, () => undefined);
    expect(r.scenarios).toBeGreaterThan(0);
    for (const m of models) expect(r.perSecond[m.name]?.cpu).toBeGreaterThan(0);
    expect(r.glance).toEqual({ unmeasured: expect.stringMatching(/not found/) });
  });
});
