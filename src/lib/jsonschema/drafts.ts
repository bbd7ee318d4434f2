/**
 * The draft classes jsonschema 4.10.3 defines (jsonschema/validators.py:
 * Draft3Validator ... Draft202012Validator): each draft's keyword table,
 * type checker, id keyword and whether `$ref` hides its siblings. They are
 * registered by meta-schema id, as `validates()` does, and the latest,
 * draft 2020-12, is the default for a schema without `$schema`.
 */
import * as k from './keywords.js';
import * as legacy from './legacy-keywords.js';
import {
  DRAFT201909_META_SCHEMA,
  DRAFT202012_META_SCHEMA,
  DRAFT3_META_SCHEMA,
  DRAFT4_META_SCHEMA,
  DRAFT6_META_SCHEMA,
  DRAFT7_META_SCHEMA,
} from './metaschemas.js';
import {
  draft201909TypeChecker,
  draft202012TypeChecker,
  draft3TypeChecker,
  draft4TypeChecker,
  draft6TypeChecker,
  draft7TypeChecker,
} from './types.js';
import { normalizeUri } from './urls.js';
import { allKeywords, dollarIdOf, ignoreRefSiblings, legacyIdOf, registry, type Draft, type Keyword } from './validator.js';

function draft(spec: Draft): Draft {
  const id = spec.idOf(spec.metaSchema);
  registry.metaSchemas.set(normalizeUri(id), spec);
  return spec;
}

/** The keywords drafts 6 to 2020-12 share with the same implementation. */
const COMMON: Readonly<Record<string, Keyword>> = {
  $ref: k.ref,
  additionalItems: k.additionalItems,
  additionalProperties: k.additionalProperties,
  allOf: k.allOf,
  anyOf: k.anyOf,
  const: k.constKeyword,
  enum: k.enumKeyword,
  exclusiveMaximum: k.exclusiveMaximum,
  exclusiveMinimum: k.exclusiveMinimum,
  format: k.format,
  maxItems: k.maxItems,
  maxLength: k.maxLength,
  maxProperties: k.maxProperties,
  maximum: k.maximum,
  minItems: k.minItems,
  minLength: k.minLength,
  minProperties: k.minProperties,
  minimum: k.minimum,
  multipleOf: k.multipleOf,
  not: k.not,
  oneOf: k.oneOf,
  pattern: k.pattern,
  patternProperties: k.patternProperties,
  properties: k.properties,
  propertyNames: k.propertyNames,
  required: k.required,
  type: k.type,
  uniqueItems: k.uniqueItems,
};

export const Draft3: Draft = draft({
  version: 'draft3',
  metaSchema: DRAFT3_META_SCHEMA,
  validators: {
    $ref: k.ref,
    additionalItems: k.additionalItems,
    additionalProperties: k.additionalProperties,
    dependencies: legacy.dependenciesDraft3,
    disallow: legacy.disallowDraft3,
    divisibleBy: k.multipleOf,
    enum: k.enumKeyword,
    extends: legacy.extendsDraft3,
    format: k.format,
    items: legacy.itemsDraft3Draft4,
    maxItems: k.maxItems,
    maxLength: k.maxLength,
    maximum: legacy.maximumDraft3Draft4,
    minItems: k.minItems,
    minLength: k.minLength,
    minimum: legacy.minimumDraft3Draft4,
    pattern: k.pattern,
    patternProperties: k.patternProperties,
    properties: legacy.propertiesDraft3,
    type: legacy.typeDraft3,
    uniqueItems: k.uniqueItems,
  },
  typeChecker: draft3TypeChecker,
  idOf: legacyIdOf,
  applicable: ignoreRefSiblings,
});

export const Draft4: Draft = draft({
  version: 'draft4',
  metaSchema: DRAFT4_META_SCHEMA,
  validators: {
    $ref: k.ref,
    additionalItems: k.additionalItems,
    additionalProperties: k.additionalProperties,
    allOf: k.allOf,
    anyOf: k.anyOf,
    dependencies: legacy.dependenciesDraft4To7,
    enum: k.enumKeyword,
    format: k.format,
    items: legacy.itemsDraft3Draft4,
    maxItems: k.maxItems,
    maxLength: k.maxLength,
    maxProperties: k.maxProperties,
    maximum: legacy.maximumDraft3Draft4,
    minItems: k.minItems,
    minLength: k.minLength,
    minProperties: k.minProperties,
    minimum: legacy.minimumDraft3Draft4,
    multipleOf: k.multipleOf,
    not: k.not,
    oneOf: k.oneOf,
    pattern: k.pattern,
    patternProperties: k.patternProperties,
    properties: k.properties,
    required: k.required,
    type: k.type,
    uniqueItems: k.uniqueItems,
  },
  typeChecker: draft4TypeChecker,
  idOf: legacyIdOf,
  applicable: ignoreRefSiblings,
});

export const Draft6: Draft = draft({
  version: 'draft6',
  metaSchema: DRAFT6_META_SCHEMA,
  validators: {
    ...COMMON,
    contains: legacy.containsDraft6Draft7,
    dependencies: legacy.dependenciesDraft4To7,
    items: legacy.itemsDraft6To201909,
  },
  typeChecker: draft6TypeChecker,
  idOf: dollarIdOf,
  applicable: ignoreRefSiblings,
});

export const Draft7: Draft = draft({
  version: 'draft7',
  metaSchema: DRAFT7_META_SCHEMA,
  validators: {
    ...COMMON,
    contains: legacy.containsDraft6Draft7,
    dependencies: legacy.dependenciesDraft4To7,
    if: k.ifKeyword,
    items: legacy.itemsDraft6To201909,
  },
  typeChecker: draft7TypeChecker,
  idOf: dollarIdOf,
  applicable: ignoreRefSiblings,
});

export const Draft201909: Draft = draft({
  version: 'draft2019-09',
  metaSchema: DRAFT201909_META_SCHEMA,
  validators: {
    ...COMMON,
    $recursiveRef: legacy.recursiveRef,
    contains: k.contains,
    dependentRequired: k.dependentRequired,
    dependentSchemas: k.dependentSchemas,
    if: k.ifKeyword,
    items: legacy.itemsDraft6To201909,
    unevaluatedItems: k.unevaluatedItems,
    unevaluatedProperties: k.unevaluatedProperties,
  },
  typeChecker: draft201909TypeChecker,
  idOf: dollarIdOf,
  applicable: allKeywords,
});

export const Draft202012: Draft = draft({
  version: 'draft2020-12',
  metaSchema: DRAFT202012_META_SCHEMA,
  validators: {
    ...COMMON,
    $dynamicRef: k.dynamicRef,
    contains: k.contains,
    dependentRequired: k.dependentRequired,
    dependentSchemas: k.dependentSchemas,
    if: k.ifKeyword,
    items: k.itemsKeyword,
    prefixItems: k.prefixItems,
    unevaluatedItems: k.unevaluatedItems,
    unevaluatedProperties: k.unevaluatedProperties,
  },
  typeChecker: draft202012TypeChecker,
  idOf: dollarIdOf,
  applicable: allKeywords,
});

/** `_LATEST_VERSION`: what a schema without `$schema` is validated with. */
registry.latest = Draft202012;

/** The class name jsonschema gives a draft: `version.title()` without spaces and dashes, then 'Validator'. */
export function draftClassName(d: Draft): string {
  const titled = d.version.replace(/[a-zA-Z]+/g, (w) => w[0]?.toUpperCase() + w.slice(1).toLowerCase());
  return `${titled.replace(/[ -]/g, '')}Validator`;
}
