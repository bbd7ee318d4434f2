/**
 * The properties of a metadata definitions namespace: listed (as a dict
 * by name), shown (optionally by a resource type's prefixed name),
 * created, replaced by PUT and deleted. A property's definition is stored
 * as WSME writes a PropertyType and read back through WSME.
 *
 * @see glance/api/v2/metadef_properties.py
 */
import { fromjson, tojson } from '../../../lib/wsme.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { pyStr } from '../../../lib/python.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { Duplicate, Forbidden, Invalid, NotFound } from '../../exception.js';
import { Gateway } from '../../gateway.js';
import { setExtraAttr, type MetadefPropertyLike } from '../../proxy.js';
import { DictCollectionSchema, Schema } from '../../schema.js';
import { contextOf, type ControllerDeps, type ControllerRequest } from './images.js';
import type { SerializerResponse } from './images-response.js';
import {
  _check_allowed, _get_request_body, conflict, forbidden, fromjsonAs, get_schema_definitions, guarded, invalidAs, notFound, render,
  filtersTruthy, truthy, validateBody,
} from './metadef-namespaces.js';
import { filterGet, type Filters } from '../../db/metadef-api/utils.js';
import { Namespace } from './model/metadef-namespace.js';
import { PropertyType, PropertyTypes } from './model/metadef-property-type.js';

/** @see glance/api/v2/metadef_properties.py NamespacePropertiesController */
export class NamespacePropertiesController {
  readonly gateway: Gateway;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
  }

  /** Convert the model PropertyTypes dict to a JSON encoding (`_to_dict`). */
  _to_dict(model_property_type: PropertyType): Record<string, unknown> {
    return { schema: tojson(PropertyType, model_property_type), name: model_property_type.name };
  }

  /** Convert the persisted json schema to a PropertyType, named (`_to_model`). */
  _to_model(db_property_type: MetadefPropertyLike): PropertyType {
    const property_type = fromjson(PropertyType, db_property_type.schema) as PropertyType;
    property_type.name = db_property_type.name as string;
    return property_type;
  }

  /** @see glance/api/v2/metadef_properties.py NamespacePropertiesController.index */
  index(req: ControllerRequest, namespace: string): PropertyTypes {
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const filters = new Map<string, unknown>([['namespace', namespace]]);
      const prop_repo = this.gateway.get_metadef_property_repo(req.context);
      const db_properties = prop_repo.list({ filters });
      const namespace_properties = new PropertyTypes();
      namespace_properties.properties = Namespace.to_model_properties(db_properties as Array<{ name: unknown; schema: unknown }>);
      return namespace_properties;
    });
  }

  /**
   * With `resource_type` in the query, the name must carry that
   * association's prefix, which is stripped. NOTE(quirk): any other query
   * parameter alone makes `filters['resource_type']` a KeyError (a 500).
   *
   * @see glance/api/v2/metadef_properties.py NamespacePropertiesController.show
   */
  show(
    req: ControllerRequest,
    namespace: string,
    property_name: string,
    filters: MultiDict<string> | Map<string, unknown> | null = null,
  ): PropertyType {
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      let name = property_name;
      if (filtersTruthy(filters) && truthy(filterGet(filters as Filters, 'resource_type'))) {
        const rs_repo = this.gateway.get_metadef_resource_type_repo(req.context);
        const db_resource_type = rs_repo.get(filterGet(filters as Filters, 'resource_type'), namespace);
        const prefix = db_resource_type.prefix;
        if (truthy(prefix) && name.startsWith(prefix as string)) {
          name = name.slice((prefix as string).length);
        } else {
          throw new NotFound(
            `Property ${name} does not start with the expected resource type association prefix of '${pyStr(prefix)}'.`,
          );
        }
      }
      const prop_repo = this.gateway.get_metadef_property_repo(req.context);
      return this._to_model(prop_repo.get(namespace, name));
    });
  }

  /** @see glance/api/v2/metadef_properties.py NamespacePropertiesController.create */
  create(req: ControllerRequest, namespace: string, property_type: PropertyType): PropertyType {
    const prop_factory = this.gateway.get_metadef_property_factory(req.context);
    const prop_repo = this.gateway.get_metadef_property_repo(req.context);
    const created = guarded(
      [[Forbidden, forbidden], [Invalid, invalidAs('create metadata property')], [NotFound, notFound], [Duplicate, conflict]],
      () => {
        const new_property_type = prop_factory.new_namespace_property({ namespace, ...this._to_dict(property_type) });
        prop_repo.add(new_property_type);
        return new_property_type;
      },
    );
    return this._to_model(created);
  }

  /** @see glance/api/v2/metadef_properties.py NamespacePropertiesController.update */
  update(req: ControllerRequest, namespace: string, property_name: string, property_type: PropertyType): PropertyType {
    const prop_repo = this.gateway.get_metadef_property_repo(req.context);
    const updated = guarded(
      [[Invalid, invalidAs('update metadata property')], [Forbidden, forbidden], [NotFound, notFound], [Duplicate, conflict]],
      () => {
        const db_property_type = prop_repo.get(namespace, property_name);
        setExtraAttr(db_property_type, '_old_name', db_property_type.name);
        db_property_type.name = property_type.name;
        db_property_type.schema = this._to_dict(property_type)['schema'];
        return prop_repo.save(db_property_type) as MetadefPropertyLike;
      },
    );
    return this._to_model(updated);
  }

  /** @see glance/api/v2/metadef_properties.py NamespacePropertiesController.delete */
  delete(req: ControllerRequest, namespace: string, property_name: string): void {
    const prop_repo = this.gateway.get_metadef_property_repo(req.context);
    guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const property_type = prop_repo.get(namespace, property_name);
      property_type.delete();
      prop_repo.remove(property_type);
    });
  }
}

/** @see glance/api/v2/metadef_properties.py RequestDeserializer */
export class RequestDeserializer extends JSONRequestDeserializer {
  static readonly _disallowed_properties = ['created_at', 'updated_at'] as const;
  readonly schema: Schema;

  constructor(schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema();
  }

  create(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    validateBody(this.schema, body);
    return { property_type: fromjsonAs(PropertyType, body) };
  }

  update(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    validateBody(this.schema, body);
    return { property_type: fromjsonAs(PropertyType, body) };
  }

  show(request: Request): Kwargs {
    return { filters: request.params.copy() };
  }
}

/** @see glance/api/v2/metadef_properties.py ResponseSerializer */
export class ResponseSerializer extends JSONResponseSerializer {
  constructor(readonly schema: Schema | null = null) {
    super();
  }

  show(response: SerializerResponse, result: PropertyType): void {
    render(response, tojson(PropertyType, result));
  }

  index(response: SerializerResponse, result: PropertyTypes): void {
    render(response, tojson(PropertyTypes, result));
  }

  create(response: SerializerResponse, result: PropertyType): void {
    response.status_int = 201;
    this.show(response, result);
  }

  update(response: SerializerResponse, result: PropertyType): void {
    response.status_int = 200;
    this.show(response, result);
  }

  delete(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

/** Note `stringArray` here requires one item, unlike the namespace schema's. */
function _get_base_definitions(): Record<string, unknown> {
  return {
    positiveInteger: { type: 'integer', minimum: 0 },
    positiveIntegerDefault0: { allOf: [{ $ref: '#/definitions/positiveInteger' }, { default: 0 }] },
    stringArray: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
  };
}

function _get_base_properties(): Record<string, unknown> {
  const base_def = get_schema_definitions() as { property: { additionalProperties: { properties: Record<string, unknown> } } };
  return base_def.property.additionalProperties.properties;
}

/** @see glance/api/v2/metadef_properties.py get_schema */
export function get_schema(require_name = true): Schema {
  const mandatory_attrs: unknown[] = PropertyType.get_mandatory_attrs();
  // name is required attribute when use as single property type
  if (require_name) mandatory_attrs.push('name');
  return new Schema('property', _get_base_properties(), null, mandatory_attrs, _get_base_definitions());
}

/** @see glance/api/v2/metadef_properties.py get_collection_schema */
export function get_collection_schema(): DictCollectionSchema {
  const namespace_properties_schema = get_schema();
  // Property name is a dict key and not a required attribute in
  // individual property schema inside property collections
  const required = namespace_properties_schema.required as unknown[];
  required.splice(required.indexOf('name'), 1);
  return new DictCollectionSchema('properties', namespace_properties_schema);
}

/** NamespacePropertiesController as wsgi.Resource calls it. */
export class NamespacePropertiesResourceController {
  constructor(readonly controller: NamespacePropertiesController) {}

  index(req: ControllerRequest, kwargs: Kwargs): PropertyTypes {
    const a = bindKwargs('index', [{ name: 'namespace' }], kwargs);
    return this.controller.index(contextOf(req), a['namespace'] as string);
  }

  show(req: ControllerRequest, kwargs: Kwargs): PropertyType {
    const a = bindKwargs('show', [{ name: 'namespace' }, { name: 'property_name' }, { name: 'filters', default: null }], kwargs);
    return this.controller.show(contextOf(req), a['namespace'] as string, a['property_name'] as string, a['filters'] as MultiDict<string> | null);
  }

  create(req: ControllerRequest, kwargs: Kwargs): PropertyType {
    const a = bindKwargs('create', [{ name: 'namespace' }, { name: 'property_type' }], kwargs);
    return this.controller.create(contextOf(req), a['namespace'] as string, a['property_type'] as PropertyType);
  }

  update(req: ControllerRequest, kwargs: Kwargs): PropertyType {
    const a = bindKwargs('update', [{ name: 'namespace' }, { name: 'property_name' }, { name: 'property_type' }], kwargs);
    return this.controller.update(contextOf(req), a['namespace'] as string, a['property_name'] as string, a['property_type'] as PropertyType);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete', [{ name: 'namespace' }, { name: 'property_name' }], kwargs);
    this.controller.delete(contextOf(req), a['namespace'] as string, a['property_name'] as string);
  }
}

/** @see glance/api/v2/metadef_properties.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const schema = get_schema();
  const deserializer = new RequestDeserializer(schema);
  const serializer = new ResponseSerializer(schema);
  return new Resource(new NamespacePropertiesResourceController(new NamespacePropertiesController(deps)), deserializer, serializer);
}
