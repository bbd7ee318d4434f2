/**
 * The metadata definitions catalog's namespaces: listed (paged, with their
 * resource type associations), created with everything in them, shown with
 * their objects, associations, properties and tags (prefixed for a
 * resource type on request), replaced by PUT, deleted, and emptied of
 * their objects, properties or tags. Bodies are checked against the
 * namespace schema, then read with WSME; answers are written with WSME.
 *
 * @see glance/api/v2/metadef_namespaces.py
 */
import { Unset, fromjson as fromjsonValue, tojson, type ComplexType } from '../../../lib/wsme.js';
import { pyInt10 } from '../../../lib/webob/compat.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { AttributeError, ValueError } from '../../../lib/python.js';
import { _get_value } from '../../common/wsme-utils.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { Duplicate, Forbidden, Invalid, InvalidObject, NotFound } from '../../exception.js';
import { Gateway } from '../../gateway.js';
import { filterGet, type Filters } from '../../db/metadef-api/utils.js';
import { setExtraAttr, type MetadefNamespaceLike, type MetadefNamespaceRepoLike } from '../../proxy.js';
import { CollectionSchema, Schema } from '../../schema.js';
import type { Settings } from '../../../shared/settings.js';
import { HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPInternalServerError, HTTPNotFound } from '../../webob.js';
import { assertMutating, contextOf, exceptionText, urlencode, type ControllerDeps, type ControllerRequest } from './images.js';
import { writeJson, type SerializerResponse } from './images-response.js';
import { MetadefObject } from './model/metadef-object.js';
import { Namespace, Namespaces } from './model/metadef-namespace.js';
import { PropertyType } from './model/metadef-property-type.js';
import { ResourceTypeAssociation } from './model/metadef-resource-type.js';
import { MetadefTag } from './model/metadef-tag.js';

// ------------------------------------------------------------ shared by the metadef resources

/** A webob HTTP error for a Glance exception, by Glance's `except` clauses in order; undefined when none applies. */
export type ErrorMapping = ReadonlyArray<readonly [abstract new (...args: never[]) => unknown, (e: { msg: string }) => unknown]>;

/** Runs `fn`; maps what escapes through `mapping`, anything else to a bare 500. */
export function guarded<T>(mapping: ErrorMapping, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    for (const [cls, make] of mapping) if (e instanceof cls) throw make(e as { msg: string });
    if (process.env.PEEL_DEBUG) process.stderr.write(`metadef controller: ${e instanceof Error ? e.stack : String(e)}\n`);
    throw new HTTPInternalServerError();
  }
}

export const forbidden = (e: { msg: string }): HTTPForbidden => new HTTPForbidden({ explanation: e.msg });
export const notFound = (e: { msg: string }): HTTPNotFound => new HTTPNotFound({ explanation: e.msg });
export const conflict = (e: { msg: string }): HTTPConflict => new HTTPConflict({ explanation: e.msg });

/** `Couldn't <what>: <str(e)>` as a 400. */
export function invalidAs(what: string): (e: { msg: string }) => HTTPBadRequest {
  return (e) => new HTTPBadRequest({ explanation: `Couldn't ${what}: ${exceptionText(e)}` });
}

/** `output = super().default(request)`; no body is a 400. */
export function _get_request_body(deserializer: JSONRequestDeserializer, request: Request): unknown {
  const output = JSONRequestDeserializer.prototype.default.call(deserializer, request);
  if (!('body' in output)) throw new HTTPBadRequest({ explanation: 'Body expected in request.' });
  return output['body'];
}

/** `key in body` for a parsed JSON body (a dict, a list, ...). */
export function pyIn(key: string, body: unknown): boolean {
  if (body instanceof Map) return body.has(key);
  if (Array.isArray(body)) return body.includes(key);
  if (typeof body === 'string') return body.includes(key);
  return false;
}

/** `_check_allowed`: a read-only attribute in the body is a 403. */
export function _check_allowed(disallowed: readonly string[], body: unknown): void {
  for (const key of disallowed) {
    if (pyIn(key, body)) throw new HTTPForbidden({ explanation: `Attribute '${key}' is read-only.` });
  }
}

/** `self.schema.validate(body)`; InvalidObject is a 400. */
export function validateBody(schema: Schema, body: unknown): void {
  try {
    schema.validate(body);
  } catch (e) {
    if (e instanceof InvalidObject) throw new HTTPBadRequest({ explanation: e.msg });
    throw e;
  }
}

/** `_validate_sort_dir` */
export function _validate_sort_dir(sort_dir: string): string {
  if (sort_dir !== 'asc' && sort_dir !== 'desc') throw new HTTPBadRequest({ explanation: `Invalid sort direction: ${sort_dir}` });
  return sort_dir;
}

/** `_get_filters`: only `visibility` is checked, against the values given. */
export function _get_filters(filters: MultiDict<string>, allowed: readonly string[]): MultiDict<string> {
  const visibility = filters.get('visibility');
  if (visibility && !allowed.includes(visibility)) throw new HTTPBadRequest({ explanation: `Invalid visibility value: ${visibility}` });
  return filters;
}

/** `int(limit)` where `limit` may already be an int (the default). */
export function pyIntOf(limit: unknown): number | bigint {
  if (typeof limit === 'number' || typeof limit === 'bigint') return limit;
  const n = pyInt10(String(limit));
  return Number.isSafeInteger(Number(n)) ? Number(n) : n;
}

/** `_validate_limit`: an int, at least `min`. */
export function _validate_limit(limit: unknown, positiveOnly: boolean): number | bigint {
  let n: number | bigint;
  try {
    n = pyIntOf(limit);
  } catch (e) {
    if (e instanceof ValueError) throw new HTTPBadRequest({ explanation: 'limit param must be an integer' });
    throw e;
  }
  if (positiveOnly ? n <= 0 : n < 0) throw new HTTPBadRequest({ explanation: 'limit param must be positive' });
  return n;
}

/** `response.unicode_body = jsonutils.dumps(json, ensure_ascii=False)`, as JSON, with a status if given. */
export function render(response: SerializerResponse, json_data: unknown, response_status: number | null = null): void {
  writeJson(response, json_data);
  if (response_status !== null) response.status_int = response_status;
}

// ------------------------------------------------------------ hrefs

/** @see glance/api/v2/metadef_namespaces.py get_namespace_href */
export function get_namespace_href(namespace: { namespace: unknown }): string {
  return `/v2/metadefs/namespaces/${String(namespace.namespace)}`;
}

/** @see glance/api/v2/metadef_namespaces.py get_object_href */
export function get_object_href(namespace_name: unknown, metadef_object: { name: unknown }): string {
  return `/v2/metadefs/namespaces/${String(namespace_name)}/objects/${String(metadef_object.name)}`;
}

/** @see glance/api/v2/metadef_namespaces.py get_tag_href */
export function get_tag_href(namespace_name: unknown, metadef_tag: { name: unknown }): string {
  return `/v2/metadefs/namespaces/${String(namespace_name)}/tags/${String(metadef_tag.name)}`;
}

// ------------------------------------------------------------ controller

export interface NamespaceIndexArgs {
  marker?: unknown;
  limit?: number | bigint | null;
  sort_key?: string;
  sort_dir?: string;
  filters?: unknown;
}

/**
 * The namespaces resource.
 *
 * @see glance/api/v2/metadef_namespaces.py NamespaceController
 */
export class NamespaceController {
  readonly gateway: Gateway;
  readonly ns_schema_link = '/v2/schemas/metadefs/namespace';
  readonly obj_schema_link = '/v2/schemas/metadefs/object';
  readonly tag_schema_link = '/v2/schemas/metadefs/tag';

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
  }

  /** @see glance/api/v2/metadef_namespaces.py NamespaceController.index */
  index(req: ControllerRequest, args: NamespaceIndexArgs = {}): Namespaces {
    const limit = args.limit ?? null;
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const ns_repo = this.gateway.get_metadef_namespace_repo(req.context);
      let marker: unknown = args.marker ?? null;
      if (truthy(marker)) marker = ns_repo.get(marker).namespace_id;
      const database_ns_list = ns_repo.list({
        marker, limit: limit === null ? null : Number(limit), sort_key: args.sort_key ?? 'created_at',
        sort_dir: args.sort_dir ?? 'desc', filters: args.filters ?? null,
      });
      for (const db_namespace of database_ns_list) {
        const filters = new Map<string, unknown>([['namespace', db_namespace.namespace]]);
        const rs_repo = this.gateway.get_metadef_resource_type_repo(req.context);
        const resource_type_list = rs_repo.list({ filters }).map((rt) => ResourceTypeAssociation.to_wsme_model(rt));
        if (resource_type_list.length > 0) setExtraAttr(db_namespace, 'resource_type_associations', resource_type_list);
      }
      const namespace_list = database_ns_list.map((ns) => Namespace.to_wsme_model(ns, get_namespace_href(ns), this.ns_schema_link));
      const namespaces = new Namespaces();
      namespaces.namespaces = namespace_list;
      const last = namespace_list[namespace_list.length - 1];
      if (namespace_list.length !== 0 && limit !== null && BigInt(namespace_list.length) === BigInt(limit) && last !== undefined) {
        namespaces.next = last.namespace as string;
      }
      return namespaces;
    });
  }

  /**
   * Creates the namespace, then its resource type associations, objects,
   * tags and properties. NOTE(quirk): a failure after the namespace was
   * made deletes it again (sending metadef_namespace.delete), except an
   * Invalid one or an unexpected one, which leave it; a protected
   * namespace cannot be cleaned up and stays.
   *
   * @see glance/api/v2/metadef_namespaces.py NamespaceController.create
   */
  create(req: ControllerRequest, namespace: Namespace): Namespace {
    assertMutating(req);
    let namespace_created = false;
    const ns_factory = this.gateway.get_metadef_namespace_factory(req.context);
    const ns_repo = this.gateway.get_metadef_namespace_repo(req.context);
    const cleanup = (make: (e: { msg: string }) => unknown) => (e: { msg: string }) => {
      this._cleanup_namespace(ns_repo, namespace, namespace_created);
      return make(e);
    };
    const new_namespace: MetadefNamespaceLike = guarded(
      [[Invalid, invalidAs('create metadata namespace')], [Forbidden, cleanup(forbidden)], [NotFound, cleanup(notFound)], [Duplicate, cleanup(conflict)]],
      () => {
        const created = ns_factory.new_namespace(namespace.to_dict());
        ns_repo.add(created);
        namespace_created = true;
        this._create_contents(req, namespace);
        return created;
      },
    );
    // Return the user namespace as we don't expose the id to user
    setExtraAttr(new_namespace, 'properties', namespace.properties);
    setExtraAttr(new_namespace, 'objects', namespace.objects);
    setExtraAttr(new_namespace, 'resource_type_associations', namespace.resource_type_associations);
    setExtraAttr(new_namespace, 'tags', namespace.tags);
    return Namespace.to_wsme_model(new_namespace, get_namespace_href(new_namespace), this.ns_schema_link);
  }

  /** The part of `create` after the namespace: resource types, objects, tags, properties. */
  private _create_contents(req: ControllerRequest, namespace: Namespace): void {
    const name = namespace.namespace;
    if (truthy(namespace.resource_type_associations)) {
      const rs_factory = this.gateway.get_metadef_resource_type_factory(req.context);
      const rs_repo = this.gateway.get_metadef_resource_type_repo(req.context);
      for (const resource_type of namespace.resource_type_associations as ResourceTypeAssociation[]) {
        rs_repo.add(rs_factory.new_resource_type(withNamespace(name, resource_type.to_dict())));
      }
    }
    if (truthy(namespace.objects)) {
      const object_factory = this.gateway.get_metadef_object_factory(req.context);
      const object_repo = this.gateway.get_metadef_object_repo(req.context);
      for (const metadata_object of namespace.objects as MetadefObject[]) {
        object_repo.add(object_factory.new_object(withNamespace(name, metadata_object.to_dict())));
      }
    }
    if (truthy(namespace.tags)) {
      const tag_factory = this.gateway.get_metadef_tag_factory(req.context);
      const tag_repo = this.gateway.get_metadef_tag_repo(req.context);
      for (const metadata_tag of namespace.tags as MetadefTag[]) tag_repo.add(tag_factory.new_tag(withNamespace(name, metadata_tag.to_dict())));
    }
    if (truthy(namespace.properties)) {
      const prop_factory = this.gateway.get_metadef_property_factory(req.context);
      const prop_repo = this.gateway.get_metadef_property_repo(req.context);
      for (const [prop_name, value] of namespace.properties as Map<string, PropertyType>) {
        prop_repo.add(prop_factory.new_namespace_property(withNamespace(name, this._to_property_dict(prop_name, value))));
      }
    }
  }

  /** Convert the model PropertyTypes dict to a JSON string (`_to_property_dict`). */
  _to_property_dict(name: string, value: PropertyType): Record<string, unknown> {
    return { schema: tojson(PropertyType, value), name };
  }

  /** `_cleanup_namespace`: deletes the namespace just made; any failure is only logged. */
  _cleanup_namespace(namespace_repo: MetadefNamespaceRepoLike, namespace: Namespace, namespace_created: boolean): void {
    if (!namespace_created) return;
    try {
      const namespace_obj = namespace_repo.get(namespace.namespace);
      namespace_obj.delete();
      namespace_repo.remove(namespace_obj);
    } catch {
      // Glance logs "Failed to delete namespace ..." and goes on.
    }
  }

  /**
   * NOTE(quirk): any query parameter but `resource_type` (or an empty one)
   * makes `filters['resource_type']` raise KeyError: a 500.
   *
   * @see glance/api/v2/metadef_namespaces.py NamespaceController.show
   */
  show(req: ControllerRequest, namespace: string, filters: MultiDict<string> | Map<string, unknown> | null = null): Namespace {
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const ns_repo = this.gateway.get_metadef_namespace_repo(req.context);
      const namespace_obj = ns_repo.get(namespace);
      let namespace_detail = Namespace.to_wsme_model(namespace_obj, get_namespace_href(namespace_obj), this.ns_schema_link);
      const ns_filters = new Map<string, unknown>([['namespace', namespace]]);

      const object_repo = this.gateway.get_metadef_object_repo(req.context);
      const object_list = object_repo
        .list({ filters: ns_filters })
        .map((o) => MetadefObject.to_wsme_model(o, get_object_href(namespace, o), this.obj_schema_link));
      if (object_list.length > 0) namespace_detail.objects = object_list;

      const rs_repo = this.gateway.get_metadef_resource_type_repo(req.context);
      const resource_type_list = rs_repo.list({ filters: ns_filters }).map((rt) => ResourceTypeAssociation.to_wsme_model(rt));
      if (resource_type_list.length > 0) namespace_detail.resource_type_associations = resource_type_list;

      const prop_repo = this.gateway.get_metadef_property_repo(req.context);
      const property_list = Namespace.to_model_properties(
        prop_repo.list({ filters: ns_filters }) as Array<{ name: unknown; schema: unknown }>,
      );
      if (property_list.size > 0) namespace_detail.properties = property_list;

      if (filtersTruthy(filters) && truthy(filterGet(filters as Filters, 'resource_type'))) {
        namespace_detail = this._prefix_property_name(namespace_detail, filterGet(filters as Filters, 'resource_type'));
      }

      const tag_repo = this.gateway.get_metadef_tag_repo(req.context);
      const tag_list = tag_repo.list({ filters: ns_filters }).map((t) => new MetadefTag({ name: t.name }));
      if (tag_list.length > 0) namespace_detail.tags = tag_list;
      return namespace_detail;
    });
  }

  /**
   * A PUT replaces the namespace's attributes: one left out becomes None
   * (visibility 'private', protected False, owner the caller's).
   * NOTE(quirk): the answer shows the updated_at read before the save.
   *
   * @see glance/api/v2/metadef_namespaces.py NamespaceController.update
   */
  update(req: ControllerRequest, user_ns: Namespace, namespace: string): Namespace {
    const namespace_repo = this.gateway.get_metadef_namespace_repo(req.context);
    const updated_namespace = guarded(
      [[Invalid, invalidAs('update metadata namespace')], [Forbidden, forbidden], [NotFound, notFound], [Duplicate, conflict]],
      () => {
        const ns_obj = namespace_repo.get(namespace);
        setExtraAttr(ns_obj, '_old_namespace', ns_obj.namespace);
        ns_obj.namespace = _get_value(user_ns.namespace);
        ns_obj.display_name = _get_value(user_ns.display_name);
        ns_obj.description = _get_value(user_ns.description);
        ns_obj.visibility = or(_get_value(user_ns.visibility), 'private');
        ns_obj.protected = or(_get_value(user_ns.protected), false);
        ns_obj.owner = or(_get_value(user_ns.owner), req.context.owner);
        return namespace_repo.save(ns_obj) as MetadefNamespaceLike;
      },
    );
    return Namespace.to_wsme_model(updated_namespace, get_namespace_href(updated_namespace), this.ns_schema_link);
  }

  /** @see glance/api/v2/metadef_namespaces.py NamespaceController.delete */
  delete(req: ControllerRequest, namespace: string): void {
    const namespace_repo = this.gateway.get_metadef_namespace_repo(req.context);
    guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const namespace_obj = namespace_repo.get(namespace);
      namespace_obj.delete();
      namespace_repo.remove(namespace_obj);
    });
  }

  /**
   * NOTE(quirk): emptying a protected namespace is refused as deleting it
   * would be ("Metadata definition namespace ... cannot be deleted.").
   *
   * @see glance/api/v2/metadef_namespaces.py NamespaceController.delete_objects
   */
  delete_objects(req: ControllerRequest, namespace: string): void {
    this.emptyNamespace(req, namespace, (repo, ns) => repo.remove_objects(ns));
  }

  /** @see glance/api/v2/metadef_namespaces.py NamespaceController.delete_tags */
  delete_tags(req: ControllerRequest, namespace: string): void {
    this.emptyNamespace(req, namespace, (repo, ns) => repo.remove_tags(ns));
  }

  /** @see glance/api/v2/metadef_namespaces.py NamespaceController.delete_properties */
  delete_properties(req: ControllerRequest, namespace: string): void {
    this.emptyNamespace(req, namespace, (repo, ns) => repo.remove_properties(ns));
  }

  private emptyNamespace(req: ControllerRequest, namespace: string, remove: (repo: MetadefNamespaceRepoLike, ns: MetadefNamespaceLike) => unknown): void {
    const ns_repo = this.gateway.get_metadef_namespace_repo(req.context);
    guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const namespace_obj = ns_repo.get(namespace);
      namespace_obj.delete();
      remove(ns_repo, namespace_obj);
    });
  }

  /**
   * Prefixes property names (the namespace's and its objects', and the
   * objects' required lists) with the prefix of the named resource type
   * association, if the namespace has it.
   *
   * @see glance/api/v2/metadef_namespaces.py NamespaceController._prefix_property_name
   */
  _prefix_property_name(namespace_detail: Namespace, user_resource_type: unknown): Namespace {
    let prefix: unknown = null;
    if (truthy(user_resource_type) && truthy(namespace_detail.resource_type_associations)) {
      for (const resource_type of namespace_detail.resource_type_associations as ResourceTypeAssociation[]) {
        if (resource_type.name === user_resource_type) {
          prefix = resource_type.prefix;
          break;
        }
      }
    }
    if (!truthy(prefix)) return namespace_detail;
    const p = prefix as string;
    if (truthy(namespace_detail.properties)) {
      const renamed = new Map<string, PropertyType>();
      for (const [key, value] of namespace_detail.properties as Map<string, PropertyType>) renamed.set(p + key, value);
      namespace_detail.properties = renamed;
    }
    if (truthy(namespace_detail.objects)) {
      for (const object of namespace_detail.objects as MetadefObject[]) {
        const renamed = new Map<string, PropertyType>();
        for (const [key, value] of itemsOf(object.properties)) renamed.set(p + key, value);
        object.properties = renamed;
        const required = object.required;
        if (truthy(required) && (required as string[]).length > 0) object.required = (required as string[]).map((name) => p + name);
      }
    }
    return namespace_detail;
  }
}

/** `if filters:` for a filters dict or query MultiDict. */
export function filtersTruthy(filters: MultiDict<string> | Map<string, unknown> | null | undefined): boolean {
  if (filters === null || filters === undefined) return false;
  return filters instanceof Map ? filters.size > 0 : filters.len() > 0;
}

/** Python truthiness of the values these controllers test (Unset and empty collections are false). */
export function truthy(v: unknown): boolean {
  if (v === Unset || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}

/** `a or b` */
function or(a: unknown, b: unknown): unknown {
  return truthy(a) ? a : b;
}

/** `f(namespace=name, **d)` */
function withNamespace(name: unknown, d: Record<string, unknown>): Record<string, unknown> {
  return { namespace: name, ...d };
}

/** `d.items()` of an object's properties (AttributeError when it has none). */
function itemsOf(value: unknown): Array<[string, PropertyType]> {
  if (value instanceof Map) return [...(value as Map<string, PropertyType>)];
  throw new AttributeError(`'${value === Unset ? 'UnsetType' : 'NoneType'}' object has no attribute 'items'`);
}

// ------------------------------------------------------------ deserializer

/** The default page size and cap the namespace listing reads from CONF. */
export type NamespaceDeserializerSettings = Pick<Settings, 'limit_param_default' | 'api_limit_max'>;

/** @see glance/api/v2/metadef_namespaces.py RequestDeserializer */
export class RequestDeserializer extends JSONRequestDeserializer {
  static readonly _disallowed_properties = ['self', 'schema', 'created_at', 'updated_at'] as const;
  readonly schema: Schema;

  constructor(private readonly settings: NamespaceDeserializerSettings, schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema();
  }

  /**
   * NOTE(quirk): glance/api/v2/metadef_namespaces.py calls `int(limit)`
   * before validating it, so a limit that is not an integer escapes as
   * ValueError (a 500) instead of the 400 _validate_limit would give.
   */
  index(request: Request): Kwargs {
    const params = request.params.copy();
    let limit: unknown = params.pop('limit', null as unknown as string);
    const marker = params.pop('marker', null as unknown as string);
    const sort_dir = params.pop('sort_dir', 'desc');
    // NOTE(quirk): glance/api/v2/metadef_namespaces.py reads CONF.limit_param_default and api_limit_max here.
    if (limit === null) limit = this.settings.limit_param_default;
    const n = pyIntOf(limit);
    limit = n < this.settings.api_limit_max ? n : this.settings.api_limit_max;
    const query_params: Kwargs = {
      sort_key: params.pop('sort_key', 'created_at'),
      sort_dir: _validate_sort_dir(sort_dir),
      filters: _get_filters(params, ['public', 'private']),
    };
    if (marker !== null) query_params['marker'] = marker;
    query_params['limit'] = _validate_limit(limit, false);
    return query_params;
  }

  show(request: Request): Kwargs {
    return { filters: _get_filters(request.params.copy(), ['public', 'private']) };
  }

  create(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    validateBody(this.schema, body);
    return { namespace: fromjsonNamespace(body) };
  }

  update(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    validateBody(this.schema, body);
    return { user_ns: fromjsonNamespace(body) };
  }
}

function fromjsonNamespace(body: unknown): Namespace {
  return fromjsonAs(Namespace, body);
}

/** `json.fromjson(Model, body)` typed as the model. */
export function fromjsonAs<T>(model: ComplexType & { new (kw?: Record<string, unknown>): T }, body: unknown): T {
  return fromjsonValue(model, body) as T;
}

// ------------------------------------------------------------ serializer

/** @see glance/api/v2/metadef_namespaces.py ResponseSerializer */
export class ResponseSerializer extends JSONResponseSerializer {
  constructor(readonly schema: Schema | null = null) {
    super();
  }

  create(response: SerializerResponse, namespace: Namespace): void {
    render(response, tojson(Namespace, namespace), 201);
    response.location = get_namespace_href(namespace);
  }

  show(response: SerializerResponse, namespace: Namespace): void {
    render(response, tojson(Namespace, namespace));
  }

  /** The page, with `first` (the query without marker) and `next` (the same with the next marker). */
  index(response: SerializerResponse, result: Namespaces): void {
    const params = new Map<string, string>();
    for (const [k, v] of (response.request as Request).params.items()) params.set(k, v);
    params.delete('marker');
    const query = urlencode(params);
    result.first = '/v2/metadefs/namespaces';
    result.schema = '/v2/schemas/metadefs/namespaces';
    if (query) result.first = `${result.first}?${query}`;
    if (truthy(result.next)) {
      params.set('marker', result.next as string);
      result.next = `/v2/metadefs/namespaces?${urlencode(params)}`;
    }
    render(response, tojson(Namespaces, result));
  }

  update(response: SerializerResponse, namespace: Namespace): void {
    render(response, tojson(Namespace, namespace), 200);
  }

  delete(response: SerializerResponse): void {
    response.status_int = 204;
  }

  delete_objects(response: SerializerResponse): void {
    response.status_int = 204;
  }

  delete_properties(response: SerializerResponse): void {
    response.status_int = 204;
  }

  delete_tags(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

// ------------------------------------------------------------ schemas

/** The definitions the namespace and object schemas share (`get_schema_definitions`). */
export function get_schema_definitions(): Record<string, unknown> {
  const typeEnum = ['array', 'boolean', 'integer', 'number', 'object', 'string', null];
  return {
    positiveInteger: { type: 'integer', minimum: 0 },
    positiveIntegerDefault0: { allOf: [{ $ref: '#/definitions/positiveInteger' }, { default: 0 }] },
    stringArray: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    property: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['title', 'type'],
        properties: {
          name: { type: 'string', maxLength: 80 },
          title: { type: 'string' },
          description: { type: 'string' },
          operators: { type: 'array', items: { type: 'string' } },
          type: { type: 'string', enum: typeEnum },
          required: { $ref: '#/definitions/stringArray' },
          minimum: { type: 'number' },
          maximum: { type: 'number' },
          maxLength: { $ref: '#/definitions/positiveInteger' },
          minLength: { $ref: '#/definitions/positiveIntegerDefault0' },
          pattern: { type: 'string', format: 'regex' },
          enum: { type: 'array' },
          readonly: { type: 'boolean' },
          default: {},
          items: {
            type: 'object',
            properties: {
              type: { type: 'string', enum: [...typeEnum] },
              enum: { type: 'array' },
            },
          },
          maxItems: { $ref: '#/definitions/positiveInteger' },
          minItems: { $ref: '#/definitions/positiveIntegerDefault0' },
          uniqueItems: { type: 'boolean', default: false },
          additionalItems: { type: 'boolean' },
        },
      },
    },
  };
}

function _get_base_properties(): Record<string, unknown> {
  return {
    namespace: { type: 'string', description: 'The unique namespace text.', maxLength: 80 },
    display_name: {
      type: 'string',
      description: 'The user friendly name for the namespace. Used by UI if available.',
      maxLength: 80,
    },
    description: { type: 'string', description: 'Provides a user friendly description of the namespace.', maxLength: 500 },
    visibility: { type: 'string', description: 'Scope of namespace accessibility.', enum: ['public', 'private'] },
    protected: { type: 'boolean', description: 'If true, namespace will not be deletable.' },
    owner: { type: 'string', description: 'Owner of the namespace.', maxLength: 255 },
    created_at: { type: 'string', readOnly: true, description: 'Date and time of namespace creation', format: 'date-time' },
    updated_at: { type: 'string', readOnly: true, description: 'Date and time of the last namespace modification', format: 'date-time' },
    schema: { readOnly: true, type: 'string' },
    self: { readOnly: true, type: 'string' },
    resource_type_associations: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, prefix: { type: 'string' }, properties_target: { type: 'string' } } },
    },
    properties: { $ref: '#/definitions/property' },
    objects: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          required: { $ref: '#/definitions/stringArray' },
          properties: { $ref: '#/definitions/property' },
        },
      },
    },
    tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
  };
}

/** @see glance/api/v2/metadef_namespaces.py get_schema */
export function get_schema(): Schema {
  return new Schema('namespace', _get_base_properties(), null, Namespace.get_mandatory_attrs(), get_schema_definitions());
}

/** @see glance/api/v2/metadef_namespaces.py get_collection_schema */
export function get_collection_schema(): CollectionSchema {
  return new CollectionSchema('namespaces', get_schema());
}

// ------------------------------------------------------------ resource

/**
 * NamespaceController as wsgi.Resource calls it: the routing and parsed
 * keywords bound to each action's Python signature (TypeError, a 500, for
 * an unexpected one, e.g. a body sent to DELETE .../objects).
 */
export class NamespaceResourceController {
  constructor(readonly controller: NamespaceController) {}

  index(req: ControllerRequest, kwargs: Kwargs): Namespaces {
    const a = bindKwargs('index', [
      { name: 'marker', default: null }, { name: 'limit', default: null }, { name: 'sort_key', default: 'created_at' },
      { name: 'sort_dir', default: 'desc' }, { name: 'filters', default: null },
    ], kwargs);
    return this.controller.index(contextOf(req), {
      marker: a['marker'], limit: a['limit'] as number | null, sort_key: a['sort_key'] as string, sort_dir: a['sort_dir'] as string,
      filters: a['filters'],
    });
  }

  create(req: ControllerRequest, kwargs: Kwargs): Namespace {
    // `@utils.mutating` runs before the call binds its arguments.
    assertMutating(req);
    const a = bindKwargs('create', [{ name: 'namespace' }], kwargs);
    return this.controller.create(contextOf(req), a['namespace'] as Namespace);
  }

  show(req: ControllerRequest, kwargs: Kwargs): Namespace {
    const a = bindKwargs('show', [{ name: 'namespace' }, { name: 'filters', default: null }], kwargs);
    return this.controller.show(contextOf(req), a['namespace'] as string, a['filters'] as MultiDict<string> | null);
  }

  update(req: ControllerRequest, kwargs: Kwargs): Namespace {
    const a = bindKwargs('update', [{ name: 'user_ns' }, { name: 'namespace' }], kwargs);
    return this.controller.update(contextOf(req), a['user_ns'] as Namespace, a['namespace'] as string);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete', [{ name: 'namespace' }], kwargs);
    this.controller.delete(contextOf(req), a['namespace'] as string);
  }

  delete_objects(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete_objects', [{ name: 'namespace' }], kwargs);
    this.controller.delete_objects(contextOf(req), a['namespace'] as string);
  }

  delete_tags(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete_tags', [{ name: 'namespace' }], kwargs);
    this.controller.delete_tags(contextOf(req), a['namespace'] as string);
  }

  delete_properties(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete_properties', [{ name: 'namespace' }], kwargs);
    this.controller.delete_properties(contextOf(req), a['namespace'] as string);
  }
}

/** @see glance/api/v2/metadef_namespaces.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const schema = get_schema();
  const deserializer = new RequestDeserializer(deps.settings, schema);
  const serializer = new ResponseSerializer(schema);
  const controller = new NamespaceResourceController(new NamespaceController(deps));
  return new Resource(controller, deserializer, serializer);
}
