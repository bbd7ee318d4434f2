/**
 * The v2 API's URL map: every route Glance 16.0.0 serves under `/v2`, in
 * router.py's order. Each path has one route per method it implements
 * (`conditions={'method': [...]}`) and, last, a "reject" route that
 * matches any other method and answers 405 with the `Allow` header listing
 * the implemented ones. A route with `body_reject` answers 400 to a request
 * that carries a body.
 *
 * @see glance/api/v2/router.py
 */
import { APIMapper, RejectMethodController, Resource, Router } from '../../common/wsgi.js';
import type { Mapper } from '../../../lib/routes.js';
import * as discovery from './discovery.js';
import * as image_actions from './image-actions.js';
import * as image_data from './image-data.js';
import * as image_members from './image-members.js';
import * as image_tags from './image-tags.js';
import * as images from './images.js';
import * as metadef_namespaces from './metadef-namespaces.js';
import * as metadef_objects from './metadef-objects.js';
import * as metadef_properties from './metadef-properties.js';
import * as metadef_resource_types from './metadef-resource-types.js';
import * as metadef_tags from './metadef-tags.js';
import * as schemas from './schemas.js';
import * as tasks from './tasks.js';
import type { GatewayDeps } from '../../gateway.js';

/**
 * What the resources are built over: Glance's controllers build their own
 * db api, policy enforcer, notifier and store api from global config; the
 * port hands them the scenario's.
 */
export type RouterDeps = GatewayDeps;

/**
 * WSGI router for Glance v2 API requests.
 *
 * @see glance/api/v2/router.py API
 */
export class API extends Router {
  constructor(mapper: Mapper, deps: RouterDeps) {
    const custom_image_properties = images.load_custom_properties();
    const reject_method_resource = new Resource(new RejectMethodController());

    const schemas_resource = schemas.create_resource(deps, custom_image_properties);
    mapper.connect('/schemas/image', {
      controller: schemas_resource,
      action: 'image',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/image', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/images', {
      controller: schemas_resource,
      action: 'images',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/images', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/member', {
      controller: schemas_resource,
      action: 'member',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/member', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });

    mapper.connect('/schemas/members', {
      controller: schemas_resource,
      action: 'members',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/members', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });

    // NOTE(quirk): the task schemas, unlike every other schema, do not reject
    // a body: a JSON one reaches the controller as `body=` and fails (500).
    mapper.connect('/schemas/task', { controller: schemas_resource, action: 'task', conditions: { method: ['GET'] } });
    mapper.connect('/schemas/task', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/tasks', { controller: schemas_resource, action: 'tasks', conditions: { method: ['GET'] } });
    mapper.connect('/schemas/tasks', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });

    // ---- METADEF ROUTES (router.py lines 96-394, in router.py's order) ----
    mapper.connect('/schemas/metadefs/namespace', {
      controller: schemas_resource,
      action: 'metadef_namespace',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/namespace', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/namespaces', {
      controller: schemas_resource,
      action: 'metadef_namespaces',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/namespaces', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/resource_type', {
      controller: schemas_resource,
      action: 'metadef_resource_type',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/resource_type', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/resource_types', {
      controller: schemas_resource,
      action: 'metadef_resource_types',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/resource_types', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/property', {
      controller: schemas_resource,
      action: 'metadef_property',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/property', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/properties', {
      controller: schemas_resource,
      action: 'metadef_properties',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/properties', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/object', {
      controller: schemas_resource,
      action: 'metadef_object',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/object', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/objects', {
      controller: schemas_resource,
      action: 'metadef_objects',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/objects', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/tag', {
      controller: schemas_resource,
      action: 'metadef_tag',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/tag', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/schemas/metadefs/tags', {
      controller: schemas_resource,
      action: 'metadef_tags',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/schemas/metadefs/tags', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });

    // Metadef resource types
    const metadef_resource_types_resource = metadef_resource_types.create_resource(deps);
    mapper.connect('/metadefs/resource_types', {
      controller: metadef_resource_types_resource,
      action: 'index',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/resource_types', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });
    mapper.connect('/metadefs/namespaces/{namespace}/resource_types', {
      controller: metadef_resource_types_resource,
      action: 'show',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/resource_types', {
      controller: metadef_resource_types_resource,
      action: 'create',
      conditions: { method: ['POST'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/resource_types', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST' });
    mapper.connect('/metadefs/namespaces/{namespace}/resource_types/{resource_type}', {
      controller: metadef_resource_types_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/resource_types/{resource_type}', { controller: reject_method_resource, action: 'reject', allowed_methods: 'DELETE' });

    // Metadef Namespaces
    const metadef_namespace_resource = metadef_namespaces.create_resource(deps);
    mapper.connect('/metadefs/namespaces', {
      controller: metadef_namespace_resource,
      action: 'index',
      conditions: { method: ['GET'] },
    });
    mapper.connect('/metadefs/namespaces', {
      controller: metadef_namespace_resource,
      action: 'create',
      conditions: { method: ['POST'] },
    });
    mapper.connect('/metadefs/namespaces', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST' });
    mapper.connect('/metadefs/namespaces/{namespace}', {
      controller: metadef_namespace_resource,
      action: 'show',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}', {
      controller: metadef_namespace_resource,
      action: 'update',
      conditions: { method: ['PUT'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}', {
      controller: metadef_namespace_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, PUT, DELETE' });

    // Metadef namespace properties
    const metadef_properties_resource = metadef_properties.create_resource(deps);
    mapper.connect('/metadefs/namespaces/{namespace}/properties', {
      controller: metadef_properties_resource,
      action: 'index',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/properties', {
      controller: metadef_properties_resource,
      action: 'create',
      conditions: { method: ['POST'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/properties', {
      controller: metadef_namespace_resource,
      action: 'delete_properties',
      conditions: { method: ['DELETE'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/properties', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST, DELETE' });
    mapper.connect('/metadefs/namespaces/{namespace}/properties/{property_name}', {
      controller: metadef_properties_resource,
      action: 'show',
      conditions: { method: ['GET'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/properties/{property_name}', {
      controller: metadef_properties_resource,
      action: 'update',
      conditions: { method: ['PUT'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/properties/{property_name}', {
      controller: metadef_properties_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/properties/{property_name}', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, PUT, DELETE' });

    // Metadef objects
    const metadef_objects_resource = metadef_objects.create_resource(deps);
    mapper.connect('/metadefs/namespaces/{namespace}/objects', {
      controller: metadef_objects_resource,
      action: 'index',
      conditions: { method: ['GET'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/objects', {
      controller: metadef_objects_resource,
      action: 'create',
      conditions: { method: ['POST'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/objects', {
      controller: metadef_namespace_resource,
      action: 'delete_objects',
      conditions: { method: ['DELETE'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/objects', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST, DELETE' });
    mapper.connect('/metadefs/namespaces/{namespace}/objects/{object_name}', {
      controller: metadef_objects_resource,
      action: 'show',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/objects/{object_name}', {
      controller: metadef_objects_resource,
      action: 'update',
      conditions: { method: ['PUT'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/objects/{object_name}', {
      controller: metadef_objects_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/objects/{object_name}', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, PUT, DELETE' });

    // Metadef tags
    const metadef_tags_resource = metadef_tags.create_resource(deps);
    mapper.connect('/metadefs/namespaces/{namespace}/tags', {
      controller: metadef_tags_resource,
      action: 'index',
      conditions: { method: ['GET'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/tags', {
      controller: metadef_tags_resource,
      action: 'create_tags',
      conditions: { method: ['POST'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/tags', {
      controller: metadef_namespace_resource,
      action: 'delete_tags',
      conditions: { method: ['DELETE'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/tags', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST, DELETE' });
    mapper.connect('/metadefs/namespaces/{namespace}/tags/{tag_name}', {
      controller: metadef_tags_resource,
      action: 'show',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/tags/{tag_name}', {
      controller: metadef_tags_resource,
      action: 'create',
      conditions: { method: ['POST'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/tags/{tag_name}', {
      controller: metadef_tags_resource,
      action: 'update',
      conditions: { method: ['PUT'] },
    });
    mapper.connect('/metadefs/namespaces/{namespace}/tags/{tag_name}', {
      controller: metadef_tags_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
      body_reject: true,
    });
    mapper.connect('/metadefs/namespaces/{namespace}/tags/{tag_name}', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST, PUT, DELETE' });
    // ---- END METADEF ROUTES -----------------------------------------------

    const images_resource = images.create_resource(deps, custom_image_properties);
    mapper.connect('/images', { controller: images_resource, action: 'index', conditions: { method: ['GET'] } });
    mapper.connect('/images', { controller: images_resource, action: 'create', conditions: { method: ['POST'] } });
    mapper.connect('/images', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST' });

    mapper.connect('/images/{image_id}', { controller: images_resource, action: 'update', conditions: { method: ['PATCH'] } });
    mapper.connect('/images/{image_id}', {
      controller: images_resource,
      action: 'show',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}', {
      controller: images_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}', {
      controller: reject_method_resource,
      action: 'reject',
      allowed_methods: 'GET, PATCH, DELETE',
    });
    mapper.connect('/images/{image_id}/import', {
      controller: images_resource,
      action: 'import_image',
      conditions: { method: ['POST'] },
    });
    mapper.connect('/images/{image_id}/import', { controller: reject_method_resource, action: 'reject', allowed_methods: 'POST' });

    const image_actions_resource = image_actions.create_resource(deps);
    mapper.connect('/images/{image_id}/actions/deactivate', {
      controller: image_actions_resource,
      action: 'deactivate',
      conditions: { method: ['POST'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/actions/reactivate', {
      controller: image_actions_resource,
      action: 'reactivate',
      conditions: { method: ['POST'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/actions/deactivate', {
      controller: reject_method_resource,
      action: 'reject',
      allowed_methods: 'POST',
    });
    mapper.connect('/images/{image_id}/actions/reactivate', {
      controller: reject_method_resource,
      action: 'reject',
      allowed_methods: 'POST',
    });

    const image_data_resource = image_data.create_resource(deps);
    mapper.connect('/images/{image_id}/file', {
      controller: image_data_resource,
      action: 'download',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/file', { controller: image_data_resource, action: 'upload', conditions: { method: ['PUT'] } });
    mapper.connect('/images/{image_id}/file', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, PUT' });
    mapper.connect('/images/{image_id}/stage', { controller: image_data_resource, action: 'stage', conditions: { method: ['PUT'] } });
    mapper.connect('/images/{image_id}/stage', { controller: reject_method_resource, action: 'reject', allowed_methods: 'PUT' });

    const image_tags_resource = image_tags.create_resource(deps);
    mapper.connect('/images/{image_id}/tags/{tag_value}', {
      controller: image_tags_resource,
      action: 'update',
      conditions: { method: ['PUT'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/tags/{tag_value}', {
      controller: image_tags_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/tags/{tag_value}', {
      controller: reject_method_resource,
      action: 'reject',
      allowed_methods: 'PUT, DELETE',
    });

    const image_members_resource = image_members.create_resource(deps);
    mapper.connect('/images/{image_id}/members', {
      controller: image_members_resource,
      action: 'index',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/members', {
      controller: image_members_resource,
      action: 'create',
      conditions: { method: ['POST'] },
    });
    mapper.connect('/images/{image_id}/members', {
      controller: reject_method_resource,
      action: 'reject',
      allowed_methods: 'GET, POST',
    });

    mapper.connect('/images/{image_id}/members/{member_id}', {
      controller: image_members_resource,
      action: 'show',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/members/{member_id}', {
      controller: image_members_resource,
      action: 'update',
      conditions: { method: ['PUT'] },
    });
    mapper.connect('/images/{image_id}/members/{member_id}', {
      controller: image_members_resource,
      action: 'delete',
      conditions: { method: ['DELETE'] },
      body_reject: true,
    });
    mapper.connect('/images/{image_id}/members/{member_id}', {
      controller: reject_method_resource,
      action: 'reject',
      allowed_methods: 'GET, PUT, DELETE',
    });

    const tasks_resource = tasks.create_resource(deps);
    mapper.connect('/tasks', { controller: tasks_resource, action: 'create', conditions: { method: ['POST'] } });
    mapper.connect('/tasks', { controller: tasks_resource, action: 'index', conditions: { method: ['GET'] } });
    mapper.connect('/tasks', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, POST' });

    mapper.connect('/tasks/{task_id}', { controller: tasks_resource, action: 'get', conditions: { method: ['GET'] } });
    mapper.connect('/tasks/{task_id}', { controller: tasks_resource, action: 'delete', conditions: { method: ['DELETE'] } });
    mapper.connect('/tasks/{task_id}', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET, DELETE' });

    // Discovery API
    const info_resource = discovery.create_resource(deps.settings);
    mapper.connect('/info/import', {
      controller: info_resource,
      action: 'get_image_import',
      conditions: { method: ['GET'] },
      body_reject: true,
    });
    mapper.connect('/info/import', { controller: reject_method_resource, action: 'reject', allowed_methods: 'GET' });

    super(mapper);
  }

  /** `API.factory`: the router over a fresh APIMapper, as glance-api's paste pipeline builds it. */
  static fromDeps(deps: RouterDeps): API {
    return new API(new APIMapper(), deps);
  }
}
