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
import { PyFloat, pyFloatRepr } from '../pyjson.js';
import { RefResolver, makeStore, type SchemaStore } from './resolver.js';
import { dictEntries, isDict } from './values.js';
import { Validator, registry, validatorFor, type Draft } from './validator.js';

/** `_store_schema_list()`: every registered meta-schema by id, then the vocabularies (built once: the drafts are fixed). */
let sharedStore: SchemaStore | null = null;
function storeSchemaList(): SchemaStore {
  sharedStore ??= makeStore([...[...registry.metaSchemas].map(([id, d]) => [id, d.metaSchema] as const), ...VOCABULARIES]);
  return sharedStore;
}

/** `cls(schema)`: a validator with a fresh resolver rooted at the schema. */
export function makeValidator(schema: unknown, draft: Draft = validatorFor(schema)): Validator {
  return new Validator(draft, schema, new RefResolver(draft.idOf(schema), schema, storeSchemaList()));
}

/**
 * Schemas (by draft and value) already found valid. check_schema is a pure
 * function of the schema's value, and Glance builds a new raw() dict for
 * every request: without this each request would pay the meta-schema walk
 * (about 10 ms for the image schema). Invalid schemas are checked afresh,
 * so every SchemaError is a new object as in Python.
 */
const validSchemas = new Set<string>();
const VALID_SCHEMAS_MAX = 512;

/**
 * Schemas made immutable by `frozenSchema`, and the drafts each was found
 * valid under. A frozen schema cannot change after its check, so its
 * identity stands for its value: no walk of it (`valueKey`) per validation.
 */
const frozenSchemas = new WeakSet<object>();
const validFrozen = new WeakMap<object, Set<Draft>>();

/**
 * Deep-freezes a schema built once and validated against many times (plain
 * objects and arrays only: a Map cannot be frozen, so a schema holding one
 * is returned frozen as far as it goes but not registered), so that
 * `checkSchema` knows it by identity.
 */
export function frozenSchema<T extends object>(schema: T): T {
  if (deepFreeze(schema)) frozenSchemas.add(schema);
  return schema;
}

/** Freezes plain objects and arrays all the way down; false when something mutable (a Map, a class instance) is left. */
function deepFreeze(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (value instanceof PyFloat) {
    Object.freeze(value);
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  let all = true;
  for (const v of Object.values(value)) all = deepFreeze(v) && all;
  Object.freeze(value);
  return all;
}

/** `cls.check_schema(schema)`: raises SchemaError with the meta-schema's first error. */
export function checkSchema(schema: unknown, draft: Draft = validatorFor(schema)): void {
  const frozen = typeof schema === 'object' && schema !== null && frozenSchemas.has(schema) ? schema : null;
  if (frozen !== null && validFrozen.get(frozen)?.has(draft)) return;
  const key = `${draft.version}\u0000${valueKey(schema)}`;
  if (!validSchemas.has(key)) {
    const meta = makeValidator(draft.metaSchema, draft);
    for (const error of meta.iterErrors(schema)) throw SchemaError.createFrom(error);
    if (validSchemas.size >= VALID_SCHEMAS_MAX) validSchemas.delete(validSchemas.values().next().value as string);
    validSchemas.add(key);
  }
  if (frozen !== null) validFrozen.set(frozen, new Set([...(validFrozen.get(frozen) ?? []), draft]));
}

/** A text that tells two schemas apart exactly when Python could: types (1 vs 1.0 vs True), order and values. */
function valueKey(value: unknown): string {
  if (value instanceof PyFloat) return `f${pyFloatRepr(value.value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `i${value}` : `f${pyFloatRepr(value)}`;
  if (typeof value === 'bigint') return `i${value}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'N';
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if (isDict(value)) return `{${dictEntries(value).map(([k, v]) => `${valueKey(k)}:${valueKey(v)}`).join(',')}}`;
  return `?${String(value)}`;
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
