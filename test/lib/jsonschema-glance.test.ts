import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pyJsonLoads } from '../../src/lib/pyjson.js';
import { comparable, outcomeOf, type RecordedOutcome } from './__test-helpers__/jsonschema-outcome.js';

/**
 * Recorded with /usr/bin/python3 (CPython 3.11, jsonschema 4.10.3, with the
 * reference runner's D1 shim applied): the raw() schemas of Glance 16.0.0's
 * request deserializers (images, members, tasks, metadef namespaces,
 * objects, properties, resource types, tags) were dumped from Glance as the
 * reference runner configures it, and for each, instances of every JSON
 * type in every field, extra properties, and random near-valid instances
 * were validated: `str(e)`, `e.path`, `e.schema_path`, `e.validator` of the
 * raised error, and every error of `iter_errors` in order. Only the JSON
 * output is kept (the scripts stay outside the repository).
 */
interface Fixture {
  schemas: Record<string, string>;
  cases: Array<RecordedOutcome & { schema: string; instance: string }>;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'jsonschema-glance.json'), 'utf8')) as Fixture;
const schemas = new Map(Object.entries(fixture.schemas).map(([name, text]) => [name, pyJsonLoads(text)]));

describe("jsonschema.validate on Glance 16.0.0's schemas, against Python (__fixtures__/jsonschema-glance.json)", () => {
  for (const name of schemas.keys()) {
    const cases = fixture.cases.filter((c) => c.schema === name);
    it(`answers the ${cases.length} recorded instances of the '${name}' schema with Python's error text, paths and error order`, () => {
      for (const c of cases) {
        const mine = outcomeOf(schemas.get(name), pyJsonLoads(c.instance), c.all !== undefined || c.all_exception !== undefined);
        expect(comparable(c, mine), `${name}: ${c.instance}`).toEqual(comparable(c, c));
      }
    });
  }
});
