/**
 * Resource types and a namespace's associations with them: every resource
 * type, a namespace's associations, associating (which creates the
 * resource type when it is new) and dissociating.
 *
 * @see glance/api/v2/metadef_resource_types.py
 */
import { tojson } from '../../../lib/wsme.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { Duplicate, Forbidden, NotFound } from '../../exception.js';
import { Gateway } from '../../gateway.js';
import { CollectionSchema, Schema } from '../../schema.js';
import { HTTPInternalServerError, HTTPNotFound } from '../../webob.js';
import { contextOf, exceptionText, type ControllerDeps, type ControllerRequest } from './images.js';
import type { SerializerResponse } from './images-response.js';
import { _check_allowed, _get_request_body, conflict, forbidden, fromjsonAs, guarded, notFound, render, validateBody } from './metadef-namespaces.js';
import { ResourceType, ResourceTypeAssociation, ResourceTypeAssociations, ResourceTypes } from './model/metadef-resource-type.js';

/** Like `guarded`, but an unexpected error is `HTTPInternalServerError(e)`, its text as the detail. */
function guardedWithDetail<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Forbidden) throw forbidden(e);
    if (e instanceof NotFound) throw notFound(e);
    throw new HTTPInternalServerError({ detail: exceptionText(e) });
  }
}

/** @see glance/api/v2/metadef_resource_types.py ResourceTypeController */
export class ResourceTypeController {
  readonly gateway: Gateway;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
  }

  /** Every resource type, associated or not. */
  index(req: ControllerRequest): ResourceTypes {
    return guardedWithDetail(() => {
      const rs_type_repo = this.gateway.get_metadef_resource_type_repo(req.context);
      const resource_types = new ResourceTypes();
      resource_types.resource_types = rs_type_repo.list({ filters: new Map([['namespace', null]]) }).map((rt) => ResourceType.to_wsme_model(rt));
      return resource_types;
    });
  }

  /** A namespace's associations. */
  show(req: ControllerRequest, namespace: string): ResourceTypeAssociations {
    return guardedWithDetail(() => {
      const rs_type_repo = this.gateway.get_metadef_resource_type_repo(req.context);
      const resource_types = new ResourceTypeAssociations();
      resource_types.resource_type_associations = rs_type_repo
        .list({ filters: new Map([['namespace', namespace]]) })
        .map((rt) => ResourceTypeAssociation.to_wsme_model(rt));
      return resource_types;
    });
  }

  /** @see glance/api/v2/metadef_resource_types.py ResourceTypeController.create */
  create(req: ControllerRequest, resource_type: ResourceTypeAssociation, namespace: string): ResourceTypeAssociation {
    const rs_type_factory = this.gateway.get_metadef_resource_type_factory(req.context);
    const rs_type_repo = this.gateway.get_metadef_resource_type_repo(req.context);
    const created = guarded([[Forbidden, forbidden], [NotFound, notFound], [Duplicate, conflict]], () => {
      const new_resource_type = rs_type_factory.new_resource_type({ namespace, ...resource_type.to_dict() });
      rs_type_repo.add(new_resource_type);
      return new_resource_type;
    });
    return ResourceTypeAssociation.to_wsme_model(created);
  }

  /**
   * Dissociates by walking the namespace's associations.
   * NOTE(quirk): every NotFound (the namespace's too) is answered with the
   * resource type's text.
   *
   * @see glance/api/v2/metadef_resource_types.py ResourceTypeController.delete
   */
  delete(req: ControllerRequest, namespace: string, resource_type: string): void {
    const rs_type_repo = this.gateway.get_metadef_resource_type_repo(req.context);
    guarded(
      [
        [Forbidden, forbidden],
        [NotFound, () => new HTTPNotFound({ explanation: `Failed to find resource type ${resource_type} to delete` })],
      ],
      () => {
        let found = false;
        for (const db_resource_type of rs_type_repo.list({ filters: new Map([['namespace', namespace]]) })) {
          if (db_resource_type.name === resource_type) {
            db_resource_type.delete();
            rs_type_repo.remove(db_resource_type);
            found = true;
          }
        }
        if (!found) throw new NotFound();
      },
    );
  }
}

/** @see glance/api/v2/metadef_resource_types.py RequestDeserializer */
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
    return { resource_type: fromjsonAs(ResourceTypeAssociation, body) };
  }
}

/** @see glance/api/v2/metadef_resource_types.py ResponseSerializer */
export class ResponseSerializer extends JSONResponseSerializer {
  constructor(readonly schema: Schema | null = null) {
    super();
  }

  show(response: SerializerResponse, result: ResourceTypeAssociations): void {
    render(response, tojson(ResourceTypeAssociations, result));
  }

  index(response: SerializerResponse, result: ResourceTypes): void {
    render(response, tojson(ResourceTypes, result));
  }

  create(response: SerializerResponse, result: ResourceTypeAssociation): void {
    render(response, tojson(ResourceTypeAssociation, result), 201);
  }

  delete(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

function _get_base_properties(): Record<string, unknown> {
  return {
    name: {
      type: 'string',
      description:
        'Resource type names should be aligned with Heat resource types whenever possible: ' +
        'http://docs.openstack.org/developer/heat/template_guide/openstack.html',
      maxLength: 80,
    },
    prefix: {
      type: 'string',
      description:
        'Specifies the prefix to use for the given resource type. Any properties in the namespace should be prefixed ' +
        'with this prefix when being applied to the specified resource type. Must include prefix separator (e.g. a colon :).',
      maxLength: 80,
    },
    properties_target: {
      type: 'string',
      description:
        'Some resource types allow more than one key / value pair per instance.  For example, Cinder allows user and ' +
        'image metadata on volumes. Only the image properties metadata is evaluated by Nova (scheduling or drivers). ' +
        'This property allows a namespace target to remove the ambiguity.',
      maxLength: 80,
    },
    created_at: { type: 'string', readOnly: true, description: 'Date and time of resource type association', format: 'date-time' },
    updated_at: {
      type: 'string',
      readOnly: true,
      description: 'Date and time of the last resource type association modification',
      format: 'date-time',
    },
  };
}

/** @see glance/api/v2/metadef_resource_types.py get_schema */
export function get_schema(): Schema {
  return new Schema('resource_type_association', _get_base_properties(), null, ResourceTypeAssociation.get_mandatory_attrs());
}

/** @see glance/api/v2/metadef_resource_types.py get_collection_schema */
export function get_collection_schema(): CollectionSchema {
  return new CollectionSchema('resource_type_associations', get_schema());
}

/** ResourceTypeController as wsgi.Resource calls it. */
export class ResourceTypeResourceController {
  constructor(readonly controller: ResourceTypeController) {}

  index(req: ControllerRequest, kwargs: Kwargs): ResourceTypes {
    bindKwargs('index', [], kwargs);
    return this.controller.index(contextOf(req));
  }

  show(req: ControllerRequest, kwargs: Kwargs): ResourceTypeAssociations {
    const a = bindKwargs('show', [{ name: 'namespace' }], kwargs);
    return this.controller.show(contextOf(req), a['namespace'] as string);
  }

  create(req: ControllerRequest, kwargs: Kwargs): ResourceTypeAssociation {
    const a = bindKwargs('create', [{ name: 'resource_type' }, { name: 'namespace' }], kwargs);
    return this.controller.create(contextOf(req), a['resource_type'] as ResourceTypeAssociation, a['namespace'] as string);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete', [{ name: 'namespace' }, { name: 'resource_type' }], kwargs);
    this.controller.delete(contextOf(req), a['namespace'] as string, a['resource_type'] as string);
  }
}

/** @see glance/api/v2/metadef_resource_types.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const schema = get_schema();
  const deserializer = new RequestDeserializer(schema);
  const serializer = new ResponseSerializer(schema);
  return new Resource(new ResourceTypeResourceController(new ResourceTypeController(deps)), deserializer, serializer);
}
