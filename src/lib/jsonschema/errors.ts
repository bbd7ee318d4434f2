/**
 * jsonschema 4.10.3's exceptions (jsonschema/exceptions.py): the
 * validation error with its paths and the text `str(error)` prints (the
 * message, the keyword and where it sits in the schema, the schema fragment
 * and the instance pretty-printed at width 72), the schema error, and the
 * unknown-type and ref-resolution failures.
 */
import { pformat } from '../pprint.js';
import { PyException, TypeError_, pyRepr, pyTypeName } from '../python.js';
import type { TypeChecker } from './types.js';

/** jsonschema's `_unset`: an attribute no keyword or validator has filled in yet. */
export const UNSET: unique symbol = Symbol('<unset>');
export type Unset = typeof UNSET;

/** A deque of dict keys and list indexes, as `error.path` holds them. */
export type PathElement = string | number;

export interface ErrorDetails {
  validator?: unknown;
  path?: readonly PathElement[];
  cause?: unknown;
  context?: readonly ValidationError[];
  validatorValue?: unknown;
  instance?: unknown;
  schema?: unknown;
  schemaPath?: readonly PathElement[];
  parent?: ValidationError | null;
  typeChecker?: TypeChecker | Unset;
}

/** `format_as_index`: "schema['properties']['min_ram']", or the bare word for an empty path. */
export function formatAsIndex(container: string, indices: readonly unknown[]): string {
  if (indices.length === 0) return container;
  return `${container}[${indices.map(pyRepr).join('][')}]`;
}

/** What `textwrap.indent(text, 16 spaces).lstrip()` inside the dedented template leaves: 4 spaces before each further line. */
function indentBlock(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line.trim() === '' ? line : '    ' + line))
    .join('\n');
}

/**
 * `jsonschema.exceptions._Error`. Python's attribute names are kept
 * (snake_case), so code ported from Glance reads them as Glance does.
 */
export abstract class JsonSchemaError extends PyException {
  protected abstract readonly wordForSchema: string;
  protected abstract readonly wordForInstance: string;

  /** `path` and `relative_path` are the same deque, as in Python. */
  path: PathElement[];
  schema_path: PathElement[];
  context: ValidationError[];
  override cause: unknown;
  validator: unknown;
  validator_value: unknown;
  instance: unknown;
  schema: unknown;
  parent: JsonSchemaError | null;
  _type_checker: TypeChecker | Unset;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.path = [...(details.path ?? [])];
    this.schema_path = [...(details.schemaPath ?? [])];
    this.context = [...(details.context ?? [])];
    this.cause = details.cause ?? null;
    this.validator = 'validator' in details ? details.validator : UNSET;
    this.validator_value = 'validatorValue' in details ? details.validatorValue : UNSET;
    this.instance = 'instance' in details ? details.instance : UNSET;
    this.schema = 'schema' in details ? details.schema : UNSET;
    this.parent = details.parent ?? null;
    this._type_checker = details.typeChecker ?? UNSET;
    for (const error of this.context) error.parent = this;
  }

  get relative_path(): PathElement[] {
    return this.path;
  }

  get relative_schema_path(): PathElement[] {
    return this.schema_path;
  }

  get absolute_path(): PathElement[] {
    return this.parent === null ? this.path : [...this.parent.absolute_path, ...this.path];
  }

  get absolute_schema_path(): PathElement[] {
    return this.parent === null ? this.schema_path : [...this.parent.absolute_schema_path, ...this.schema_path];
  }

  /** `error.json_path`: "$.a[0].b". */
  get json_path(): string {
    return this.absolute_path.reduce<string>((p, e) => (typeof e === 'number' ? `${p}[${e}]` : `${p}.${e}`), '$');
  }

  /** `_set`: fills in what the keyword left unset. */
  _set(details: { validator: unknown; validatorValue: unknown; instance: unknown; schema: unknown; typeChecker?: TypeChecker }): void {
    if (details.typeChecker !== undefined && this._type_checker === UNSET) this._type_checker = details.typeChecker;
    if (this.validator === UNSET) this.validator = details.validator;
    if (this.validator_value === UNSET) this.validator_value = details.validatorValue;
    if (this.instance === UNSET) this.instance = details.instance;
    if (this.schema === UNSET) this.schema = details.schema;
  }

  /** `_matches_type`: whether the instance has the type the error's schema asks for (relevance uses it). */
  _matches_type(): boolean {
    const schema = this.schema;
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
    const expected = schema instanceof Map ? schema.get('type') : (schema as Record<string, unknown>)['type'];
    const has = schema instanceof Map ? schema.has('type') : Object.prototype.hasOwnProperty.call(schema, 'type');
    if (!has || this._type_checker === UNSET) return false;
    const checker = this._type_checker;
    if (typeof expected === 'string') return checker.isType(this.instance, expected);
    const types = Array.isArray(expected) ? expected : expected instanceof Map ? [...expected.keys()] : expected !== null && typeof expected === 'object' ? Object.keys(expected) : null;
    if (types === null) throw new TypeError_(`'${pyTypeName(expected)}' object is not iterable`);
    return types.some((t) => checker.isType(this.instance, t));
  }

  /** `repr(error)`. */
  toPyRepr(): string {
    return `<${this.pyName}: ${pyRepr(this.message)}>`;
  }

  /** `str(error)`: the message alone while a detail is unset, else the full report. */
  override toPyStr(): string {
    if ([this.validator, this.validator_value, this.instance, this.schema].some((m) => m === UNSET)) return this.message;
    const schemaPath = formatAsIndex(this.wordForSchema, this.relative_schema_path.slice(0, -1));
    const instancePath = formatAsIndex(this.wordForInstance, this.relative_path);
    return (
      `${this.message}\n\n` +
      `Failed validating ${pyRepr(this.validator)} in ${schemaPath}:\n` +
      `    ${indentBlock(pformat(this.schema, 72))}\n\n` +
      `On ${instancePath}:\n` +
      `    ${indentBlock(pformat(this.instance, 72))}`
    );
  }

  /** The fields `create_from` copies. */
  protected contents(): ErrorDetails {
    return {
      cause: this.cause,
      context: this.context,
      validator: this.validator,
      validatorValue: this.validator_value,
      path: this.path,
      schemaPath: this.schema_path,
      instance: this.instance,
      schema: this.schema,
      parent: this.parent as ValidationError | null,
    };
  }
}

/** `jsonschema.exceptions.ValidationError`: an instance was invalid under a schema. */
export class ValidationError extends JsonSchemaError {
  protected readonly wordForSchema = 'schema';
  protected readonly wordForInstance = 'instance';
  override get pyName(): string {
    return 'ValidationError';
  }
}

/** `jsonschema.exceptions.SchemaError`: a schema was invalid under its meta-schema. */
export class SchemaError extends JsonSchemaError {
  protected readonly wordForSchema = 'metaschema';
  protected readonly wordForInstance = 'schema';
  override get pyName(): string {
    return 'SchemaError';
  }

  /** `SchemaError.create_from(error)`: the meta-schema's first error, reworded. */
  static createFrom(other: JsonSchemaError): SchemaError {
    const copy = new SchemaError(other.message, (other as SchemaError).contents());
    // create_from passes the contents through __init__, which does not take the type checker.
    return copy;
  }
}

/** `jsonschema.exceptions.UnknownType`: a schema names a type its draft does not have. */
export class UnknownType extends PyException {
  constructor(
    readonly type: unknown,
    readonly instance: unknown,
    readonly schema: unknown,
  ) {
    super(
      `Unknown type ${pyRepr(type)} for validator with schema:\n` +
        `    ${indentBlock(pformat(schema, 72))}\n\n` +
        `While checking instance:\n` +
        `    ${indentBlock(pformat(instance, 72))}`,
    );
  }
  override get pyName(): string {
    return 'UnknownType';
  }
}

/** `jsonschema.exceptions.RefResolutionError`: `str()` is its cause's. */
export class RefResolutionError extends PyException {
  override get pyName(): string {
    return 'RefResolutionError';
  }
}
