/**
 * The objects of a metadata definitions namespace: listed, created (each
 * property also checked against the property schema), shown, replaced by
 * PUT (without that per-property check) and deleted.
 *
 * @see glance/api/v2/metadef_objects.py
 */
import { tojson } from '../../../lib/wsme.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { _get_value } from '../../common/wsme-utils.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { Duplicate, Forbidden, Invalid, InvalidObject, NotFound } from '../../exception.js';
import { Gateway } from '../../gateway.js';
import { setExtraAttr, type MetadefObjectLike } from '../../proxy.js';
import { CollectionSchema, Schema } from '../../schema.js';
import { HTTPBadRequest } from '../../webob.js';
import { contextOf, type ControllerDeps, type ControllerRequest } from './images.js';
import type { SerializerResponse } from './images-response.js';
import {
  _check_allowed, _get_filters, _get_request_body, _validate_limit, _validate_sort_dir, conflict, forbidden, fromjsonAs,
  get_schema_definitions, guarded, invalidAs, notFound, pyIn, render, validateBody,
} from './metadef-namespaces.js';
import { TypeError_ } from '../../../lib/python.js';
import * as properties from './metadef-properties.js';
import { MetadefObject, MetadefObjects } from './model/metadef-object.js';

/** @see glance/api/v2/metadef_objects.py get_object_href */
export function get_object_href(namespace_name: unknown, metadef_object: { name: unknown }): string {
  return `/v2/metadefs/namespaces/${String(namespace_name)}/objects/${String(metadef_object.name)}`;
}

export interface ObjectIndexArgs {
  marker?: unknown;
  limit?: unknown;
  sort_key?: string;
  sort_dir?: string;
  filters?: MultiDict<string> | Map<string, unknown> | null;
}

/** `filters or dict()`, then `filters['namespace'] = namespace`. */
export function withNamespaceFilter(filters: MultiDict<string> | Map<string, unknown> | null | undefined, namespace: string): MultiDict<unknown> | Map<string, unknown> {
  if (filters === null || filters === undefined || (filters instanceof Map ? filters.size === 0 : filters.len() === 0)) {
    return new Map([['namespace', namespace]]);
  }
  if (filters instanceof Map) filters.set('namespace', namespace);
  else (filters as MultiDict<unknown>).setItem('namespace', namespace);
  return filters as MultiDict<unknown> | Map<string, unknown>;
}

/** @see glance/api/v2/metadef_objects.py MetadefObjectsController */
export class MetadefObjectsController {
  readonly gateway: Gateway;
  readonly obj_schema_link = '/v2/schemas/metadefs/object';

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
  }

  /**
   * NOTE(quirk): the owner the authorization layer checks is the caller's,
   * so any project may add objects to a public namespace it does not own.
   *
   * @see glance/api/v2/metadef_objects.py MetadefObjectsController.create
   */
  create(req: ControllerRequest, metadata_object: MetadefObject, namespace: string): MetadefObject {
    const object_factory = this.gateway.get_metadef_object_factory(req.context);
    const object_repo = this.gateway.get_metadef_object_repo(req.context);
    const new_meta_object = guarded(
      [[Forbidden, forbidden], [Invalid, invalidAs('create metadata object')], [NotFound, notFound], [Duplicate, conflict]],
      () => {
        const created = object_factory.new_object({ namespace, ...metadata_object.to_dict() });
        object_repo.add(created);
        return created;
      },
    );
    return MetadefObject.to_wsme_model(new_meta_object, get_object_href(namespace, new_meta_object), this.obj_schema_link);
  }

  /** The db repo ignores marker, limit and sort: a namespace's objects in table order. */
  index(req: ControllerRequest, namespace: string, args: ObjectIndexArgs = {}): MetadefObjects {
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const filters = withNamespaceFilter(args.filters, namespace);
      const object_repo = this.gateway.get_metadef_object_repo(req.context);
      const db_metaobject_list = object_repo.list({
        marker: args.marker ?? null, limit: (args.limit ?? null) as number | null, sort_key: args.sort_key ?? 'created_at',
        sort_dir: args.sort_dir ?? 'desc', filters,
      });
      const metadef_objects = new MetadefObjects();
      metadef_objects.objects = db_metaobject_list.map((o) => MetadefObject.to_wsme_model(o, get_object_href(namespace, o), this.obj_schema_link));
      return metadef_objects;
    });
  }

  /** @see glance/api/v2/metadef_objects.py MetadefObjectsController.show */
  show(req: ControllerRequest, namespace: string, object_name: string): MetadefObject {
    const meta_object_repo = this.gateway.get_metadef_object_repo(req.context);
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const metadef_object = meta_object_repo.get(namespace, object_name);
      return MetadefObject.to_wsme_model(metadef_object, get_object_href(namespace, metadef_object), this.obj_schema_link);
    });
  }

  /**
   * A PUT replaces name, description, required and properties (None when
   * left out). NOTE(quirk): the answer shows the updated_at read before the save.
   *
   * @see glance/api/v2/metadef_objects.py MetadefObjectsController.update
   */
  update(req: ControllerRequest, metadata_object: MetadefObject, namespace: string, object_name: string): MetadefObject {
    const meta_repo = this.gateway.get_metadef_object_repo(req.context);
    const updated = guarded(
      [[Invalid, invalidAs('update metadata object')], [Forbidden, forbidden], [NotFound, notFound], [Duplicate, conflict]],
      () => {
        const metadef_object = meta_repo.get(namespace, object_name);
        setExtraAttr(metadef_object, '_old_name', metadef_object.name);
        metadef_object.name = _get_value(metadata_object.name);
        metadef_object.description = _get_value(metadata_object.description);
        metadef_object.required = _get_value(metadata_object.required);
        metadef_object.properties = _get_value(metadata_object.properties);
        return meta_repo.save(metadef_object) as MetadefObjectLike;
      },
    );
    return MetadefObject.to_wsme_model(updated, get_object_href(namespace, updated), this.obj_schema_link);
  }

  /** @see glance/api/v2/metadef_objects.py MetadefObjectsController.delete */
  delete(req: ControllerRequest, namespace: string, object_name: string): void {
    const meta_repo = this.gateway.get_metadef_object_repo(req.context);
    guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const metadef_object = meta_repo.get(namespace, object_name);
      metadef_object.delete();
      meta_repo.remove(metadef_object);
    });
  }
}

function _get_base_properties(): Record<string, unknown> {
  return {
    name: { type: 'string', maxLength: 80 },
    description: { type: 'string' },
    required: { $ref: '#/definitions/stringArray' },
    properties: { $ref: '#/definitions/property' },
    schema: { readOnly: true, type: 'string' },
    self: { readOnly: true, type: 'string' },
    created_at: { type: 'string', readOnly: true, description: 'Date and time of object creation', format: 'date-time' },
    updated_at: { type: 'string', readOnly: true, description: 'Date and time of the last object modification', format: 'date-time' },
  };
}

/** @see glance/api/v2/metadef_objects.py get_schema */
export function get_schema(): Schema {
  return new Schema('object', _get_base_properties(), null, MetadefObject.get_mandatory_attrs(), get_schema_definitions());
}

/** @see glance/api/v2/metadef_objects.py get_collection_schema */
export function get_collection_schema(): CollectionSchema {
  return new CollectionSchema('objects', get_schema());
}

/** @see glance/api/v2/metadef_objects.py RequestDeserializer */
export class RequestDeserializer extends JSONRequestDeserializer {
  static readonly _disallowed_properties = ['self', 'schema', 'created_at', 'updated_at'] as const;
  readonly schema: Schema;

  constructor(schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema();
  }

  /** Each property is also checked against the property schema (name not required). */
  create(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    try {
      this.schema.validate(body);
      if (pyIn('properties', body)) {
        // A list body naming 'properties' passes the schema (it only constrains objects), then fails indexing.
        if (!(body instanceof Map)) throw new TypeError_('list indices must be integers or slices, not str');
        const props = body.get('properties');
        for (const propertyname of (props as Map<string, unknown>).keys()) {
          const schema = properties.get_schema(false);
          schema.validate((props as Map<string, unknown>).get(propertyname));
        }
      }
    } catch (e) {
      if (e instanceof InvalidObject) throw new HTTPBadRequest({ explanation: e.msg });
      throw e;
    }
    return { metadata_object: fromjsonAs(MetadefObject, body) };
  }

  update(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    validateBody(this.schema, body);
    return { metadata_object: fromjsonAs(MetadefObject, body) };
  }

  index(request: Request): Kwargs {
    const params = request.params.copy();
    const limit = params.pop('limit', null as unknown as string);
    const marker = params.pop('marker', null as unknown as string);
    const sort_dir = params.pop('sort_dir', 'desc');
    const query_params: Kwargs = {
      sort_key: params.pop('sort_key', 'created_at'),
      sort_dir: _validate_sort_dir(sort_dir),
      filters: _get_filters(params, ['public', 'private', 'shared']),
    };
    if (marker !== null) query_params['marker'] = marker;
    if (limit !== null) query_params['limit'] = _validate_limit(limit, true);
    return query_params;
  }
}

/** @see glance/api/v2/metadef_objects.py ResponseSerializer */
export class ResponseSerializer extends JSONResponseSerializer {
  readonly schema: Schema;

  constructor(schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema();
  }

  create(response: SerializerResponse, metadata_object: MetadefObject): void {
    response.status_int = 201;
    this.show(response, metadata_object);
  }

  show(response: SerializerResponse, metadata_object: MetadefObject): void {
    render(response, tojson(MetadefObject, metadata_object));
  }

  update(response: SerializerResponse, metadata_object: MetadefObject): void {
    response.status_int = 200;
    this.show(response, metadata_object);
  }

  /** NOTE(quirk): the schema link has no leading slash. */
  index(response: SerializerResponse, result: MetadefObjects): void {
    result.schema = 'v2/schemas/metadefs/objects';
    render(response, tojson(MetadefObjects, result));
  }

  delete(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

/** MetadefObjectsController as wsgi.Resource calls it. */
export class MetadefObjectsResourceController {
  constructor(readonly controller: MetadefObjectsController) {}

  create(req: ControllerRequest, kwargs: Kwargs): MetadefObject {
    const a = bindKwargs('create', [{ name: 'metadata_object' }, { name: 'namespace' }], kwargs);
    return this.controller.create(contextOf(req), a['metadata_object'] as MetadefObject, a['namespace'] as string);
  }

  index(req: ControllerRequest, kwargs: Kwargs): MetadefObjects {
    const a = bindKwargs('index', [
      { name: 'namespace' }, { name: 'marker', default: null }, { name: 'limit', default: null },
      { name: 'sort_key', default: 'created_at' }, { name: 'sort_dir', default: 'desc' }, { name: 'filters', default: null },
    ], kwargs);
    return this.controller.index(contextOf(req), a['namespace'] as string, {
      marker: a['marker'], limit: a['limit'], sort_key: a['sort_key'] as string, sort_dir: a['sort_dir'] as string,
      filters: a['filters'] as MultiDict<string> | null,
    });
  }

  show(req: ControllerRequest, kwargs: Kwargs): MetadefObject {
    const a = bindKwargs('show', [{ name: 'namespace' }, { name: 'object_name' }], kwargs);
    return this.controller.show(contextOf(req), a['namespace'] as string, a['object_name'] as string);
  }

  update(req: ControllerRequest, kwargs: Kwargs): MetadefObject {
    const a = bindKwargs('update', [{ name: 'metadata_object' }, { name: 'namespace' }, { name: 'object_name' }], kwargs);
    return this.controller.update(contextOf(req), a['metadata_object'] as MetadefObject, a['namespace'] as string, a['object_name'] as string);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete', [{ name: 'namespace' }, { name: 'object_name' }], kwargs);
    this.controller.delete(contextOf(req), a['namespace'] as string, a['object_name'] as string);
  }
}

/** @see glance/api/v2/metadef_objects.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const schema = get_schema();
  const deserializer = new RequestDeserializer(schema);
  const serializer = new ResponseSerializer(schema);
  return new Resource(new MetadefObjectsResourceController(new MetadefObjectsController(deps)), deserializer, serializer);
}

