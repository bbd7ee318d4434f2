/**
 * Smoke test of the benchmark's building blocks on tiny sizes. Speed is
 * never asserted (targets live in `npm run bench` only): each measurement
 * must give positive numbers, and both models must answer every step with
 * the same status, or the bench would compare different work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../src/shared/models.js';
import type { Model } from '../../src/shared/world.js';
import { measureIndexLatency } from '../../bench/index-latency.js';
import { codeLines, countTree } from '../../bench/loc.js';
import { verdict } from '../../bench/query-log.js';
import { measureMemory } from '../../bench/memory.js';
import { measureMixed } from '../../bench/mixed.js';
import { mixedScript } from '../../bench/mixed-workload.js';
import { measureUseCase } from '../../bench/per-use-case.js';
import { USE_CASES } from '../../bench/use-cases.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
let models: Model[] = [];

beforeAll(async () => {
  models = [await loadModel('legacy'), await loadModel('flat')];
});

/** Per model, each measure (wall-clock and CPU) is a positive finite number. */
const expectPositive = (values: Record<string, { wall: number; cpu: number }>): void => {
  expect(Object.keys(values).sort()).toEqual(['flat', 'legacy']);
  for (const v of Object.values(values).flatMap((m) => [m.wall, m.cpu])) {
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(0);
  }
};

describe('per use case throughput', () => {
  it.each(USE_CASES.map((uc) => [uc.name, uc] as const))('%s: both models answer the same statuses, all 2xx, at a positive rate', (_, uc) => {
    const r = measureUseCase(uc, models, { budget: 2, rounds: 1, perProject: 2 });
    expectPositive(r.opsPerSecond);
    expect(r.sameStatuses).toBe(true);
    expect(r.failedSteps).toBe(0);
  });
});

describe('mixed workload', () => {
  it('is the same script for the same options', () => {
    const options = { images: 6, projects: 3, ops: 40, seed: 5 };
    expect(JSON.stringify(mixedScript(options))).toBe(JSON.stringify(mixedScript(options)));
  });

  it('runs on both models with the same statuses at a positive rate', () => {
    const r = measureMixed(models, mixedScript({ images: 6, projects: 3, ops: 40 }), 1);
    expectPositive(r.opsPerSecond);
    expect(r.sameStatuses).toBe(true);
    expect(r.steps).toBeGreaterThan(0);
  });

  it('reports a peak heap above the start for each model', () => {
    const script = mixedScript({ images: 4, projects: 2, ops: 20 });
    for (const model of models) {
      const peak = measureMemory(model, script);
      expect(peak.heapDelta).toBeGreaterThan(0);
      expect(peak.rssDelta).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('index latency', () => {
  it('gives a positive page time, the same page size and a query plan for both models', () => {
    const run = measureIndexLatency(models, 80, 1);
    expect(run.seeded.images).toBe(80);
    expect(run.rows.length).toBeGreaterThan(0);
    for (const row of run.rows) {
      expectPositive(row.ms);
      expect(row.items['flat']).toBe(row.items['legacy']);
      expect(row.items['legacy']).toBeGreaterThan(0);
      for (const plan of Object.values(row.plans)) {
        expect(plan.queries).toBeGreaterThan(0);
        expect(plan.plan.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('query plan verdict', () => {
  it('tells a page that stops at LIMIT from one that sorts every live image', () => {
    const walk = verdict(['SEARCH i USING INDEX peel_images_deleted_created_id (deleted=?)', 'CORRELATED SCALAR SUBQUERY 1']);
    const sortAll = verdict(['SEARCH i USING INDEX ix_images_deleted (deleted=?)', 'USE TEMP B-TREE FOR ORDER BY']);
    const sortMatches = verdict(['SEARCH p0 USING INDEX peel_image_properties_name_value (name=? AND value=?)', 'USE TEMP B-TREE FOR ORDER BY']);
    expect(walk.stopsAtLimit).toBe(true);
    expect([sortAll.stopsAtLimit, sortAll.everyRow]).toEqual([false, true]);
    expect([sortMatches.stopsAtLimit, sortMatches.everyRow]).toEqual([false, false]);
  });
});

describe('lines of code', () => {
  it('counts neither blank lines nor comments, and no comment inside a string', () => {
    const text = ['// a comment', '/* block', '   still block */', 'const url = "http://x"; // tail', '', '  /** doc */', 'const re = /\\/\\//;', ''].join('\n');
    expect(codeLines(text)).toBe(2);
  });

  it('finds code in both trees', () => {
    expect(countTree(`${SRC}domain`).lines).toBeGreaterThan(0);
    expect(countTree(`${SRC}legacy`).lines).toBeGreaterThan(0);
  });
});
