/**
 * The validator class jsonschema 4.10.3's `create()` builds
 * (jsonschema/validators.py): `iter_errors` applies the schema's keywords
 * in the schema's own key order, each keyword yielding its errors lazily,
 * fills in what the keyword left unset and prefixes the keyword to the
 * error's schema path; `descend` validates a part of the instance against a
 * subschema (switching draft when the subschema names another `$schema`),
 * prefixing the instance and schema paths; `is_valid` stops at the first
 * error.
 */
import { AttributeError, TypeError_, pyRepr, pyTypeName } from '../python.js';
import { UnknownType, ValidationError, type PathElement } from './errors.js';
import type { RefResolver } from './resolver.js';
import { UndefinedTypeCheck, type TypeChecker } from './types.js';
import { normalizeUri } from './urls.js';
import { dictEntries, dictGet, dictHas, isDict } from './values.js';

/** A keyword's implementation: (validator, keyword value, instance, schema) -> errors. */
export type Keyword = (validator: Validator, value: unknown, instance: unknown, schema: unknown) => Iterable<ValidationError>;

/** One draft: what `create(meta_schema, validators, type_checker, id_of, applicable_validators, version)` was given. */
export interface Draft {
  /** `version`, e.g. 'draft2020-12'; the class name is derived from it. */
  readonly version: string;
  readonly metaSchema: unknown;
  readonly validators: Readonly<Record<string, Keyword>>;
  readonly typeChecker: TypeChecker;
  /** `ID_OF`: the schema's `$id` (or `id` up to draft 4), '' for none. */
  idOf(schema: unknown): string;
  /** The (keyword, value) pairs to apply: all of them, or `$ref` alone up to draft 7. */
  applicable(schema: unknown): Array<[unknown, unknown]>;
}

/** `_META_SCHEMAS` and `_LATEST_VERSION`, filled by ./drafts.ts. */
export const registry = {
  metaSchemas: new Map<string, Draft>(),
  latest: null as Draft | null,
};

/** `validator_for(schema, default)`: the draft `$schema` names, else the default (the latest draft). */
export function validatorFor(schema: unknown, fallback?: Draft): Draft {
  const defaultDraft = fallback ?? (registry.latest as Draft);
  if (schema === true || schema === false || !isDict(schema) || !dictHas(schema, '$schema')) return defaultDraft;
  // NOTE(quirk): an unknown $schema warns (DeprecationWarning) and falls back to the default.
  return registry.metaSchemas.get(normalizeUri(dictGet(schema, '$schema'))) ?? defaultDraft;
}

/** An instance of one of jsonschema's validator classes. */
export class Validator {
  constructor(
    readonly draft: Draft,
    readonly schema: unknown,
    readonly resolver: RefResolver,
  ) {}

  /** `evolve(schema=...)`: the same resolver, the draft the new schema asks for. */
  evolve(schema: unknown): Validator {
    return new Validator(validatorFor(schema, this.draft), schema, this.resolver);
  }

  /** `iter_errors(instance)`. */
  *iterErrors(instance: unknown): Generator<ValidationError, void, undefined> {
    const schema = this.schema;
    if (schema === true) return;
    if (schema === false) {
      yield new ValidationError(`False schema does not allow ${pyRepr(instance)}`, { validator: null, validatorValue: null, instance, schema });
      return;
    }
    const scope = this.draft.idOf(schema);
    if (scope) this.resolver.pushScope(scope);
    try {
      for (const [k, v] of this.draft.applicable(schema)) {
        const keyword = typeof k === 'string' && Object.prototype.hasOwnProperty.call(this.draft.validators, k) ? this.draft.validators[k] : undefined;
        if (keyword === undefined) continue;
        for (const error of keyword(this, v, instance, schema)) {
          error._set({ validator: k, validatorValue: v, instance, schema, typeChecker: this.draft.typeChecker });
          if (k !== 'if' && k !== '$ref') error.schema_path.unshift(k as string);
          yield error;
        }
      }
    } finally {
      if (scope) this.resolver.popScope();
    }
  }

  /** `descend(instance, schema, path, schema_path)`. */
  *descend(instance: unknown, schema: unknown, path?: PathElement, schemaPath?: PathElement): Generator<ValidationError, void, undefined> {
    for (const error of this.evolve(schema).iterErrors(instance)) {
      if (path !== undefined) error.path.unshift(path);
      if (schemaPath !== undefined) error.schema_path.unshift(schemaPath);
      yield error;
    }
  }

  /** `is_valid(instance)`: stops at the first error (the abandoned generators unwind their scopes, as CPython's do when dropped). */
  isValid(instance: unknown): boolean {
    for (const _error of this.iterErrors(instance)) return false;
    return true;
  }

  /** `is_type(instance, type)`: an unknown type name raises UnknownType. */
  isType(instance: unknown, type: unknown): boolean {
    try {
      return this.draft.typeChecker.isType(instance, type);
    } catch (e) {
      if (e instanceof UndefinedTypeCheck) throw new UnknownType(type, instance, this.schema);
      throw e;
    }
  }
}

/** `_id_of` from draft 6 on: `$id`, or '' (also for a bool schema). */
export function dollarIdOf(schema: unknown): string {
  if (schema === true || schema === false) return '';
  return idValue(schema, '$id');
}

/** `schema.get("id", "")` up to draft 4. */
export function legacyIdOf(schema: unknown): string {
  return idValue(schema, 'id');
}

function idValue(schema: unknown, key: string): string {
  if (!isDict(schema)) throw new AttributeError(`'${pyTypeName(schema)}' object has no attribute 'get'`);
  if (!dictHas(schema, key)) return '';
  const value = dictGet(schema, key);
  // A non-str id would fail in urljoin; one that is falsy is skipped, as in Python.
  if (typeof value === 'string') return value;
  if (value === null || value === false || value === 0) return '';
  throw new TypeError_('Cannot mix str and non-str arguments');
}

/** `methodcaller("items")`: every keyword, in the schema's order. */
export function allKeywords(schema: unknown): Array<[unknown, unknown]> {
  if (!isDict(schema)) throw new AttributeError(`'${pyTypeName(schema)}' object has no attribute 'items'`);
  return dictEntries(schema);
}

/** `ignore_ref_siblings`: a `$ref` that is not None hides the other keywords (drafts 3 to 7). */
export function ignoreRefSiblings(schema: unknown): Array<[unknown, unknown]> {
  if (!isDict(schema)) throw new AttributeError(`'${pyTypeName(schema)}' object has no attribute 'get'`);
  const ref = dictGet(schema, '$ref');
  if (ref !== undefined && ref !== null) return [['$ref', ref]];
  return dictEntries(schema);
}

