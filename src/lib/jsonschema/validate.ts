/**
 * `jsonschema.validate(instance, schema)` as jsonschema 4.10.3 runs it:
 * pick the draft (`validator_for`: the schema's `$schema`, else the latest,
 * draft 2020-12), check the schema against that draft's meta-schema
 * (`check_schema`: the first error becomes a SchemaError), then validate
 * the instance and raise the best match of all its errors.
 */
import './drafts.js';
import { bestMatch } from './best-match.js';
import { SchemaError, type ValidationError } from './errors.js';
import { VOCABULARIES } from './metaschemas.js';
import { RefResolver, type SchemaStore } from './resolver.js';
import { Validator, registry, validatorFor, type Draft } from './validator.js';

/** `_store_schema_list()`: every registered meta-schema by id, then the vocabularies. */
function storeSchemaList(): SchemaStore {
  return [...[...registry.metaSchemas].map(([id, d]) => [id, d.metaSchema] as const), ...VOCABULARIES];
}

/** `cls(schema)`: a validator with a fresh resolver rooted at the schema. */
export function makeValidator(schema: unknown, draft: Draft = validatorFor(schema)): Validator {
  return new Validator(draft, schema, new RefResolver(draft.idOf(schema), schema, storeSchemaList()));
}

/** Schemas already found valid, by identity (check_schema is pure; Glance builds new dicts per request, see the text cache). */
const checkedSchemas = new WeakSet<object>();

/** `cls.check_schema(schema)`: raises SchemaError with the meta-schema's first error. */
export function checkSchema(schema: unknown, draft: Draft = validatorFor(schema)): void {
  if (schema !== null && typeof schema === 'object' && checkedSchemas.has(schema)) return;
  const meta = makeValidator(draft.metaSchema, draft);
  for (const error of meta.iterErrors(schema)) throw SchemaError.createFrom(error);
  if (schema !== null && typeof schema === 'object') checkedSchemas.add(schema);
}

/** `validator.iter_errors(instance)` of the schema's draft, lazily, without checking the schema. */
export function iterErrors(instance: unknown, schema: unknown): Generator<ValidationError, void, undefined> {
  return makeValidator(schema).iterErrors(instance);
}

/** `jsonschema.validate(instance, schema)`: SchemaError for a bad schema, the best-matching ValidationError for a bad instance. */
export function validate(instance: unknown, schema: unknown): void {
  const draft = validatorFor(schema);
  checkSchema(schema, draft);
  const error = bestMatch(makeValidator(schema, draft).iterErrors(instance));
  if (error !== undefined) throw error;
}

/** `validator.is_valid(instance)`, without checking the schema. */
export function isValid(instance: unknown, schema: unknown): boolean {
  return makeValidator(schema).isValid(instance);
}
