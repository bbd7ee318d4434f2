/**
 * The schemas the flat model checks metadef bodies against are the ones
 * its /v2/schemas/metadefs/... documents serve, and each is exactly what
 * Glance validates that body with (the legacy port's `get_schema().raw()`):
 * key order included, since jsonschema reports the first failing keyword.
 */
import { describe, expect, it } from 'vitest';
import { pyJsonDumpsValue } from '../../../src/lib/pyjson.js';
import { BODY_SCHEMAS } from '../../../src/domain/metadefs/requests.js';
import * as namespaces from '../../../src/legacy/api/v2/metadef-namespaces.js';
import * as objects from '../../../src/legacy/api/v2/metadef-objects.js';
import * as properties from '../../../src/legacy/api/v2/metadef-properties.js';
import * as resourceTypes from '../../../src/legacy/api/v2/metadef-resource-types.js';
import * as tags from '../../../src/legacy/api/v2/metadef-tags.js';

/** json.dumps of a schema (dicts as Maps or plain objects), keys in their order. */
const dumped = (schema: unknown): string => pyJsonDumpsValue(schema);

describe('metadef body schemas', () => {
  it.each([
    ['namespace', BODY_SCHEMAS.namespace(), namespaces.get_schema().raw()],
    ['object', BODY_SCHEMAS.object(), objects.get_schema().raw()],
    ['object property (no name required)', BODY_SCHEMAS.objectProperty(), properties.get_schema(false).raw()],
    ['property', BODY_SCHEMAS.property(), properties.get_schema().raw()],
    ['resource type association', BODY_SCHEMAS.resourceTypeAssociation(), resourceTypes.get_schema().raw()],
    ['tag', BODY_SCHEMAS.tag(), tags.get_schema().raw()],
    ['tag list', BODY_SCHEMAS.tags(), tags.get_schema_for_list().raw()],
  ])('the %s schema is Glance\'s, in Glance\'s key order', (_name, flat, glance) => {
    expect(dumped(flat)).toBe(dumped(glance));
  });
});
