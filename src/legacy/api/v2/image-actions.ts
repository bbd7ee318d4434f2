/**
 * Deactivate and reactivate: the domain decides the transition, the
 * controller saves only when the status really changed.
 */
import { Forbidden, InvalidImageStatusTransition, NotFound } from '../../exception.js';
import { HTTPBadRequest, HTTPForbidden, HTTPNotFound } from '../../webob.js';
import { Gateway } from '../../gateway.js';
import { assertMutating, contextOf, type ControllerDeps, type ControllerRequest, type SerializerResponse } from './images.js';
import { JSONResponseSerializer, Resource, bindKwargs, type Kwargs } from '../../common/wsgi.js';

/**
 * The image actions resource.
 * @see glance/api/v2/image_actions.py ImageActionsController
 */
export class ImageActionsController {
  readonly gateway: Gateway;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
  }

  /** @see glance/api/v2/image_actions.py ImageActionsController.deactivate */
  deactivate(req: ControllerRequest, image_id: string): void {
    assertMutating(req);
    this.act(req, image_id, 'deactivate', 'active');
  }

  /** @see glance/api/v2/image_actions.py ImageActionsController.reactivate */
  reactivate(req: ControllerRequest, image_id: string): void {
    assertMutating(req);
    this.act(req, image_id, 'reactivate', 'deactivated');
  }

  /** Both actions save (from the old state) only if the image was in `savesFrom`. */
  private act(req: ControllerRequest, image_id: string, action: 'deactivate' | 'reactivate', savesFrom: string): void {
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const image = image_repo.get(image_id);
      const status = image.status;
      image[action]();
      if (status === savesFrom) image_repo.save(image, savesFrom);
    } catch (e) {
      if (e instanceof NotFound) throw new HTTPNotFound({ explanation: e.msg });
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      if (e instanceof InvalidImageStatusTransition) throw new HTTPBadRequest({ explanation: e.msg });
      throw e;
    }
  }
}

/**
 * The image actions response serializer: 204 for both actions.
 * @see glance/api/v2/image_actions.py ResponseSerializer
 */
export class ResponseSerializer extends JSONResponseSerializer {
  deactivate(response: SerializerResponse): void {
    response.status_int = 204;
  }

  reactivate(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

/** ImageActionsController as wsgi.Resource calls it (see images.ts ImagesResourceController). */
export class ImageActionsResourceController {
  constructor(readonly controller: ImageActionsController) {}

  deactivate(req: ControllerRequest, kwargs: Kwargs): void {
    assertMutating(contextOf(req));
    const a = bindKwargs('deactivate', [{ name: 'image_id' }], kwargs);
    this.controller.deactivate(contextOf(req), a['image_id'] as string);
  }

  reactivate(req: ControllerRequest, kwargs: Kwargs): void {
    assertMutating(contextOf(req));
    const a = bindKwargs('reactivate', [{ name: 'image_id' }], kwargs);
    this.controller.reactivate(contextOf(req), a['image_id'] as string);
  }
}

/**
 * No deserializer of its own: the default JSON one.
 * @see glance/api/v2/image_actions.py create_resource
 */
export function create_resource(deps: ControllerDeps): Resource {
  const serializer = new ResponseSerializer();
  const controller = new ImageActionsResourceController(new ImageActionsController(deps));
  return new Resource(controller, null, serializer);
}
