/**
 * jsonschema 4.10.3 as Glance 16.0.0 uses it (`glance/schema.py`
 * `Schema.validate` calls `jsonschema.validate(obj, self.raw())` and turns
 * a `ValidationError` into a 400 whose text is `str(error)`).
 *
 * Schemas and instances are PyJson values (../pyjson.ts) or plain
 * JavaScript objects; a schema's keys are applied in their order, so a
 * schema that needs Python's order for integer-like keys must be a Map.
 */
export { validate, iterErrors, isValid, checkSchema, frozenSchema, makeValidator } from './validate.js';
export { bestMatch, relevance, type Relevance } from './best-match.js';
export { ValidationError, SchemaError, UnknownType, RefResolutionError, JsonSchemaError, UNSET, formatAsIndex, type PathElement } from './errors.js';
export { Validator, validatorFor, type Draft, type Keyword } from './validator.js';
export { Draft3, Draft4, Draft6, Draft7, Draft201909, Draft202012, draftClassName } from './drafts.js';
export { TypeChecker, UndefinedTypeCheck } from './types.js';
export { equal, uniq } from './utils.js';
