/**
 * The keywords of jsonschema 4.10.3's older drafts
 * (jsonschema/_legacy_validators.py): draft 3's type, properties,
 * dependencies, disallow and extends; draft 3/4's items and boolean
 * exclusiveMinimum/exclusiveMaximum; draft 4 to 7's dependencies; draft
 * 6/7's items and contains; 2019-09's $recursiveRef (which jsonschema
 * 4.10.3 resolves and then ignores).
 */
import { pyRepr, pyTruthy } from '../python.js';
import { ValidationError } from './errors.js';
import { items as dictItemsOf } from './keywords.js';
import { ensureList } from './utils.js';
import type { Keyword } from './validator.js';
import { dictGet, dictHas, isDict, pyIn, pyIter, pyLt, schemaGet, type PyDict } from './values.js';

export const dependenciesDraft3: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  for (const [property, dependency] of dictItemsOf(value)) {
    if (!pyIn(property, instance)) continue;
    if (validator.isType(dependency, 'object')) {
      yield* validator.descend(instance, dependency, undefined, property as string);
    } else if (validator.isType(dependency, 'string')) {
      if (!pyIn(dependency, instance)) yield new ValidationError(`${pyRepr(dependency)} is a dependency of ${pyRepr(property)}`);
    } else {
      for (const each of pyIter(dependency)) {
        if (!pyIn(each, instance)) yield new ValidationError(`${pyRepr(each)} is a dependency of ${pyRepr(property)}`);
      }
    }
  }
};

export const dependenciesDraft4To7: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'object')) return;
  for (const [property, dependency] of dictItemsOf(value)) {
    if (!pyIn(property, instance)) continue;
    if (validator.isType(dependency, 'array')) {
      for (const each of pyIter(dependency)) {
        if (!pyIn(each, instance)) yield new ValidationError(`${pyRepr(each)} is a dependency of ${pyRepr(property)}`);
      }
    } else {
      yield* validator.descend(instance, dependency, undefined, property as string);
    }
  }
};

export const disallowDraft3: Keyword = function* (validator, disallow, instance) {
  for (const disallowed of pyIter(ensureList(disallow))) {
    if (validator.evolve(new Map([['type', [disallowed]]])).isValid(instance)) {
      yield new ValidationError(`${pyRepr(disallowed)} is disallowed for ${pyRepr(instance)}`);
    }
  }
};

export const extendsDraft3: Keyword = function* (validator, extendsValue, instance) {
  if (validator.isType(extendsValue, 'object')) {
    yield* validator.descend(instance, extendsValue);
    return;
  }
  let index = 0;
  for (const subschema of pyIter(extendsValue)) yield* validator.descend(instance, subschema, undefined, index++);
};

export const itemsDraft3Draft4: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'array')) return;
  const arr = instance as unknown[];
  if (validator.isType(value, 'object')) {
    for (let index = 0; index < arr.length; index++) yield* validator.descend(arr[index], value, index);
    return;
  }
  const subschemas = pyIter(value);
  for (let index = 0; index < Math.min(arr.length, subschemas.length); index++) yield* validator.descend(arr[index], subschemas[index], index, index);
};

export const itemsDraft6To201909: Keyword = function* (validator, value, instance) {
  if (!validator.isType(instance, 'array')) return;
  const arr = instance as unknown[];
  if (validator.isType(value, 'array')) {
    const subschemas = value as unknown[];
    for (let index = 0; index < Math.min(arr.length, subschemas.length); index++) yield* validator.descend(arr[index], subschemas[index], index, index);
    return;
  }
  for (let index = 0; index < arr.length; index++) yield* validator.descend(arr[index], value, index);
};

export const minimumDraft3Draft4: Keyword = function* (validator, minimum, instance, schema) {
  if (!validator.isType(instance, 'number')) return;
  const exclusive = pyTruthy(schemaGet(schema, 'exclusiveMinimum', false));
  const failed = exclusive ? !pyLt(minimum, instance) : pyLt(instance, minimum);
  const cmp = exclusive ? 'less than or equal to' : 'less than';
  if (failed) yield new ValidationError(`${pyRepr(instance)} is ${cmp} the minimum of ${pyRepr(minimum)}`);
};

export const maximumDraft3Draft4: Keyword = function* (validator, maximum, instance, schema) {
  if (!validator.isType(instance, 'number')) return;
  const exclusive = pyTruthy(schemaGet(schema, 'exclusiveMaximum', false));
  const failed = exclusive ? !pyLt(instance, maximum) : pyLt(maximum, instance);
  const cmp = exclusive ? 'greater than or equal to' : 'greater than';
  if (failed) yield new ValidationError(`${pyRepr(instance)} is ${cmp} the maximum of ${pyRepr(maximum)}`);
};

export const propertiesDraft3: Keyword = function* (validator, value, instance, schema) {
  if (!validator.isType(instance, 'object')) return;
  const obj = instance as PyDict;
  for (const [property, subschema] of dictItemsOf(value)) {
    if (dictHas(obj, property)) {
      yield* validator.descend(dictGet(obj, property), subschema, property as string, property as string);
    } else if (pyTruthy(schemaGet(subschema, 'required', false))) {
      const error = new ValidationError(`${pyRepr(property)} is a required property`);
      error._set({ validator: 'required', validatorValue: dictGet(subschema as PyDict, 'required'), instance, schema });
      error.path.unshift(property as string);
      error.schema_path.push(property as string, 'required');
      yield error;
    }
  }
};

export const typeDraft3: Keyword = function* (validator, value, instance) {
  const types = pyIter(ensureList(value));
  const allErrors: ValidationError[] = [];
  let index = 0;
  for (const type of types) {
    if (validator.isType(type, 'object')) {
      const errors = [...validator.descend(instance, type, undefined, index)];
      if (errors.length === 0) return;
      allErrors.push(...errors);
    } else if (validator.isType(instance, type)) {
      return;
    }
    index++;
  }
  const reprs = types.map((t) => (isDict(t) && dictHas(t, 'name') ? pyRepr(dictGet(t, 'name')) : pyRepr(t)));
  yield new ValidationError(`${pyRepr(instance)} is not of type ${reprs.join(', ')}`, { context: allErrors });
};

export const containsDraft6Draft7: Keyword = function* (validator, contains, instance) {
  if (!validator.isType(instance, 'array')) return;
  if (!(instance as unknown[]).some((element) => validator.evolve(contains).isValid(element))) {
    yield new ValidationError(`None of ${pyRepr(instance)} are valid under the given schema`);
  }
};

/** `recursiveRef`: jsonschema 4.10.3 resolves the target (so a bad pointer still raises) and validates nothing. */
export const recursiveRef: Keyword = function* (validator, value) {
  const resolver = validator.resolver;
  let target: unknown = validator.schema;
  for (const each of [...resolver.scopes.slice(1)].reverse()) {
    const [, nextTarget] = resolver.resolve(each);
    if (isDict(nextTarget) && pyTruthy(dictGet(nextTarget, '$recursiveAnchor'))) target = nextTarget;
    else break;
  }
  resolver.resolveFragment(target, (value as string).replace(/^#+/, ''));
};
