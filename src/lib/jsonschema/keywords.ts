/**
 * The keywords of jsonschema 4.10.3's current drafts
 * (jsonschema/_validators.py), one function per keyword, with Python's
 * message texts and the order in which errors come out. `format` checks
 * nothing: `jsonschema.validate` passes no format checker.
 *
 * additionalProperties follows the reference runner's determinism fix
 * (shared/oracle/shims.py, D1): the additional properties are taken in
 * code-point order, for which error comes first as for the message.
 */
import { compile } from '../pyre.js';
import { AttributeError, TypeError_, ValueError, pyRepr, pyStr, pyTruthy, pyTypeName } from '../python.js';
import { ValidationError } from './errors.js';
import { ensureList, equal, extrasMsg, findAdditionalProperties, unboolEq, uniq } from './utils.js';
import { urldefrag, urljoin } from './urls.js';
import type { Keyword, Validator } from './validator.js';
import {
  dictEntries,
  dictGet,
  dictHas,
  dictKeys,
  isDict,
  isFloat,
  len,
  num,
  pyEq,
  pyIn,
  pyIter,
  pyLt,
  pySorted,
  schemaGet,
  type PyDict,
} from './values.js';

/** `d.items()` of a keyword value that must be a dict. */
export function items(value: unknown): Array<[unknown, unknown]> {
  if (!isDict(value)) throw new AttributeError(`'${pyTypeName(value)}' object has no attribute 'items'`);
  return dictEntries(value);
}

/** `re.search(pattern, text)`. */
export function reSearch(pattern: unknown, text: unknown): boolean {
  if (typeof pattern !== 'string') throw new TypeError_('first argument must be string or compiled pattern');
  return compile(pattern).search(text as string) !== null;
}

/** `instance[key]` on a dict. */
function getItem(instance: PyDict, key: unknown): unknown {
  return dictGet(instance, key);
}

export const patternProperties: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  const obj = instance as PyDict;
  for (const [pattern, subschema] of items(value)) {
    for (const [k, v] of dictEntries(obj)) {
      if (reSearch(pattern, k)) yield* validator.descend(v, subschema, k as string, pattern as string);
    }
  }
};

export const propertyNames: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  for (const property of dictKeys(instance as PyDict)) yield* validator.descend(property, value);
};

/** `sorted(set(find_additional_properties(instance, schema)))`: the D1 order. */
function sortedExtras(instance: PyDict, schema: unknown): unknown[] {
  return pySorted(findAdditionalProperties(instance, schema));
}

export const additionalProperties: Keyword = function* (validator, aP, instance, schema) {
  if (!validator.isType(instance, 'object')) return;
  const obj = instance as PyDict;
  const extras = sortedExtras(obj, schema);
  if (validator.isType(aP, 'object')) {
    // NOTE(quirk): D1 of the reference runner: extras in code-point order (Python takes them in set order).
    for (const extra of extras) yield* validator.descend(getItem(obj, extra), aP, extra as string);
    return;
  }
  if (pyTruthy(aP) || extras.length === 0) return;
  if (dictHas(schema as PyDict, 'patternProperties')) {
    const verb = extras.length === 1 ? 'does' : 'do';
    const joined = pySorted(extras).map(pyRepr).join(', ');
    const patterns = pySorted(pyIter(dictGet(schema as PyDict, 'patternProperties'))).map(pyRepr).join(', ');
    yield new ValidationError(`${joined} ${verb} not match any of the regexes: ${patterns}`);
    return;
  }
  const [names, verb] = extrasMsg(extras);
  yield new ValidationError(`Additional properties are not allowed (${names} ${verb} unexpected)`);
};

export const itemsKeyword: Keyword = function* (validator, value, instance, schema) {
  if (!validator.isType(instance, 'array')) return;
  const arr = instance as unknown[];
  const prefix = len(schemaGet(schema, 'prefixItems', []));
  const total = arr.length;
  if (value === false && total > prefix) {
    yield new ValidationError(`Expected at most ${prefix} items, but found ${total}`);
    return;
  }
  for (let index = prefix; index < total; index++) yield* validator.descend(arr[index], value, index);
};

export const additionalItems: Keyword = function* (validator, aI, instance, schema) {
  if (!validator.isType(instance, 'array') || validator.isType(schemaGet(schema, 'items', new Map()), 'object')) return;
  const arr = instance as unknown[];
  const lenItems = len(schemaGet(schema, 'items', []));
  if (validator.isType(aI, 'object')) {
    for (let index = lenItems; index < arr.length; index++) yield* validator.descend(arr[index], aI, index);
  } else if (!pyTruthy(aI) && arr.length > lenItems) {
    const [names, verb] = extrasMsg(arr.slice(lenItems));
    yield new ValidationError(`Additional items are not allowed (${names} ${verb} unexpected)`);
  }
};

export const constKeyword: Keyword = function* (_validator, value, instance) {
  if (!equal(instance, value)) yield new ValidationError(`${pyRepr(value)} was expected`);
};

export const contains: Keyword = function* (validator, value, instance, schema) {
  if (!validator.isType(instance, 'array')) return;
  const arr = instance as unknown[];
  let matches = 0;
  const minContains = schemaGet(schema, 'minContains', 1);
  const maxContains = schemaGet(schema, 'maxContains', arr.length);
  for (const each of arr) {
    if (validator.evolve(value).isValid(each)) {
      matches += 1;
      if (pyLt(maxContains, matches)) {
        yield new ValidationError(`Too many items match the given schema (expected at most ${pyStr(maxContains)})`, {
          validator: 'maxContains',
          validatorValue: maxContains,
        });
        return;
      }
    }
  }
  if (pyLt(matches, minContains)) {
    if (matches === 0) {
      yield new ValidationError(`${pyRepr(instance)} does not contain items matching the given schema`);
    } else {
      yield new ValidationError(
        `Too few items match the given schema (expected at least ${pyStr(minContains)} but only ${matches} matched)`,
        { validator: 'minContains', validatorValue: minContains },
      );
    }
  }
};

export const exclusiveMinimum: Keyword = function* (validator, minimum, instance) {
  if (!validator.isType(instance, 'number')) return;
  if (!pyLt(minimum, instance)) yield new ValidationError(`${pyRepr(instance)} is less than or equal to the minimum of ${pyRepr(minimum)}`);
};

export const exclusiveMaximum: Keyword = function* (validator, maximum, instance) {
  if (!validator.isType(instance, 'number')) return;
  if (!pyLt(instance, maximum)) yield new ValidationError(`${pyRepr(instance)} is greater than or equal to the maximum of ${pyRepr(maximum)}`);
};

export const minimum: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'number')) return;
  if (pyLt(instance, value)) yield new ValidationError(`${pyRepr(instance)} is less than the minimum of ${pyRepr(value)}`);
};

export const maximum: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'number')) return;
  if (pyLt(value, instance)) yield new ValidationError(`${pyRepr(instance)} is greater than the maximum of ${pyRepr(value)}`);
};

export const multipleOf: Keyword = function* (validator, dB, instance) {
  if (!validator.isType(instance, 'number')) return;
  if (notMultiple(instance, dB)) yield new ValidationError(`${pyRepr(instance)} is not a multiple of ${pyStr(dB)}`);
};

/** The `failed` of multipleOf: float division and int() for a float divisor (exact fractions when that overflows), `%` otherwise. */
function notMultiple(instance: unknown, dB: unknown): boolean {
  const x = num(instance);
  const d = num(dB);
  if (isFloat(dB)) {
    const quotient = Number(x) / Number(d);
    if (Number.isNaN(quotient)) throw new ValueError('cannot convert float NaN to integer');
    if (Number.isFinite(quotient)) return Math.trunc(quotient) !== quotient;
    const [n1, d1] = ratio(x);
    const [n2, d2] = ratio(d);
    return (n1 * d2) % (d1 * n2) !== 0n;
  }
  // A float instance with an int divisor: Python's float %, truthy when non-zero (or nan).
  if (isFloat(instance)) return Number(x) % Number(d) !== 0;
  return BigInt(x) % BigInt(d) !== 0n;
}

/** `Fraction(x)` of an int or a finite float, as numerator and denominator. */
function ratio(x: number | bigint): [bigint, bigint] {
  if (typeof x === 'bigint') return [x, 1n];
  if (Number.isInteger(x)) return [BigInt(x), 1n];
  if (!Number.isFinite(x)) throw new ValueError(`cannot convert ${x > 0 ? 'Infinity' : '-Infinity'} to integer ratio`);
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return [BigInt(v), den];
}

export const minItems: Keyword = function* (validator, mI, instance) {
  if (validator.isType(instance, 'array') && pyLt(len(instance), mI)) yield new ValidationError(`${pyRepr(instance)} is too short`);
};

export const maxItems: Keyword = function* (validator, mI, instance) {
  if (validator.isType(instance, 'array') && pyLt(mI, len(instance))) yield new ValidationError(`${pyRepr(instance)} is too long`);
};

export const uniqueItems: Keyword = function* (validator, uI, instance) {
  if (pyTruthy(uI) && validator.isType(instance, 'array') && !uniq(instance)) {
    yield new ValidationError(`${pyRepr(instance)} has non-unique elements`);
  }
};

export const pattern: Keyword = function* (validator, patrn, instance) {
  if (validator.isType(instance, 'string') && !reSearch(patrn, instance)) {
    yield new ValidationError(`${pyRepr(instance)} does not match ${pyRepr(patrn)}`);
  }
};

/** `format` with no format checker (what `validate` gives): nothing to check. */
export const format: Keyword = function* () {
  // jsonschema.validate() builds the validator without a format_checker.
};

export const minLength: Keyword = function* (validator, mL, instance) {
  if (validator.isType(instance, 'string') && pyLt(len(instance), mL)) yield new ValidationError(`${pyRepr(instance)} is too short`);
};

export const maxLength: Keyword = function* (validator, mL, instance) {
  if (validator.isType(instance, 'string') && pyLt(mL, len(instance))) yield new ValidationError(`${pyRepr(instance)} is too long`);
};

export const dependentRequired: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  for (const [property, dependency] of items(value)) {
    if (!pyIn(property, instance)) continue;
    for (const each of pyIter(dependency)) {
      if (!pyIn(each, instance)) yield new ValidationError(`${pyRepr(each)} is a dependency of ${pyRepr(property)}`);
    }
  }
};

export const dependentSchemas: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  for (const [property, dependency] of items(value)) {
    if (!pyIn(property, instance)) continue;
    yield* validator.descend(instance, dependency, undefined, property as string);
  }
};

export const enumKeyword: Keyword = function* (_validator, enums, instance) {
  if (pyEq(instance, 0) || pyEq(instance, 1)) {
    // NOTE(quirk): 0/1/True/False are compared after unbool, so True is not 1 here but 1.0 is 1.
    if (pyIter(enums).every((each) => !unboolEq(instance, each))) {
      yield new ValidationError(`${pyRepr(instance)} is not one of ${pyRepr(enums)}`);
    }
  } else if (!pyIn(instance, enums)) {
    yield new ValidationError(`${pyRepr(instance)} is not one of ${pyRepr(enums)}`);
  }
};

export const ref: Keyword = function* (validator, value, instance) {
  const [scope, resolved] = validator.resolver.resolve(value);
  validator.resolver.pushScope(scope);
  try {
    yield* validator.descend(instance, resolved);
  } finally {
    validator.resolver.popScope();
  }
};

export const dynamicRef: Keyword = function* (validator, value, instance) {
  const dynamic = value as string;
  const [, fragment] = urldefrag(dynamic);
  const resolver = validator.resolver;
  for (let i = 0; i < resolver.scopes.length; i++) {
    const lookupUrl = urljoin(resolver.scopes[i], dynamic);
    let matched = false;
    yield* resolver.resolving(lookupUrl, function* (subschema) {
      if (isDict(subschema) && dictHas(subschema, '$dynamicAnchor') && fragment === dictGet(subschema, '$dynamicAnchor')) {
        matched = true;
        yield* validator.descend(instance, subschema);
      }
    });
    if (matched) return;
  }
  yield* resolver.resolving(dynamic, (subschema) => validator.descend(instance, subschema));
};

export const type: Keyword = function* (validator, value, instance) {
  const types = pyIter(ensureList(value));
  if (!types.some((t) => validator.isType(instance, t))) {
    yield new ValidationError(`${pyRepr(instance)} is not of type ${types.map(pyRepr).join(', ')}`);
  }
};

export const properties: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  const obj = instance as PyDict;
  for (const [property, subschema] of items(value)) {
    if (dictHas(obj, property)) yield* validator.descend(getItem(obj, property), subschema, property as string, property as string);
  }
};

export const required: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  for (const property of pyIter(value)) {
    if (!pyIn(property, instance)) yield new ValidationError(`${pyRepr(property)} is a required property`);
  }
};

export const minProperties: Keyword = function* (validator, mP, instance) {
  if (validator.isType(instance, 'object') && pyLt(len(instance), mP)) yield new ValidationError(`${pyRepr(instance)} does not have enough properties`);
};

export const maxProperties: Keyword = function* (validator, mP, instance) {
  if (validator.isType(instance, 'object') && pyLt(mP, len(instance))) yield new ValidationError(`${pyRepr(instance)} has too many properties`);
};

export const allOf: Keyword = function* (validator, value, instance) {
  let index = 0;
  for (const subschema of pyIter(value)) yield* validator.descend(instance, subschema, undefined, index++);
};

export const anyOf: Keyword = function* (validator, value, instance) {
  const allErrors: ValidationError[] = [];
  let index = 0;
  for (const subschema of pyIter(value)) {
    const errs = [...validator.descend(instance, subschema, undefined, index++)];
    if (errs.length === 0) return;
    allErrors.push(...errs);
  }
  yield new ValidationError(`${pyRepr(instance)} is not valid under any of the given schemas`, { context: allErrors });
};

export const oneOf: Keyword = function* (validator, value, instance) {
  const subschemas = pyIter(value);
  const allErrors: ValidationError[] = [];
  let firstValid: unknown;
  let index = 0;
  for (; index < subschemas.length; index++) {
    const errs = [...validator.descend(instance, subschemas[index], undefined, index)];
    if (errs.length === 0) {
      firstValid = subschemas[index];
      break;
    }
    allErrors.push(...errs);
  }
  if (index === subschemas.length) {
    yield new ValidationError(`${pyRepr(instance)} is not valid under any of the given schemas`, { context: allErrors });
  }
  // The rest of the same enumerate(): nothing is left when none was valid.
  const moreValid = subschemas.slice(index + 1).filter((each) => validator.evolve(each).isValid(instance));
  if (moreValid.length > 0) {
    moreValid.push(firstValid);
    yield new ValidationError(`${pyRepr(instance)} is valid under each of ${moreValid.map(pyRepr).join(', ')}`);
  }
};

export const not: Keyword = function* (validator, notSchema, instance) {
  if (validator.evolve(notSchema).isValid(instance)) {
    yield new ValidationError(`${pyRepr(instance)} should not be valid under ${pyRepr(notSchema)}`);
  }
};

export const ifKeyword: Keyword = function* (validator, ifSchema, instance, schema) {
  const s = schema as PyDict;
  if (validator.evolve(ifSchema).isValid(instance)) {
    if (dictHas(s, 'then')) yield* validator.descend(instance, dictGet(s, 'then'), undefined, 'then');
  } else if (dictHas(s, 'else')) {
    yield* validator.descend(instance, dictGet(s, 'else'), undefined, 'else');
  }
};

export const unevaluatedItems: Keyword = function* (validator, value, instance, schema) {
  if (!validator.isType(instance, 'array')) return;
  const evaluated = findEvaluatedItemIndexes(validator, instance as unknown[], schema);
  const unevaluated = (instance as unknown[]).filter((_item, index) => !evaluated.includes(index));
  if (unevaluated.length > 0) {
    const [names, verb] = extrasMsg(unevaluated);
    yield new ValidationError(`Unevaluated items are not allowed (${names} ${verb} unexpected)`);
  }
  void value;
};

export const unevaluatedProperties: Keyword = function* (validator, value, instance, schema) {
  if (!validator.isType(instance, 'object')) return;
  const obj = instance as PyDict;
  const evaluated = findEvaluatedPropertyKeys(validator, obj, schema);
  const unevaluated: unknown[] = [];
  for (const property of dictKeys(obj)) {
    if (evaluated.some((k) => pyEq(k, property))) continue;
    // NOTE(quirk): a property is listed once per error its value has.
    for (const _error of validator.descend(getItem(obj, property), value, property as string, property as string)) unevaluated.push(property);
  }
  if (unevaluated.length > 0) {
    const [names, verb] = extrasMsg(unevaluated);
    yield new ValidationError(`Unevaluated properties are not allowed (${names} ${verb} unexpected)`);
  }
};

export const prefixItems: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'array')) return;
  const arr = instance as unknown[];
  const subschemas = pyIter(value);
  for (let index = 0; index < Math.min(arr.length, subschemas.length); index++) {
    yield* validator.descend(arr[index], subschemas[index], index, index);
  }
};

// ------------------------------------------------------------ unevaluated*

function has(schema: unknown, key: string): boolean {
  return isDict(schema) && dictHas(schema, key);
}

/** `find_evaluated_item_indexes_by_schema`. */
function findEvaluatedItemIndexes(validator: Validator, instance: unknown[], schema: unknown): number[] {
  if (validator.isType(schema, 'boolean')) return [];
  const s = schema as PyDict;
  const evaluated: number[] = [];
  if (has(s, 'items')) return instance.map((_x, i) => i);
  if (has(s, '$ref')) {
    const [scope, resolved] = validator.resolver.resolve(dictGet(s, '$ref'));
    validator.resolver.pushScope(scope);
    try {
      evaluated.push(...findEvaluatedItemIndexes(validator, instance, resolved));
    } finally {
      validator.resolver.popScope();
    }
  }
  if (has(s, 'prefixItems')) for (let i = 0; i < len(dictGet(s, 'prefixItems')); i++) evaluated.push(i);
  if (has(s, 'if')) {
    if (validator.evolve(dictGet(s, 'if')).isValid(instance)) {
      evaluated.push(...findEvaluatedItemIndexes(validator, instance, dictGet(s, 'if')));
      if (has(s, 'then')) evaluated.push(...findEvaluatedItemIndexes(validator, instance, dictGet(s, 'then')));
    } else if (has(s, 'else')) {
      evaluated.push(...findEvaluatedItemIndexes(validator, instance, dictGet(s, 'else')));
    }
  }
  for (const keyword of ['contains', 'unevaluatedItems']) {
    if (!has(s, keyword)) continue;
    instance.forEach((v, k) => {
      if (validator.evolve(dictGet(s, keyword)).isValid(v)) evaluated.push(k);
    });
  }
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    if (!has(s, keyword)) continue;
    for (const subschema of pyIter(dictGet(s, keyword))) {
      if ([...validator.descend(instance, subschema)].length === 0) evaluated.push(...findEvaluatedItemIndexes(validator, instance, subschema));
    }
  }
  return evaluated;
}

/** `find_evaluated_property_keys_by_schema`. */
function findEvaluatedPropertyKeys(validator: Validator, instance: PyDict, schema: unknown): unknown[] {
  if (validator.isType(schema, 'boolean')) return [];
  const s = schema as PyDict;
  const evaluated: unknown[] = [];
  if (has(s, '$ref')) {
    const [scope, resolved] = validator.resolver.resolve(dictGet(s, '$ref'));
    validator.resolver.pushScope(scope);
    try {
      evaluated.push(...findEvaluatedPropertyKeys(validator, instance, resolved));
    } finally {
      validator.resolver.popScope();
    }
  }
  for (const keyword of ['properties', 'additionalProperties', 'unevaluatedProperties']) {
    if (!has(s, keyword)) continue;
    const sub = dictGet(s, keyword);
    if (validator.isType(sub, 'boolean')) {
      for (const [property, value] of dictEntries(instance)) {
        if (validator.evolve(sub).isValid(new Map([[property, value]]))) evaluated.push(property);
      }
    }
    if (validator.isType(sub, 'object')) {
      for (const [property, subschema] of items(sub)) {
        if (dictHas(instance, property) && validator.evolve(subschema).isValid(dictGet(instance, property))) evaluated.push(property);
      }
    }
  }
  if (has(s, 'patternProperties')) {
    const pp = dictGet(s, 'patternProperties');
    for (const [property, value] of dictEntries(instance)) {
      for (const [patternText] of items(pp)) {
        // NOTE(quirk): the patternProperties mapping itself is used as the schema here, as jsonschema 4.10.3 does.
        if (reSearch(patternText, property) && validator.evolve(pp).isValid(new Map([[property, value]]))) evaluated.push(property);
      }
    }
  }
  if (has(s, 'dependentSchemas')) {
    for (const [property, subschema] of items(dictGet(s, 'dependentSchemas'))) {
      if (!dictHas(instance, property)) continue;
      evaluated.push(...findEvaluatedPropertyKeys(validator, instance, subschema));
    }
  }
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    if (!has(s, keyword)) continue;
    for (const subschema of pyIter(dictGet(s, keyword))) {
      if ([...validator.descend(instance, subschema)].length === 0) evaluated.push(...findEvaluatedPropertyKeys(validator, instance, subschema));
    }
  }
  if (has(s, 'if')) {
    if (validator.evolve(dictGet(s, 'if')).isValid(instance)) {
      evaluated.push(...findEvaluatedPropertyKeys(validator, instance, dictGet(s, 'if')));
      if (has(s, 'then')) evaluated.push(...findEvaluatedPropertyKeys(validator, instance, dictGet(s, 'then')));
    } else if (has(s, 'else')) {
      evaluated.push(...findEvaluatedPropertyKeys(validator, instance, dictGet(s, 'else')));
    }
  }
  return evaluated;
}
