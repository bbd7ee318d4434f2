import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pyJsonLoads } from '../../src/lib/pyjson.js';
import { comparable, outcomeOf, type RecordedOutcome } from './__test-helpers__/jsonschema-outcome.js';

/**
 * Recorded with /usr/bin/python3 (CPython 3.11, jsonschema 4.10.3, with the
 * reference runner's D1 shim applied): hand-picked cases for each draft's
 * type checker, unbool equality, messages and best_match, then random
 * schemas built from every keyword under `$schema` draft 3, 4, 6, 7,
 * 2019-09, 2020-12, an unknown one or none, each with random instances.
 * For each: the outcome of `jsonschema.validate` (the raised error's
 * `str()`, paths, keyword; a SchemaError; or another exception's type and
 * text) and every error of `iter_errors` in order.
 */
type Case = RecordedOutcome & { schema: string; instance: string; note?: string };
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'jsonschema-generic.json'), 'utf8')) as { cases: Case[] };

function check(c: Case): void {
  const mine = outcomeOf(pyJsonLoads(c.schema), pyJsonLoads(c.instance), c.all !== undefined || c.all_exception !== undefined);
  expect(comparable(c, mine), `schema ${c.schema}\ninstance ${c.instance}`).toEqual(comparable(c, c));
}

describe('jsonschema.validate against Python on hand-picked and random schemas (__fixtures__/jsonschema-generic.json)', () => {
  const hand = fixture.cases.filter((c) => c.note === 'hand');
  const random = fixture.cases.filter((c) => c.note !== 'hand');

  it(`answers the ${hand.length} hand-picked cases (types per draft, unbool, messages, best_match) as Python does`, () => {
    for (const c of hand) check(c);
  });

  for (const kind of ['ok', 'ValidationError', 'SchemaError', 'exception'] as const) {
    const cases = random.filter((c) => c.kind === kind);
    it(`agrees with Python on the ${cases.length} random cases Python answered with ${kind}`, () => {
      for (const c of cases) check(c);
    });
  }
});
