/**
 * The catalog's part of the HTTP front: one handler per metadef action of
 * the routing table (src/domain/http/routes.ts), each reading its request,
 * running its use case and writing the answer as Glance's metadef
 * serializers write it (JSON with ensure_ascii=False; 201 with a Location
 * for a new namespace; a bare 204 for deletes).
 * @see glance/api/v2/metadef_*.py ResponseSerializer
 */
import { pyJsonDumpsValue } from '../../lib/pyjson.js';
import { Response, type Request } from '../../lib/webob/index.js';
import { tojson } from '../../lib/wsme.js';
import { catalogContextFailure } from '../compat/http-front.js';
import { nextLink } from '../compat/metadef-answers.js';
import type { Call } from '../http/handlers.js';
import type { Ctx } from '../context.js';
import { catalogOf, type Catalog } from './catalog.js';
import {
  createNamespace, deleteNamespace, emptyNamespace, listNamespaces, showNamespace, updateNamespace, type NamespacePage,
} from './namespaces.js';
import { createObject, deleteObject, listObjects, showObject, updateObject } from './objects.js';
import { createProperty, deleteProperty, listProperties, showProperty, updateProperty } from './properties.js';
import {
  checkObjectIndex, checkTagName, parseAssociation, parseNamespace, parseNamespaceIndex, parseNamespaceShow, parseObjectCreate,
  parseObjectUpdate, parseProperty, parseTagIndex, parseTags, parseTagUpdate,
} from './requests.js';
import { associate, dissociate, listAssociations, listResourceTypes } from './resource-types.js';
import { createTag, deleteTag, listTags, renameTag, replaceTags, showTag } from './tags.js';
import { MetadefObject, MetadefTag, Namespace, PropertyType, ResourceType, ResourceTypeAssociation } from './types.js';
import { jsonList, jsonProperties, namespaceHref, SCHEMA_LINKS } from './views.js';

export const METADEF_ACTIONS = [
  'metadef_resource_types.index', 'metadef_resource_types.show', 'metadef_resource_types.create', 'metadef_resource_types.delete',
  'metadef_namespaces.index', 'metadef_namespaces.create', 'metadef_namespaces.show', 'metadef_namespaces.update', 'metadef_namespaces.delete',
  'metadef_namespaces.delete_objects', 'metadef_namespaces.delete_properties', 'metadef_namespaces.delete_tags',
  'metadef_properties.index', 'metadef_properties.create', 'metadef_properties.show', 'metadef_properties.update', 'metadef_properties.delete',
  'metadef_objects.index', 'metadef_objects.create', 'metadef_objects.show', 'metadef_objects.update', 'metadef_objects.delete',
  'metadef_tags.index', 'metadef_tags.create_tags', 'metadef_tags.show', 'metadef_tags.create', 'metadef_tags.update', 'metadef_tags.delete',
] as const;

export type MetadefAction = (typeof METADEF_ACTIONS)[number];

/** A metadef answer: `jsonutils.dumps(view, ensure_ascii=False)` as JSON text. */
function json(view: unknown, status = 200): Response {
  const response = new Response();
  response.text = pyJsonDumpsValue(view, { ensureAscii: false });
  response.content_type = 'application/json';
  response.status_int = status;
  return response;
}

/** A serializer that only sets the status keeps webob's default Content-Type. */
function noContent(): Response {
  const response = new Response();
  response.status_int = 204;
  return response;
}

/** The caller's catalog; an unusable context fails as the controller's try makes it (compat/http-front.ts catalogContextFailure). */
function catalog(call: Call): Catalog {
  let ctx: Ctx;
  try {
    ctx = call.ctx();
  } catch (e) {
    throw catalogContextFailure(call.route.action, e);
  }
  return catalogOf(ctx);
}
const v = (call: Call, name: string): string => call.vars[name] as string;
const ns = (call: Call): string => v(call, 'namespace');

/** Python's `urllib.parse.urlencode` over str values (quote_plus, UTF-8). */
function urlencode(params: ReadonlyMap<string, string>): string {
  const quotePlus = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
  return [...params].map(([k, x]) => `${quotePlus(k)}=${quotePlus(x)}`).join('&');
}

/**
 * The namespace page with `first` (the request's query without marker)
 * and `next` (the same with the next marker); `dict(request.params)` keeps
 * a repeated key's first place and last value.
 */
function namespacePage(req: Request, page: NamespacePage): Map<string, unknown> {
  const params = new Map<string, string>();
  for (const [k, x] of req.params.items()) params.set(k, x);
  params.delete('marker');
  const query = urlencode(params);
  const body = new Map<string, unknown>([['namespaces', jsonList(Namespace, page.namespaces)]]);
  if (page.next !== null) {
    if (page.next) params.set('marker', page.next);
    body.set('next', nextLink(page.next, () => `/v2/metadefs/namespaces?${urlencode(params)}`));
  }
  body.set('schema', SCHEMA_LINKS.namespaces);
  body.set('first', query ? `/v2/metadefs/namespaces?${query}` : '/v2/metadefs/namespaces');
  return body;
}

function createNamespaceAnswer(call: Call): Response {
  const body = parseNamespace(call.req);
  const created = createNamespace(catalog(call), body);
  const response = json(tojson(Namespace, created), 201);
  response.location = namespaceHref(created.getattr('namespace'));
  return response;
}

export const METADEF_HANDLERS: Readonly<Record<MetadefAction, (call: Call) => Response>> = {
  'metadef_resource_types.index': (call) => json(new Map([['resource_types', jsonList(ResourceType, listResourceTypes(catalog(call)))]])),
  'metadef_resource_types.show': (call) => json(new Map([['resource_type_associations', jsonList(ResourceTypeAssociation, listAssociations(catalog(call), ns(call)))]])),
  'metadef_resource_types.create': (call) => {
    const body = parseAssociation(call.req);
    return json(tojson(ResourceTypeAssociation, associate(catalog(call), ns(call), body)), 201);
  },
  'metadef_resource_types.delete': (call) => (dissociate(catalog(call), ns(call), v(call, 'resource_type')), noContent()),

  'metadef_namespaces.index': (call) => {
    const query = parseNamespaceIndex(call.req, call.world.settings);
    return json(namespacePage(call.req, listNamespaces(catalog(call), query)));
  },
  'metadef_namespaces.create': createNamespaceAnswer,
  'metadef_namespaces.show': (call) => {
    const filters = parseNamespaceShow(call.req);
    return json(tojson(Namespace, showNamespace(catalog(call), ns(call), filters)));
  },
  'metadef_namespaces.update': (call) => {
    const body = parseNamespace(call.req);
    return json(tojson(Namespace, updateNamespace(catalog(call), ns(call), body)));
  },
  'metadef_namespaces.delete': (call) => (deleteNamespace(catalog(call), ns(call)), noContent()),
  'metadef_namespaces.delete_objects': (call) => (emptyNamespace(catalog(call), ns(call), 'objects'), noContent()),
  'metadef_namespaces.delete_properties': (call) => (emptyNamespace(catalog(call), ns(call), 'properties'), noContent()),
  'metadef_namespaces.delete_tags': (call) => (emptyNamespace(catalog(call), ns(call), 'tags'), noContent()),

  'metadef_properties.index': (call) => json(new Map([['properties', jsonProperties(listProperties(catalog(call), ns(call)))]])),
  'metadef_properties.create': (call) => {
    const body = parseProperty(call.req);
    return json(tojson(PropertyType, createProperty(catalog(call), ns(call), body)), 201);
  },
  'metadef_properties.show': (call) => {
    const filters = call.req.params.copy();
    return json(tojson(PropertyType, showProperty(catalog(call), ns(call), v(call, 'property_name'), filters)));
  },
  'metadef_properties.update': (call) => {
    const body = parseProperty(call.req);
    return json(tojson(PropertyType, updateProperty(catalog(call), ns(call), v(call, 'property_name'), body)));
  },
  'metadef_properties.delete': (call) => (deleteProperty(catalog(call), ns(call), v(call, 'property_name')), noContent()),

  'metadef_objects.index': (call) => {
    checkObjectIndex(call.req);
    return json(new Map<string, unknown>([['objects', jsonList(MetadefObject, listObjects(catalog(call), ns(call)))], ['schema', SCHEMA_LINKS.objects]]));
  },
  'metadef_objects.create': (call) => {
    const body = parseObjectCreate(call.req);
    return json(tojson(MetadefObject, createObject(catalog(call), ns(call), body)), 201);
  },
  'metadef_objects.show': (call) => json(tojson(MetadefObject, showObject(catalog(call), ns(call), v(call, 'object_name')))),
  'metadef_objects.update': (call) => {
    const body = parseObjectUpdate(call.req);
    return json(tojson(MetadefObject, updateObject(catalog(call), ns(call), v(call, 'object_name'), body)));
  },
  'metadef_objects.delete': (call) => (deleteObject(catalog(call), ns(call), v(call, 'object_name')), noContent()),

  'metadef_tags.index': (call) => {
    const query = parseTagIndex(call.req);
    return json(new Map([['tags', jsonList(MetadefTag, listTags(catalog(call), ns(call), query))]]));
  },
  'metadef_tags.create_tags': (call) => {
    const body = parseTags(call.req);
    return json(new Map([['tags', jsonList(MetadefTag, replaceTags(catalog(call), ns(call), body))]]), 201);
  },
  'metadef_tags.show': (call) => json(tojson(MetadefTag, showTag(catalog(call), ns(call), v(call, 'tag_name')))),
  'metadef_tags.create': (call) => {
    checkTagName(v(call, 'tag_name'));
    return json(tojson(MetadefTag, createTag(catalog(call), ns(call), v(call, 'tag_name'))), 201);
  },
  'metadef_tags.update': (call) => {
    const body = parseTagUpdate(call.req);
    return json(tojson(MetadefTag, renameTag(catalog(call), ns(call), v(call, 'tag_name'), body)));
  },
  'metadef_tags.delete': (call) => (deleteTag(catalog(call), ns(call), v(call, 'tag_name')), noContent()),
};
