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
  // METADEF SCHEMAS: the metadefs port adds the metadef_* schemas and actions here.

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
}

/** @see glance/api/v2/schemas.py create_resource */
export function create_resource(deps: SchemasDeps, custom_image_properties: DictLike | null = null): Resource {
  return new Resource(new Controller(deps, custom_image_properties));
}
