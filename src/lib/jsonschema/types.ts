/**
 * jsonschema 4.10.3's type checkers (jsonschema/_types.py): which Python
 * values each draft calls 'integer', 'number', 'object'... A bool is never
 * an integer or a number; from draft 6 on a float with an integral value
 * (1.0) is an integer, in draft 3 and 4 it is not.
 */
import { PyFloat } from '../pyjson.js';
import { PyException, TypeError_, pyRepr, pyTypeName } from '../python.js';
import { isDict, isFloat, isInt } from './values.js';

/** Raised for a type name the checker does not know (jsonschema.exceptions.UndefinedTypeCheck). */
export class UndefinedTypeCheck extends PyException {
  constructor(readonly type: unknown) {
    super(`Type ${pyRepr(type)} is unknown to this type checker`);
  }
}

export type TypeCheck = (instance: unknown) => boolean;

/** `jsonschema.TypeChecker`: a fixed map from type names to checks. */
export class TypeChecker {
  constructor(private readonly checks: ReadonlyMap<string, TypeCheck>) {}

  isType(instance: unknown, type: unknown): boolean {
    // The checkers live in a hashed map: a list or dict as the type name cannot even be looked up.
    if (Array.isArray(type) || isDict(type)) throw new TypeError_(`unhashable type: '${pyTypeName(type)}'`);
    const fn = typeof type === 'string' ? this.checks.get(type) : undefined;
    if (fn === undefined) throw new UndefinedTypeCheck(type);
    return fn(instance);
  }

  redefine(type: string, fn: TypeCheck): TypeChecker {
    return new TypeChecker(new Map([...this.checks, [type, fn]]));
  }

  remove(type: string): TypeChecker {
    const checks = new Map(this.checks);
    checks.delete(type);
    return new TypeChecker(checks);
  }
}

const isInteger: TypeCheck = (x) => typeof x !== 'boolean' && isInt(x);
const isNumber: TypeCheck = (x) => typeof x !== 'boolean' && (isInt(x) || isFloat(x));

export const draft3TypeChecker = new TypeChecker(
  new Map<string, TypeCheck>([
    ['any', () => true],
    ['array', (x) => Array.isArray(x)],
    ['boolean', (x) => typeof x === 'boolean'],
    ['integer', isInteger],
    ['object', (x) => isDict(x)],
    ['null', (x) => x === null || x === undefined],
    ['number', isNumber],
    ['string', (x) => typeof x === 'string'],
  ]),
);
export const draft4TypeChecker = draft3TypeChecker.remove('any');
export const draft6TypeChecker = draft4TypeChecker.redefine(
  'integer',
  (x) => isInteger(x) || (x instanceof PyFloat && Number.isInteger(x.value)),
);
export const draft7TypeChecker = draft6TypeChecker;
export const draft201909TypeChecker = draft7TypeChecker;
export const draft202012TypeChecker = draft201909TypeChecker;
