/**
 * The `/v2/schemas/...` documents: the JSON schemas of images, members and
 * tasks (and, added by the metadefs port, of the metadef resources), built
 * once when the router is built, served as they are.
 *
 * @see glance/api/v2/schemas.py
 */
import { Resource, bindKwargs, type Kwargs } from '../../common/wsgi.js';
import type { DictLike, SchemaDocument } from '../../schema.js';
import type { Schema, CollectionSchema } from '../../schema.js';
import type { Settings } from '../../../shared/settings.js';
import * as image_members from './image-members.js';
import * as images from './images.js';
import * as tasks from './tasks.js';
import * as metadef_namespaces from './metadef-namespaces.js';
import * as metadef_objects from './metadef-objects.js';
import * as metadef_properties from './metadef-properties.js';
import * as metadef_resource_types from './metadef-resource-types.js';
import * as metadef_tags from './metadef-tags.js';
import type { DictCollectionSchema } from '../../schema.js';

/** What the schema documents depend on: the image formats and whether extra properties are allowed. */
export type SchemasDeps = { readonly settings: Settings };

/** Every action takes only the request (`def image(self, req)`): any keyword is Python's TypeError. */
function noKwargs(action: string, kwargs: Kwargs | undefined): void {
  bindKwargs(action, [], kwargs ?? {});
}

/** @see glance/api/v2/schemas.py Controller */
export class Controller {
  readonly image_schema: Schema;
  readonly image_collection_schema: CollectionSchema;
  readonly member_schema: Schema;
  readonly member_collection_schema: CollectionSchema;
  readonly task_schema: Schema;
  readonly task_collection_schema: CollectionSchema;
  // ---- metadefs
  readonly metadef_namespace_schema: Schema = metadef_namespaces.get_schema();
  readonly metadef_namespace_collection_schema: CollectionSchema = metadef_namespaces.get_collection_schema();
  readonly metadef_resource_type_schema: Schema = metadef_resource_types.get_schema();
  readonly metadef_resource_type_collection_schema: CollectionSchema = metadef_resource_types.get_collection_schema();
  readonly metadef_property_schema: Schema = metadef_properties.get_schema();
  readonly metadef_property_collection_schema: DictCollectionSchema = metadef_properties.get_collection_schema();
  readonly metadef_object_schema: Schema = metadef_objects.get_schema();
  readonly metadef_object_collection_schema: CollectionSchema = metadef_objects.get_collection_schema();
  readonly metadef_tag_schema: Schema = metadef_tags.get_schema();
  readonly metadef_tag_collection_schema: CollectionSchema = metadef_tags.get_collection_schema();

  constructor(deps: SchemasDeps, custom_image_properties: DictLike | null = null) {
    this.image_schema = images.get_schema(deps.settings, custom_image_properties);
    this.image_collection_schema = images.get_collection_schema(deps.settings, custom_image_properties);
    this.member_schema = image_members.get_schema();
    this.member_collection_schema = image_members.get_collection_schema();
    this.task_schema = tasks.get_task_schema();
    this.task_collection_schema = tasks.get_collection_schema();
  }

  image(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('image', kwargs);
    return this.image_schema.raw();
  }

  images(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('images', kwargs);
    return this.image_collection_schema.raw();
  }

  member(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('member', kwargs);
    return this.member_schema.minimal();
  }

  members(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('members', kwargs);
    return this.member_collection_schema.minimal();
  }

  task(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('task', kwargs);
    return this.task_schema.minimal();
  }

  tasks(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('tasks', kwargs);
    return this.task_collection_schema.minimal();
  }

  // ---- metadefs (every one served raw)
  metadef_namespace(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_namespace', kwargs);
    return this.metadef_namespace_schema.raw();
  }

  metadef_namespaces(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_namespaces', kwargs);
    return this.metadef_namespace_collection_schema.raw();
  }

  metadef_resource_type(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_resource_type', kwargs);
    return this.metadef_resource_type_schema.raw();
  }

  metadef_resource_types(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_resource_types', kwargs);
    return this.metadef_resource_type_collection_schema.raw();
  }

  metadef_property(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_property', kwargs);
    return this.metadef_property_schema.raw();
  }

  metadef_properties(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_properties', kwargs);
    return this.metadef_property_collection_schema.raw();
  }

  metadef_object(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_object', kwargs);
    return this.metadef_object_schema.raw();
  }

  metadef_objects(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_objects', kwargs);
    return this.metadef_object_collection_schema.raw();
  }

  metadef_tag(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_tag', kwargs);
    return this.metadef_tag_schema.raw();
  }

  metadef_tags(_req: unknown, kwargs?: Kwargs): SchemaDocument {
    noKwargs('metadef_tags', kwargs);
    return this.metadef_tag_collection_schema.raw();
  }
}

/** @see glance/api/v2/schemas.py create_resource */
export function create_resource(deps: SchemasDeps, custom_image_properties: DictLike | null = null): Resource {
  return new Resource(new Controller(deps, custom_image_properties));
}
