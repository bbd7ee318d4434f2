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
    const ns = namespace();
    ns.activeMutant = undefined;
    ns.hitCount = undefined;
    const perTest = options.coverageAnalysis === 'perTest';
    const tests = this.tests.map((test) => {
      if (perTest) ns.currentTestId = test.id;
      try {
        return runTest(test);
      } finally {
        ns.currentTestId = undefined;
      }
    });
    return { status: DryRunStatus.Complete, tests, mutantCoverage: ns.mutantCoverage };
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const ns = namespace();
    const chosen = options.testFilter === undefined ? this.tests : options.testFilter.map((id) => this.byId.get(id) ?? this.unknownTest(id));
    ns.hitLimit = options.hitLimit;
    ns.hitCount = options.hitLimit === undefined ? undefined : 0;
    ns.activeMutant = options.activeMutant.id;
    const results: TestResult[] = [];
    try {
      for (const test of chosen) {
        const result = runTest(test);
        results.push(result);
        if (result.status === TestStatus.Failed && !options.disableBail) break;
      }
    } finally {
      ns.activeMutant = undefined;
    }
    const timedOut = determineHitLimitReached(ns.hitCount, ns.hitLimit);
    ns.hitCount = undefined;
    return toMutantRunResult(timedOut ?? { status: DryRunStatus.Complete, tests: results });
  }

  /** Stryker asked for a test this process does not have: the baseline changed under it. */
  private unknownTest(id: string): never {
    throw new Error(`peel runner: no test "${id}" in the baseline (was it rebuilt during the run?)`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'peel', PeelTestRunner)];
