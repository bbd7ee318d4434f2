/**
 * The yielding form of the HTTP equivalence check (for long runs inside a
 * test runner's worker): the same draws, the same checks, and on a failure
 * the same shrunk scenario and report as the synchronous form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runHttpEquivalence, runHttpEquivalenceYielding } from '../../src/characterization/http/harness.js';
import { httpScenarioText } from '../../src/characterization/http/scenario.js';
import { loadModel } from '../../src/shared/models.js';
import type { Model } from '../../src/shared/world.js';

let legacy: Model;
/** The legacy model, except that every DELETE answers one more than its status: a difference to find. */
let offByOne: Model;
beforeAll(async () => {
  legacy = await loadModel('legacy');
  offByOne = {
    name: 'off-by-one',
    openHttp(world) {
      const session = legacy.openHttp?.(world);
      if (session === undefined) throw new Error('legacy answers HTTP');
      return {
        handle(request) {
          const response = session.handle(request);
          return request.method === 'DELETE' ? { ...response, status: response.status + 1 } : response;
        },
      };
    },
  };
});

describe('runHttpEquivalenceYielding', () => {
  it('checks the scenarios the synchronous form checks, in order', async () => {
    const seen: string[][] = [[], []];
    const sync = runHttpEquivalence(legacy, legacy, { numRuns: 15, seed: 11, onResult: (s) => seen[0]?.push(httpScenarioText(s)) });
    const yielding = await runHttpEquivalenceYielding(legacy, legacy, { numRuns: 15, seed: 11, onResult: (s) => seen[1]?.push(httpScenarioText(s)) });
    expect(yielding.failed).toBe(false);
    expect(sync.failed).toBe(false);
    expect(seen[1]).toEqual(seen[0]);
    expect(yielding.discarded).toBe(sync.discarded);
  });

  it('finds and shrinks a difference to the scenario the synchronous form reports', async () => {
    const saved: string[] = [];
    const save = (text: string) => {
      saved.push(text);
      return '(not saved)';
    };
    const sync = runHttpEquivalence(legacy, offByOne, { numRuns: 60, seed: 3, save });
    const yielding = await runHttpEquivalenceYielding(legacy, offByOne, { numRuns: 60, seed: 3, save });
    expect(sync.failed).toBe(true);
    expect(yielding.report).toBe(sync.report);
    expect(yielding.failedRun).toBe(sync.failedRun);
    expect(saved).toHaveLength(2);
    expect(saved[1]).toBe(saved[0]);
  });
});
