import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError, iterErrors, validate, type JsonSchemaError } from '../../src/lib/jsonschema/index.js';
import { pformat } from '../../src/lib/pprint.js';
import { PyFloat, type PyJson } from '../../src/lib/pyjson.js';
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

describe("jsonschema.validate on the image schema: invariants over random bodies", () => {
  const image = schemas.get('image');
  const keys = fc.constantFrom('name', 'min_ram', 'min_disk', 'tags', 'visibility', 'disk_format', 'container_format', 'protected', 'id', 'locations', 'owner', 'extra', 'zz', 'url', 'metadata');
  const { value } = fc.letrec<{ value: PyJson }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double().map((d) => new PyFloat(d)),
      fc.string(),
      fc.constantFrom('qcow2', 'bare', 'public', 'de305d54-75b4-431b-adb2-eb6b9e546014'),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.array(fc.tuple(keys, tie('value')), { maxLength: 4 }).map((entries) => new Map(entries)),
    ),
  }));
  const flatten = (errors: JsonSchemaError[]): JsonSchemaError[] => errors.flatMap((e) => [e, ...flatten(e.context)]);

  it('raises exactly when iter_errors yields, one of those errors (or of their context), printed with its instance', () => {
    fc.assert(
      fc.property(value, (body) => {
        const all = [...iterErrors(body, image)];
        let raised: unknown = null;
        try {
          validate(body, image);
        } catch (e) {
          raised = e;
        }
        expect(raised === null).toBe(all.length === 0);
        if (raised === null) return;
        expect(raised).toBeInstanceOf(ValidationError);
        const e = raised as ValidationError;
        expect(flatten(all).some((x) => x.message === e.message && JSON.stringify(x.absolute_path) === JSON.stringify(e.absolute_path))).toBe(true);
        expect(e.toPyStr().startsWith(`${e.message}\n\nFailed validating `)).toBe(true);
        expect(e.toPyStr().endsWith(pformat(e.instance, 72).split('\n').join('\n    '))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
