/**
 * A StrykerJS test runner that runs the mutation suite (test/mutation/suite.ts)
 * inside Stryker's test-runner process, loaded once, for every mutant.
 *
 * Why not @stryker-mutator/vitest-runner: vitest recycles its worker thread
 * after every run when isolation is off (and starts one per file when it is
 * on), so each mutant paid for a new thread, a fresh import of the whole
 * model through vite-node and a re-parse of the baseline: measured 1.3 s of
 * a 1.5 s mutant on store-utils.ts, against 0.15 s of scenarios. Here a
 * mutant costs the scenarios that reach it and nothing else.
 *
 * The model's modules are imported once, from Stryker's sandbox (the
 * process's working directory), with the mutants compiled in; the active
 * mutant is read by the instrumented code from Stryker's namespace object on
 * every call, so switching mutants needs no reload. Import-time code cannot
 * be switched that way, which is why stryker.config.mjs has ignoreStatic
 * (and this runner reports reloadEnvironment: false).
 *
 * Test-runner processes import TypeScript through tsx
 * (stryker.config.mjs testRunnerNodeArgs).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INSTRUMENTER_CONSTANTS, type MutantCoverage } from '@stryker-mutator/api/core';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import type { Logger } from '@stryker-mutator/api/logging';
import {
  determineHitLimitReached, DryRunStatus, TestStatus, toMutantRunResult,
  type DryRunOptions, type DryRunResult, type MutantRunOptions, type MutantRunResult, type TestResult, type TestRunner, type TestRunnerCapabilities,
} from '@stryker-mutator/api/test-runner';
import type { MutationTest } from '../../test/mutation/suite.js';

/** Stryker's namespace object, shared with the instrumented code through globalThis. */
interface StrykerNamespace {
  activeMutant?: string;
  currentTestId?: string;
  hitCount?: number;
  hitLimit?: number;
  mutantCoverage?: MutantCoverage;
}

function namespace(): StrykerNamespace {
  const g = globalThis as unknown as Record<string, StrykerNamespace | undefined>;
  return (g[INSTRUMENTER_CONSTANTS.NAMESPACE] ??= {});
}

/** Runs one test and times it; a thrown error is the test's failure. */
function runTest(test: MutationTest): TestResult {
  const started = performance.now();
  try {
    test.run();
    return { id: test.id, name: test.id, status: TestStatus.Success, timeSpentMs: performance.now() - started };
  } catch (e) {
    const failureMessage = e instanceof Error ? e.message : String(e);
    return { id: test.id, name: test.id, status: TestStatus.Failed, failureMessage, timeSpentMs: performance.now() - started };
  }
}

/** The dry run: every test, each under its own id so the instrumented code records which mutants it reaches. */
export function dryRunTests(tests: readonly MutationTest[], perTest: boolean): DryRunResult {
  const ns = namespace();
  ns.activeMutant = undefined;
  ns.hitCount = undefined;
  const results = tests.map((test) => {
    if (perTest) ns.currentTestId = test.id;
    try {
      return runTest(test);
    } finally {
      ns.currentTestId = undefined;
    }
  });
  return { status: DryRunStatus.Complete, tests: results, mutantCoverage: ns.mutantCoverage };
}

/** One mutant: the tests that reach it with the mutant switched on, stopping at the first failure unless bail is off. */
export function mutantRunTests(tests: readonly MutationTest[], o: Pick<MutantRunOptions, 'hitLimit' | 'disableBail'> & { readonly mutantId: string }): MutantRunResult {
  const ns = namespace();
  ns.hitLimit = o.hitLimit;
  ns.hitCount = o.hitLimit === undefined ? undefined : 0;
  ns.activeMutant = o.mutantId;
  const results: TestResult[] = [];
  try {
    for (const test of tests) {
      const result = runTest(test);
      results.push(result);
      if (result.status === TestStatus.Failed && !o.disableBail) break;
    }
  } finally {
    ns.activeMutant = undefined;
  }
  // A mutant that loops is stopped by the instrumented code's hit limit, whose error a model may catch and answer 500 for.
  const timedOut = determineHitLimitReached(ns.hitCount, ns.hitLimit);
  ns.hitCount = undefined;
  return toMutantRunResult(timedOut ?? { status: DryRunStatus.Complete, tests: results });
}

export class PeelTestRunner implements TestRunner {
  static inject = tokens(commonTokens.logger);
  private tests: MutationTest[] = [];
  private byId = new Map<string, MutationTest>();

  constructor(private readonly log: Logger) {}

  capabilities(): TestRunnerCapabilities {
    return { reloadEnvironment: false };
  }

  async init(): Promise<void> {
    const baseline = process.env.PEEL_MUTATION_BASELINE;
    if (!baseline) throw new Error('PEEL_MUTATION_BASELINE is not set: run the mutation suite through `npm run mutation`');
    const side = process.env.PEEL_MUTATION_SIDE === 'legacy' ? 'legacy' : 'flat';
    // The sandbox's copy, which holds the instrumented files, not this file's neighbours.
    const suite = (await import(pathToFileURL(join(process.cwd(), 'test/mutation/suite.ts')).href)) as typeof import('../../test/mutation/suite.js');
    this.tests = await suite.loadSuite(baseline, side);
    this.byId = new Map(this.tests.map((t) => [t.id, t]));
    this.log.debug(`peel runner: ${this.tests.length} tests on the ${side} model`);
  }

  async dryRun(options: DryRunOptions): Promise<DryRunResult> {
    return dryRunTests(this.tests, options.coverageAnalysis === 'perTest');
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const chosen = options.testFilter === undefined ? this.tests : options.testFilter.map((id) => this.byId.get(id) ?? unknownTest(id));
    return mutantRunTests(chosen, { mutantId: options.activeMutant.id, hitLimit: options.hitLimit, disableBail: options.disableBail });
  }
}

/** Stryker asked for a test this process does not have: the baseline changed under it. */
function unknownTest(id: string): never {
  throw new Error(`peel runner: no test "${id}" in the baseline (was it rebuilt during the run?)`);
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'peel', PeelTestRunner)];
