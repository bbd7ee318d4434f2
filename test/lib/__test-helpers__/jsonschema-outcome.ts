import { iterErrors, validate, JsonSchemaError, ValidationError, SchemaError } from '../../../src/lib/jsonschema/index.js';
import { PyException } from '../../../src/lib/python.js';

/** What the recording scripts wrote for one (schema, instance): see the fixture files' `recorded_with`. */
export interface RecordedOutcome {
  kind: 'ok' | 'ValidationError' | 'SchemaError' | 'exception';
  str?: string;
  message?: string;
  path?: Array<string | number>;
  schema_path?: Array<string | number>;
  validator?: string | null;
  context?: number;
  type?: string;
  all?: Array<[string, Array<string | number>, Array<string | number>]>;
  all_exception?: string;
}

/** The same record, computed by the port. */
export function outcomeOf(schema: unknown, instance: unknown, withAll: boolean): RecordedOutcome {
  const r: RecordedOutcome = { kind: 'ok' };
  try {
    validate(instance, schema);
  } catch (e) {
    if (e instanceof SchemaError) return { kind: 'SchemaError', str: e.toPyStr(), path: [...e.path], schema_path: [...e.schema_path] };
    if (e instanceof ValidationError) {
      Object.assign(r, {
        kind: 'ValidationError',
        str: e.toPyStr(),
        message: e.message,
        path: [...e.path],
        schema_path: [...e.schema_path],
        validator: e.validator as string | null,
        context: e.context.length,
      });
    } else if (e instanceof PyException) {
      return { kind: 'exception', type: e.pyName, str: e.toPyStr() };
    } else {
      throw e;
    }
  }
  if (withAll) {
    try {
      r.all = [...iterErrors(instance, schema)].map((e: JsonSchemaError) => [e.message, [...e.path], [...e.schema_path]]);
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      r.all_exception = e.pyName;
    }
  }
  return r;
}

/** The recorded fields only (the port computes a few the recorder left out). */
export function comparable(recorded: RecordedOutcome, mine: RecordedOutcome): RecordedOutcome {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(recorded)) if (key !== 'schema' && key !== 'instance' && key !== 'note') out[key] = (mine as unknown as Record<string, unknown>)[key];
  return out as unknown as RecordedOutcome;
}
