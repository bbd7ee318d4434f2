/**
 * Generated requests of the metadata definitions catalog: every metadef
 * route and method, bodies mostly valid and often not (values of every
 * JSON type where the schemas and WSME meet them, read-only and unknown
 * keys, malformed JSON), callers of several projects on each other's
 * public and private namespaces, protected namespaces, renames onto
 * existing names, resource type associations with prefixes, paging
 * queries, and deployments that start with Glance's loaded definitions
 * (`load_metadefs`) or deny a metadef policy rule. Small pools of names
 * make steps collide on the same namespaces, objects, properties and tags.
 */
import fc from 'fast-check';
import { PyFloat, type PyJson } from '../../lib/pyjson.js';
import type { ScenarioConfig } from '../../shared/settings.js';
import type { Caller } from '../../shared/world.js';
import { metadefSchemaArb, type GeneratedRequest } from './requests.js';
import type { GeneratedHttpScenario, GeneratedStep } from './scenario.js';
import { CALLERS, PROJECTS, anyJsonArb, callerArb, mostly, segment, sometimes, usually, w } from './values.js';

// ------------------------------------------------------------------ pools

/** Namespaces the steps make and name. */
export const METADEF_NAMESPACES = ['OS::Peel::Alpha', 'OS::Peel::Beta', 'peel-gamma'] as const;
/** Namespaces Glance's loaded definitions hold (only there when `load_metadefs` is on). */
const LOADED_NAMESPACES = ['OS::Compute::Hypervisor', 'OS::Software::DBMS', 'OS::Glance::Signatures', 'OS::Glance::CommonImageProperties', 'OS::Compute::Quota'] as const;
/** Names that stress schemas, paths and storage. */
const ODD_NAMES = ['', ' ', 'x'.repeat(81), 'é', 'a/b', 'per%cent', 'OS::Peel::ALPHA', '日本', 'OS::Peel::Nope'] as const;
const OBJECT_NAMES = ['obj1', 'obj2', 'MySQL', 'CPU Limits'] as const;
const PROPERTY_NAMES = ['prop1', 'prop2', 'hw_prop', 'hypervisor_type', 'img_signature'] as const;
const METADEF_TAGS = ['t1', 't2', 'T1'] as const;
const RESOURCE_TYPES = ['OS::Glance::Image', 'OS::Nova::Flavor', 'OS::Peel::Thing'] as const;
const PREFIXES = ['hw_', 'hw:', 'p'] as const;
const PROPERTY_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object'] as const;
const NS_SORT_KEYS = ['created_at', 'updated_at', 'id', 'namespace', 'display_name', 'visibility', 'protected', 'owner', 'description'] as const;

const pick = <T extends PyJson>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const namesArb = (pool: readonly string[]): fc.Arbitrary<string> => fc.oneof(w(12, pick(pool.slice(0, 2))), w(3, pick(pool)), w(1, pick(ODD_NAMES)));

const namespaceRefArb: fc.Arbitrary<string> = fc.oneof(
  w(14, pick(METADEF_NAMESPACES)), w(3, pick(LOADED_NAMESPACES)), w(2, pick(ODD_NAMES)),
);
const objectRefArb = namesArb(OBJECT_NAMES);
const propertyRefArb = namesArb(PROPERTY_NAMES);
const tagRefArb = namesArb(METADEF_TAGS);
const resourceTypeRefArb = namesArb(RESOURCE_TYPES);

/** A name in a path, as a client writes it: percent-encoded, colons sometimes left as they are. */
const pathNameArb = (name: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(name, fc.boolean()).map(([n, raw]) => (raw ? segment(n).replace(/%3A/g, ':') : segment(n)));

/** A map body from optional fields (absent ones left out). */
function mapOf(fields: Readonly<Record<string, PyJson | undefined>>): Map<string, PyJson> {
  const body = new Map<string, PyJson>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, v);
  return body;
}

/** Now and then a key no schema allows, or one the server writes itself (403). */
const strayKeyArb: fc.Arbitrary<[string, PyJson] | undefined> = sometimes(
  fc.tuple(fc.constantFrom('bogus', 'created_at', 'updated_at', 'self', 'schema', 'required', 'confidential'), fc.constantFrom<PyJson>('x', 1, null)),
  20,
);

function withStray(body: Map<string, PyJson>, stray: [string, PyJson] | undefined): Map<string, PyJson> {
  if (stray !== undefined) body.set(stray[0], stray[1]);
  return body;
}

// ------------------------------------------------------------------ bodies

/** A definition the schemas accept: a title, a type, and a few of the other keys. */
const validDefinitionArb: fc.Arbitrary<PyJson> = fc
  .record({
    title: fc.constantFrom<PyJson>('Title', 'T'),
    type: pick<PyJson>(PROPERTY_TYPES),
    description: sometimes(fc.constantFrom<PyJson>('d', 'é'), 3),
    default: sometimes(fc.constantFrom<PyJson>('x', 5, true, new PyFloat(1.5)), 5),
    minimum: sometimes(fc.constantFrom<PyJson>(0, 1, new PyFloat(0.5)), 6),
    maximum: sometimes(fc.constantFrom<PyJson>(10, 2147483648), 8),
    enum: sometimes(fc.constantFrom<PyJson>(['a', 'b'], []), 5),
    pattern: sometimes(fc.constant<PyJson>('^a'), 10),
    minLength: sometimes(fc.constantFrom<PyJson>(0, 2), 8),
    maxLength: sometimes(fc.constantFrom<PyJson>(5, 0), 8),
    readonly: sometimes(fc.boolean(), 8),
    operators: sometimes(fc.constant<PyJson>(['<or>']), 10),
    items: sometimes(fc.constantFrom<PyJson>(new Map([['type', 'string']]), new Map<string, PyJson>([['type', 'string'], ['enum', ['a', 'b']]])), 6),
    uniqueItems: sometimes(fc.boolean(), 10),
    minItems: sometimes(fc.constantFrom<PyJson>(0, 1), 10),
    maxItems: sometimes(fc.constant<PyJson>(3), 10),
    additionalItems: sometimes(fc.boolean(), 12),
  })
  .map((fields) => mapOf(fields) as PyJson);

/** The values a definition's keys meet, WSME's coercions and the schema's refusals included. */
const hostileDefinitionArb: fc.Arbitrary<PyJson> = fc
  .record({
    title: mostly(fc.constantFrom<PyJson>('Title', '')),
    type: mostly(pick<PyJson>([...PROPERTY_TYPES, null, 'bogus']), 4),
    default: sometimes(fc.constantFrom<PyJson>('é', null, ['a'], new Map([['k', 'v']]), new PyFloat(-0.0)), 2),
    minimum: sometimes(fc.constantFrom<PyJson>(-3, 'x', new PyFloat(1e300)), 4),
    enum: sometimes(fc.constantFrom<PyJson>([1, 'a'], 'a', [null]), 4),
    pattern: sometimes(fc.constantFrom<PyJson>('[', 1), 5),
    minLength: sometimes(fc.constantFrom<PyJson>(-1, new PyFloat(1.0)), 5),
    maxLength: sometimes(fc.constantFrom<PyJson>('x', new PyFloat(2.5)), 5),
    readonly: sometimes(fc.constantFrom<PyJson>('yes', 1), 5),
    operators: sometimes(fc.constantFrom<PyJson>([], [1]), 6),
    items: sometimes(fc.constantFrom<PyJson>(new Map([['enum', [1]]]), new Map([['bogus', 1]]), new Map([['type', 'bogus']])), 4),
    maxItems: sometimes(fc.constantFrom<PyJson>(-1, 'x'), 6),
  })
  .chain((fields) => strayKeyArb.map((stray) => withStray(mapOf(fields), stray) as PyJson));

const propertyDefinitionArb: fc.Arbitrary<PyJson> = fc.oneof(w(8, validDefinitionArb), w(1, hostileDefinitionArb));

/** A property to create or PUT: a definition with its name. */
const propertyBodyArb: fc.Arbitrary<PyJson> = fc.oneof(
  w(12, fc.tuple(propertyDefinitionArb, mostly(propertyRefArb as fc.Arbitrary<PyJson>, 20)).map(([definition, name]) => {
    const body = new Map([['name', name] as [string, PyJson], ...(definition as Map<string, PyJson>)]);
    return body as PyJson;
  })),
  w(1, propertyDefinitionArb),
  w(1, anyJsonArb),
);

const propertiesArb = (definition: fc.Arbitrary<PyJson> = propertyDefinitionArb): fc.Arbitrary<PyJson> => fc
  .uniqueArray(fc.tuple(propertyRefArb, definition), { maxLength: 2, selector: ([k]) => k })
  .map((entries) => new Map(entries));

const objectBodyArb: fc.Arbitrary<PyJson> = fc
  .record({
    name: mostly(objectRefArb as fc.Arbitrary<PyJson>, 20),
    description: sometimes(mostly(fc.constantFrom<PyJson>('an object', ''), 20), 3),
    required: sometimes(mostly(fc.constantFrom<PyJson>(['prop1'], [], ['prop1', 'prop2'], ['prop1', 'prop1']), 20), 3),
    properties: sometimes(mostly(propertiesArb(), 20), 2),
  })
  .chain((fields) => strayKeyArb.map((stray) => withStray(mapOf(fields), stray) as PyJson));

/** An object the schemas accept. */
const validObjectArb: fc.Arbitrary<PyJson> = fc
  .record({
    name: pick<PyJson>(OBJECT_NAMES.slice(0, 2)),
    description: sometimes(fc.constant<PyJson>('an object'), 3),
    required: sometimes(fc.constantFrom<PyJson>(['prop1'], ['prop1', 'prop2']), 3),
    properties: sometimes(propertiesArb(validDefinitionArb), 2),
  })
  .map((fields) => mapOf(fields) as PyJson);

const associationBodyArb: fc.Arbitrary<PyJson> = fc
  .record({
    name: mostly(resourceTypeRefArb as fc.Arbitrary<PyJson>, 20),
    prefix: sometimes(mostly(pick<PyJson>([...PREFIXES, '', 'x'.repeat(81)]), 20), 2),
    properties_target: sometimes(mostly(fc.constantFrom<PyJson>('image', 'x'.repeat(81)), 20), 4),
  })
  .chain((fields) => strayKeyArb.map((stray) => withStray(mapOf(fields), stray) as PyJson));

const tagItemArb: fc.Arbitrary<PyJson> = mostly(tagRefArb.map((name) => new Map([['name', name]]) as PyJson), 20);

const namespaceBodyArb = (name: fc.Arbitrary<string> = namespaceRefArb): fc.Arbitrary<PyJson> => fc
  .record({
    namespace: mostly(name as fc.Arbitrary<PyJson>, 30),
    display_name: sometimes(mostly(fc.constantFrom<PyJson>('Peel', 'x'.repeat(81)), 30), 3),
    description: sometimes(mostly(fc.constantFrom<PyJson>('about', 'é'), 30), 3),
    visibility: sometimes(mostly(fc.oneof(w(10, fc.constantFrom<PyJson>('public', 'private')), w(1, fc.constant<PyJson>('bogus'))), 30), 2),
    protected: sometimes(mostly(fc.boolean(), 30), 3),
    owner: sometimes(mostly(pick<PyJson>([...PROJECTS, 'p-admin']), 30), 8),
    resource_type_associations: sometimes(mostly(fc.array(associationBodyArb, { maxLength: 2 }), 20), 4),
    properties: sometimes(mostly(propertiesArb(), 20), 3),
    objects: sometimes(mostly(fc.array(objectBodyArb, { maxLength: 2 }), 20), 4),
    tags: sometimes(mostly(fc.array(tagItemArb, { maxLength: 3 }), 20), 4),
  })
  .chain((fields) => strayKeyArb.map((stray) => withStray(mapOf(fields), stray) as PyJson));

/** A namespace the schemas accept, with some of everything in it. */
const validNamespaceArb = (name: fc.Arbitrary<string>): fc.Arbitrary<Map<string, PyJson>> => fc
  .record({
    namespace: name as fc.Arbitrary<PyJson>,
    display_name: sometimes(fc.constant<PyJson>('Peel'), 3),
    description: sometimes(fc.constant<PyJson>('about'), 3),
    resource_type_associations: usually(fc.uniqueArray(fc.record({ name: pick<PyJson>(RESOURCE_TYPES), prefix: pick<PyJson>(PREFIXES) }).map((a) => new Map(Object.entries(a)) as PyJson), { maxLength: 2, selector: (a) => (a as Map<string, PyJson>).get('name') }), 3),
    properties: usually(propertiesArb(validDefinitionArb), 3),
    objects: usually(fc.uniqueArray(validObjectArb, { maxLength: 2, selector: (o) => (o as Map<string, PyJson>).get('name') }), 3),
    tags: usually(fc.uniqueArray(pick(METADEF_TAGS.slice(0, 2)), { maxLength: 2 }).map((ts) => ts.map((t) => new Map([['name', t]])) as PyJson), 3),
  })
  .map((fields) => mapOf(fields));

const tagListBodyArb: fc.Arbitrary<PyJson> = fc.oneof(
  w(10, fc.array(tagItemArb, { maxLength: 3 }).map((tags) => new Map([['tags', tags]]) as PyJson)),
  w(1, fc.constantFrom<PyJson>(new Map(), new Map([['tags', null]]), new Map<string, PyJson>([['tags', []], ['bogus', 1]]))),
  w(1, anyJsonArb),
);

const tagBodyArb: fc.Arbitrary<PyJson> = fc.oneof(
  w(10, mostly(tagRefArb as fc.Arbitrary<PyJson>, 10).map((name) => new Map([['name', name]]) as PyJson)),
  w(1, strayKeyArb.map((stray) => withStray(new Map([['name', 't9']]), stray ?? ['bogus', 1]) as PyJson)),
  w(1, anyJsonArb),
);

// ------------------------------------------------------------------ queries

function queryOf(params: ReadonlyArray<readonly [string, string]>): string {
  return params.length === 0 ? '' : '?' + params.map(([k, v]) => `${segment(k)}=${segment(v)}`).join('&');
}

const limitArb = fc.oneof(w(8, fc.integer({ min: 0, max: 4 }).map(String)), w(1, fc.constantFrom('-1', 'x', '1.5', '', '99999999999999999999')));
const sortDirArb = fc.oneof(w(8, fc.constantFrom('asc', 'desc')), w(1, fc.constantFrom('up', '')));

const namespaceQueryArb = fc.array(fc.oneof(
  w(4, fc.tuple(fc.constant('limit'), limitArb)),
  w(3, fc.tuple(fc.constant('marker'), namespaceRefArb)),
  // Keys that are no column (bogus, name) fail in paging (500), as in Glance.
  w(3, fc.tuple(fc.constant('sort_key'), fc.oneof(w(10, pick(NS_SORT_KEYS)), w(3, fc.constantFrom('bogus', 'name', ''))))),
  w(2, fc.tuple(fc.constant('sort_dir'), sortDirArb)),
  w(2, fc.tuple(fc.constant('visibility'), fc.constantFrom('public', 'private', 'shared', 'bogus', ''))),
  w(2, fc.tuple(fc.constant('resource_types'), fc.constantFrom('OS::Glance::Image', 'OS::Nova::Flavor,OS::Peel::Thing', 'OS::Glance::Image, OS::Nova::Flavor', 'bogus', ''))),
  w(1, fc.tuple(fc.constantFrom('bogus', 'namespace', 'owner'), fc.constantFrom('x', 'p-alice'))),
), { maxLength: 3 });

const tagQueryArb = fc.array(fc.oneof(
  w(4, fc.tuple(fc.constant('limit'), limitArb)),
  w(3, fc.tuple(fc.constant('marker'), tagRefArb)),
  w(3, fc.tuple(fc.constant('sort_key'), fc.constantFrom('created_at', 'name', 'id', 'updated_at', 'bogus'))),
  w(2, fc.tuple(fc.constant('sort_dir'), sortDirArb)),
  w(1, fc.tuple(fc.constant('visibility'), fc.constantFrom('public', 'shared', 'bogus'))),
), { maxLength: 3 });

/** A show's query: mostly none, often a resource type, now and then another parameter (KeyError, 500). */
const showQueryArb = fc.oneof(
  w(6, fc.constant<Array<[string, string]>>([])),
  w(4, resourceTypeRefArb.map((rt) => [['resource_type', rt]] as Array<[string, string]>)),
  w(1, fc.constantFrom<Array<[string, string]>>([['resource_type', '']], [['visibility', 'bogus']], [['bogus', '1']], [['visibility', 'public']])),
);

// ------------------------------------------------------------------ requests

const NS_PATH = (ns: string): string => `/v2/metadefs/namespaces/${ns}`;
const json = (method: string, path: string) => (body: PyJson): GeneratedRequest => ({ method, path, json: body });

/** Requests of every metadef route, on the namespaces `namespace` names. */
function requestsFor(namespace: fc.Arbitrary<string>): fc.Arbitrary<GeneratedRequest> {
  const nsPathArb = pathNameArb(namespace).map(NS_PATH);

  const namespaceRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
    w(8, namespaceBodyArb().map(json('POST', '/v2/metadefs/namespaces'))),
    w(1, anyJsonArb.map(json('POST', '/v2/metadefs/namespaces'))),
    w(5, namespaceQueryArb.map((q) => ({ method: 'GET', path: '/v2/metadefs/namespaces' + queryOf(q) }))),
    w(4, fc.tuple(nsPathArb, showQueryArb).map(([p, q]) => ({ method: 'GET', path: p + queryOf(q) }))),
    w(4, fc.tuple(nsPathArb, namespaceBodyArb()).map(([p, body]) => ({ method: 'PUT', path: p, json: body }))),
    w(2, nsPathArb.map((p) => ({ method: 'DELETE', path: p }))),
    w(3, fc.tuple(nsPathArb, fc.constantFrom('objects', 'properties', 'tags'), sometimes(fc.constantFrom<PyJson>(new Map(), []), 6))
      .map(([p, kind, body]) => ({ method: 'DELETE', path: `${p}/${kind}`, ...(body !== undefined ? { json: body } : {}) }))),
  );

  const objectRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
    w(6, fc.tuple(nsPathArb, objectBodyArb).map(([p, body]) => ({ method: 'POST', path: `${p}/objects`, json: body }))),
    w(1, fc.tuple(nsPathArb, anyJsonArb).map(([p, body]) => ({ method: 'POST', path: `${p}/objects`, json: body }))),
    w(2, fc.tuple(nsPathArb, namespaceQueryArb).map(([p, q]) => ({ method: 'GET', path: `${p}/objects${queryOf(q)}` }))),
    w(3, fc.tuple(nsPathArb, pathNameArb(objectRefArb)).map(([p, o]) => ({ method: 'GET', path: `${p}/objects/${o}` }))),
    w(4, fc.tuple(nsPathArb, pathNameArb(objectRefArb), objectBodyArb).map(([p, o, body]) => ({ method: 'PUT', path: `${p}/objects/${o}`, json: body }))),
    w(2, fc.tuple(nsPathArb, pathNameArb(objectRefArb)).map(([p, o]) => ({ method: 'DELETE', path: `${p}/objects/${o}` }))),
  );

  const propertyRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
    w(6, fc.tuple(nsPathArb, propertyBodyArb).map(([p, body]) => ({ method: 'POST', path: `${p}/properties`, json: body }))),
    w(2, nsPathArb.map((p) => ({ method: 'GET', path: `${p}/properties` }))),
    w(4, fc.tuple(nsPathArb, pathNameArb(fc.oneof(w(3, propertyRefArb), w(1, fc.constantFrom('hw_prop1', 'hw:prop1', 'pprop1')))), fc.oneof(w(3, fc.constant<Array<[string, string]>>([])), w(1, showQueryArb)))
      .map(([p, name, q]) => ({ method: 'GET', path: `${p}/properties/${name}${queryOf(q)}` }))),
    w(4, fc.tuple(nsPathArb, pathNameArb(propertyRefArb), propertyBodyArb).map(([p, name, body]) => ({ method: 'PUT', path: `${p}/properties/${name}`, json: body }))),
    w(2, fc.tuple(nsPathArb, pathNameArb(propertyRefArb), sometimes(fc.constant<PyJson>(new Map()), 8))
      .map(([p, name, body]) => ({ method: 'DELETE', path: `${p}/properties/${name}`, ...(body !== undefined ? { json: body } : {}) }))),
  );

  const tagRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
    w(3, fc.tuple(nsPathArb, tagListBodyArb).map(([p, body]) => ({ method: 'POST', path: `${p}/tags`, json: body }))),
    w(4, fc.tuple(nsPathArb, pathNameArb(tagRefArb)).map(([p, t]) => ({ method: 'POST', path: `${p}/tags/${t}` }))),
    w(3, fc.tuple(nsPathArb, tagQueryArb).map(([p, q]) => ({ method: 'GET', path: `${p}/tags${queryOf(q)}` }))),
    w(2, fc.tuple(nsPathArb, pathNameArb(tagRefArb)).map(([p, t]) => ({ method: 'GET', path: `${p}/tags/${t}` }))),
    w(3, fc.tuple(nsPathArb, pathNameArb(tagRefArb), tagBodyArb).map(([p, t, body]) => ({ method: 'PUT', path: `${p}/tags/${t}`, json: body }))),
    w(2, fc.tuple(nsPathArb, pathNameArb(tagRefArb)).map(([p, t]) => ({ method: 'DELETE', path: `${p}/tags/${t}` }))),
  );

  const resourceTypeRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
    w(2, fc.constant({ method: 'GET', path: '/v2/metadefs/resource_types' })),
    w(2, nsPathArb.map((p) => ({ method: 'GET', path: `${p}/resource_types` }))),
    w(5, fc.tuple(nsPathArb, associationBodyArb).map(([p, body]) => ({ method: 'POST', path: `${p}/resource_types`, json: body }))),
    w(3, fc.tuple(nsPathArb, pathNameArb(resourceTypeRefArb)).map(([p, rt]) => ({ method: 'DELETE', path: `${p}/resource_types/${rt}` }))),
  );
  return fc.oneof(
    w(10, namespaceRequestArb),
    w(6, objectRequestArb),
    w(6, propertyRequestArb),
    w(6, tagRequestArb),
    w(4, resourceTypeRequestArb),
  );
}

const METADEF_PATHS = [
  '/v2/metadefs/namespaces', '/v2/metadefs/namespaces/OS::Peel::Alpha', '/v2/metadefs/namespaces/OS::Peel::Alpha/objects',
  '/v2/metadefs/namespaces/OS::Peel::Alpha/objects/obj1', '/v2/metadefs/namespaces/OS::Peel::Alpha/properties',
  '/v2/metadefs/namespaces/OS::Peel::Alpha/properties/prop1', '/v2/metadefs/namespaces/OS::Peel::Alpha/tags',
  '/v2/metadefs/namespaces/OS::Peel::Alpha/tags/t1', '/v2/metadefs/namespaces/OS::Peel::Alpha/resource_types',
  '/v2/metadefs/namespaces/OS::Peel::Alpha/resource_types/OS::Glance::Image', '/v2/metadefs/resource_types',
  '/v2/schemas/metadefs/namespace', '/v2/schemas/metadefs/tags',
] as const;

/** Wrong methods, bodies where none is read, JSON that does not parse, paths the router does not know. */
const strayMetadefArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'), pick(METADEF_PATHS)).map(([method, path]) => ({ method, path })),
  fc.tuple(pick(METADEF_PATHS), anyJsonArb).map(([path, body]) => ({ method: 'GET', path, json: body })),
  fc.tuple(fc.constantFrom('POST', 'PUT'), pick(METADEF_PATHS), fc.constantFrom('{', '[1,', '"x"', 'null', ''))
    .map(([method, path, text]) => ({ method, path, text, headers: { 'Content-Type': 'application/json' } })),
  fc.constantFrom('/v2/metadefs', '/v2/metadefs/namespaces/', '/v2/metadefs/namespaces/OS::Peel::Alpha/bogus', '/v2/metadefs/namespaces/a%2Fb')
    .map((path) => ({ method: 'GET', path })),
);

/** One request to any metadef route. */
export const metadefRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(w(16, requestsFor(namespaceRefArb)), w(1, strayMetadefArb), w(1, metadefSchemaArb));

const stepOf = (requests: fc.Arbitrary<GeneratedRequest>): fc.Arbitrary<GeneratedStep> =>
  fc.tuple(callerArb, requests).map(([as, request]) => ({ as, ...request }));
const metadefStepArb = stepOf(metadefRequestArb);

// ------------------------------------------------------------------ stories and scenarios

/** The names of a namespace body's properties, objects, tags or resource type associations. */
function namesIn(body: Map<string, PyJson>, key: 'properties' | 'objects' | 'tags' | 'resource_type_associations'): string[] {
  const value = body.get(key);
  if (value instanceof Map) return [...value.keys()];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => (v instanceof Map && typeof v.get('name') === 'string' ? [v.get('name') as string] : []));
}

/**
 * What happens to a namespace's contents once it is made, on the names it
 * was made with (a step only when the body has such contents): its owner
 * changes a property or a tag and deletes a property, another project
 * tries to delete an object, a property or an association (a public
 * namespace's contents are read-only to them), someone lists the
 * namespaces of a resource type it is associated with or reads a schema
 * document; at the end (`last`) the owner empties it of objects,
 * properties or tags at once.
 */
function contentsStepsArb(ns: string, owner: Caller, body: Map<string, PyJson>, each = false): fc.Arbitrary<{ first: GeneratedStep[]; last: GeneratedStep[] }> {
  const other = fc.constantFrom<Caller>(CALLERS.bob, CALLERS.carol, CALLERS.alice);
  const path = pathNameArb(fc.constant(ns)).map(NS_PATH);
  const [properties, objects, tags, resourceTypes] = (['properties', 'objects', 'tags', 'resource_type_associations'] as const).map((key) => namesIn(body, key));
  const on = (names: readonly string[] | undefined, steps: (name: fc.Arbitrary<string>) => Array<fc.Arbitrary<GeneratedStep>>) =>
    (names && names.length > 0 ? steps(fc.constantFrom(...names)) : []);
  const firsts: Array<fc.Arbitrary<GeneratedStep>> = [
    ...on(properties, (name) => [
      fc.tuple(path, name, validDefinitionArb).map(([p, n, definition]) => ({
        as: owner, method: 'PUT', path: `${p}/properties/${segment(n)}`, json: new Map([['name', n] as [string, PyJson], ...(definition as Map<string, PyJson>)]),
      })),
      fc.tuple(path, pathNameArb(name)).map(([p, n]) => ({ as: owner, method: 'DELETE', path: `${p}/properties/${n}` })),
      fc.tuple(other, path, pathNameArb(name)).map(([as, p, n]) => ({ as, method: 'DELETE', path: `${p}/properties/${n}` })),
    ]),
    ...on(tags, (name) => [
      fc.tuple(path, name, pick(METADEF_TAGS)).map(([p, tag, n]) => ({ as: owner, method: 'PUT', path: `${p}/tags/${segment(tag)}`, json: new Map([['name', n]]) })),
      fc.tuple(fc.constantFrom<Caller>(owner, owner, CALLERS.bob), path, pathNameArb(name)).map(([as, p, n]) => ({ as, method: 'DELETE', path: `${p}/tags/${n}` })),
    ]),
    ...on(objects, (name) => [
      fc.tuple(path, name, fc.constantFrom<PyJson>('changed', '')).map(([p, n, description]) => ({
        as: owner, method: 'PUT', path: `${p}/objects/${segment(n)}`, json: new Map<string, PyJson>([['name', n], ['description', description]]),
      })),
      fc.tuple(other, path, pathNameArb(name)).map(([as, p, n]) => ({ as, method: 'DELETE', path: `${p}/objects/${n}` })),
    ]),
    ...on(resourceTypes, (name) => [
      fc.tuple(other, path, pathNameArb(name)).map(([as, p, rt]) => ({ as, method: 'DELETE', path: `${p}/resource_types/${rt}` })),
      fc.tuple(fc.constantFrom<Caller>(owner, CALLERS.bob), name).map(([as, rt]) => ({ as, method: 'GET', path: `/v2/metadefs/namespaces${queryOf([['resource_types', rt]])}` })),
    ]),
    fc.tuple(callerArb, metadefSchemaArb).map(([as, request]) => ({ as, ...request })),
    // A key that is no column of the table fails in paging (500), as in Glance.
    fc.tuple(fc.constantFrom('/v2/metadefs/namespaces', `${NS_PATH(segment(ns))}/tags`, `${NS_PATH(segment(ns))}/objects`), fc.constantFrom('bogus', 'name', 'created_at'))
      .map(([listing, key]) => ({ as: owner, method: 'GET', path: `${listing}${queryOf([['sort_key', key]])}` })),
  ];
  const last = fc.tuple(path, fc.constantFrom('objects', 'properties', 'tags')).map(([p, kind]): GeneratedStep => ({ as: owner, method: 'DELETE', path: `${p}/${kind}` }));
  // `each`: every kind of step at most once, most of them; else a few picked at random.
  const first = each ? fc.tuple(...firsts).chain((steps) => fc.shuffledSubarray(steps, { minLength: Math.min(4, steps.length) })) : fc.array(fc.oneof(...firsts), { maxLength: 3 });
  return fc.record({ first, last: fc.array(last, { maxLength: 2 }) });
}

/**
 * A namespace made with some of everything by its owner (alice or bob,
 * public or private, sometimes protected), then looked at and written to
 * by other callers (see contentsStepsArb), and now and then emptied.
 */
export const metadefStoryArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(pick(METADEF_NAMESPACES), fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.bob, CALLERS.admin))
  .chain(([name, owner]) => fc
    .record({
      body: validNamespaceArb(fc.constant(name)),
      visibility: fc.constantFrom('public', 'private'),
      protect: fc.oneof(w(3, fc.constant(false)), w(1, fc.constant(true))),
      // Mostly the owner goes on (its changes and deletes go through), sometimes anyone.
      next: fc.array(
        fc.tuple(fc.oneof(w(3, fc.constant<Caller | null>(owner)), w(2, callerArb)), requestsFor(fc.oneof(w(6, fc.constant(name)), w(1, namespaceRefArb))))
          .map(([as, request]): GeneratedStep => ({ as, ...request })),
        { minLength: 1, maxLength: 5 },
      ),
    })
    .chain(({ body, visibility, protect, next }) => contentsStepsArb(name, owner, body).map(({ first, last }) => {
      body.set('visibility', visibility).set('protected', protect);
      return [{ as: owner, method: 'POST', path: '/v2/metadefs/namespaces', json: body }, ...first, ...next, ...last];
    })));

/**
 * A public namespace with one of everything, made by alice or bob: other
 * projects try to delete each kind of content, the owner changes and
 * deletes them (see contentsStepsArb), so every write path of the catalog
 * is taken in most scenarios that hold this story.
 */
export const metadefContentsStoryArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(pick(METADEF_NAMESPACES), fc.constantFrom<Caller>(CALLERS.alice, CALLERS.bob))
  .chain(([name, owner]) => {
    const body = new Map<string, PyJson>([
      ['namespace', name], ['visibility', 'public'],
      ['resource_type_associations', [new Map([['name', RESOURCE_TYPES[0]], ['prefix', PREFIXES[0]]])]],
      ['properties', new Map([[PROPERTY_NAMES[0], new Map([['title', 'T'], ['type', 'string']])]])],
      ['objects', [new Map([['name', OBJECT_NAMES[0]]])]],
      ['tags', METADEF_TAGS.slice(0, 2).map((t) => new Map([['name', t]]))],
    ]);
    return contentsStepsArb(name, owner, body, true).map(({ first, last }): GeneratedStep[] => [
      { as: owner, method: 'POST', path: '/v2/metadefs/namespaces', json: body }, ...first, ...last,
    ]);
  });

/** Metadef policy rules a deployment may tighten. */
const METADEF_POLICY_OVERRIDES: ReadonlyArray<Record<string, string>> = [
  { get_metadef_namespace: 'role:admin' },
  { get_metadef_namespaces: '!' },
  { add_metadef_namespace: 'role:admin', modify_metadef_namespace: 'role:admin' },
  { add_metadef_object: '!', modify_metadef_object: 'role:admin' },
  { get_metadef_objects: '!', get_metadef_properties: '!' },
  { add_metadef_property: 'role:admin', get_metadef_property: 'role:admin' },
  { add_metadef_tag: '!', add_metadef_tags: '!', modify_metadef_tag: '!' },
  { get_metadef_tag: 'role:admin', get_metadef_tags: 'role:admin' },
  { list_metadef_resource_types: 'role:admin', add_metadef_resource_type_association: '!', get_metadef_resource_type: '!' },
];

/** A deployment for metadef scenarios: defaults, small pages, loaded definitions, a tightened rule. */
export const metadefConfigArb: fc.Arbitrary<ScenarioConfig> = fc
  .record({
    load_metadefs: fc.oneof(w(3, fc.constant(false)), w(1, fc.constant(true))),
    limit_param_default: sometimes(fc.constantFrom(2, 3), 3),
    api_limit_max: sometimes(fc.constantFrom(2, 4), 5),
    owner_is_tenant: fc.oneof(w(8, fc.constant(true)), w(1, fc.constant(false))),
    policy: sometimes(fc.constantFrom(...METADEF_POLICY_OVERRIDES), 4),
  })
  .map(({ load_metadefs, owner_is_tenant, ...rest }) => {
    const config: Record<string, unknown> = {};
    if (load_metadefs) config['load_metadefs'] = true;
    if (!owner_is_tenant) config['owner_is_tenant'] = false;
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) config[k] = v;
    return config as ScenarioConfig;
  });

/** Steps of a metadef scenario: a story or two, then single requests, at most 24. */
export const metadefStepsArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(
    fc.array(metadefStoryArb, { minLength: 1, maxLength: 2 }),
    fc.array(fc.oneof(w(8, metadefStepArb.map((s) => [s])), w(1, metadefStoryArb), w(1, metadefContentsStoryArb)), { minLength: 1, maxLength: 12 }),
  )
  .map(([stories, chunks]) => [...stories.flat(), ...chunks.flat()].slice(0, 24));

/** A whole scenario about the catalog (the faithfulness and equivalence soaks of metadefs run these). */
export const metadefScenarioArb: fc.Arbitrary<GeneratedHttpScenario> = fc
  .record({ config: metadefConfigArb, steps: metadefStepsArb })
  .map(({ config, steps }) => ({ format: 'peel-scenario/2' as const, name: 'generated metadefs', config, steps }));

/** What the general scenario generator weaves in: one metadef request, or a short story. */
export const metadefChunkArb: fc.Arbitrary<GeneratedStep[]> = fc.oneof(w(4, metadefStepArb.map((s) => [s])), w(1, metadefStoryArb));

/** Now and then a general scenario starts with Glance's loaded definitions. */
export function withLoadedMetadefs(config: ScenarioConfig, load: boolean): ScenarioConfig {
  return load ? ({ ...config, load_metadefs: true } as ScenarioConfig) : config;
}
