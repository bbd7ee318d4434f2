/**
 * Adding and removing one tag. Glance saves the image after `tags.add` even
 * when the tag was already there, so an image.update is always sent. The
 * request deserializer checks the tag against the image schema's `tags`.
 */
import { Forbidden, ImageTagLimitExceeded, Invalid, NotFound } from '../../exception.js';
import { HTTPBadRequest, HTTPForbidden, HTTPNotFound, HTTPRequestEntityTooLarge } from '../../webob.js';
import { Gateway } from '../../gateway.js';
import { pyFormat } from '../../../lib/python.js';
import {
  assertMutating, contextOf, exceptionText, get_schema, type ControllerDeps, type ControllerRequest, type SerializerResponse,
} from './images.js';
import { InvalidObject } from '../../exception.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import type { Settings } from '../../../shared/settings.js';

/**
 * The image tags resource.
 * @see glance/api/v2/image_tags.py Controller
 */
export class TagsController {
  readonly gateway: Gateway;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
  }

  /** @see glance/api/v2/image_tags.py Controller.update */
  update(req: ControllerRequest, image_id: string, tag_value: string): void {
    assertMutating(req);
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const image = image_repo.get(image_id);
      image.tags.add(tag_value);
      image_repo.save(image);
    } catch (e) {
      if (e instanceof NotFound) throw new HTTPNotFound({ explanation: pyFormat('Image %s not found.', [image_id]) });
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: pyFormat('Not allowed to update tags for image %s.', [image_id]) });
      if (e instanceof Invalid) throw new HTTPBadRequest({ explanation: pyFormat('Could not update image: %s', [exceptionText(e)]) });
      if (e instanceof ImageTagLimitExceeded) {
        const msg = pyFormat('Image tag limit exceeded for image %(id)s: %(e)s:', { id: image_id, e: exceptionText(e) });
        throw new HTTPRequestEntityTooLarge({ explanation: msg });
      }
      throw e;
    }
  }

  /** @see glance/api/v2/image_tags.py Controller.delete */
  delete(req: ControllerRequest, image_id: string, tag_value: string): void {
    assertMutating(req);
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const image = image_repo.get(image_id);
      if (!image.tags.contains(tag_value)) throw new HTTPNotFound();
      image.tags.remove(tag_value);
      image_repo.save(image);
    } catch (e) {
      if (e instanceof NotFound) throw new HTTPNotFound({ explanation: pyFormat('Image %s not found.', [image_id]) });
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: pyFormat('Not allowed to delete tags for image %s.', [image_id]) });
      throw e;
    }
  }
}

/**
 * The image tags response serializer: 204 for both actions.
 * @see glance/api/v2/image_tags.py ResponseSerializer
 */
export class ResponseSerializer extends JSONResponseSerializer {
  update(response: SerializerResponse): void {
    response.status_int = 204;
  }

  delete(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

/** `request.urlvars`: the routing match (webob reads `wsgiorg.routing_args[1]`). */
function urlvarsOf(request: Request): ReadonlyMap<string, unknown> {
  const routing = request.environ['wsgiorg.routing_args'];
  const match = Array.isArray(routing) ? (routing[1] as unknown) : undefined;
  if (match instanceof Map) return match as Map<string, unknown>;
  return new Map(Object.entries((match ?? {}) as Record<string, unknown>));
}

/**
 * The image tags request deserializer: a new tag must be a valid item of
 * the image schema's `tags` (a string of at most 255 characters).
 * @see glance/api/v2/image_tags.py RequestDeserializer
 */
export class RequestDeserializer extends JSONRequestDeserializer {
  constructor(private readonly settings: Pick<Settings, 'allow_additional_image_properties' | 'disk_formats' | 'container_formats'>) {
    super();
  }

  update(request: Request): Kwargs {
    try {
      // NOTE(quirk): glance/api/v2/image_tags.py builds the image schema anew (reading CONF) on every request.
      const schema = get_schema(this.settings);
      const schema_format = new Map<string, unknown>([['tags', [urlvarsOf(request).get('tag_value') ?? null]]]);
      schema.validate(schema_format);
    } catch (e) {
      if (e instanceof InvalidObject) throw new HTTPBadRequest({ explanation: e.msg });
      throw e;
    }
    return super.default(request);
  }
}

/** TagsController as wsgi.Resource calls it (see images.ts ImagesResourceController). */
export class TagsResourceController {
  constructor(readonly controller: TagsController) {}

  update(req: ControllerRequest, kwargs: Kwargs): void {
    assertMutating(contextOf(req));
    const a = bindKwargs('update', [{ name: 'image_id' }, { name: 'tag_value' }], kwargs);
    this.controller.update(contextOf(req), a['image_id'] as string, a['tag_value'] as string);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): void {
    assertMutating(contextOf(req));
    const a = bindKwargs('delete', [{ name: 'image_id' }, { name: 'tag_value' }], kwargs);
    this.controller.delete(contextOf(req), a['image_id'] as string, a['tag_value'] as string);
  }
}

/** @see glance/api/v2/image_tags.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const serializer = new ResponseSerializer();
  const deserializer = new RequestDeserializer(deps.settings);
  const controller = new TagsResourceController(new TagsController(deps));
  return new Resource(controller, deserializer, serializer);
}
