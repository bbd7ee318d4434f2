/**
 * Deactivate and reactivate: the domain decides the transition, the
 * controller saves only when the status really changed.
 */
import { Forbidden, InvalidImageStatusTransition, NotFound } from '../../exception.js';
import { HTTPBadRequest, HTTPForbidden, HTTPNotFound } from '../../webob.js';
import { Gateway } from '../../gateway.js';
import { assertMutating, type ControllerDeps, type Request } from './images.js';

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
  deactivate(req: Request, image_id: string): void {
    assertMutating(req);
    this.act(req, image_id, 'deactivate', 'active');
  }

  /** @see glance/api/v2/image_actions.py ImageActionsController.reactivate */
  reactivate(req: Request, image_id: string): void {
    assertMutating(req);
    this.act(req, image_id, 'reactivate', 'deactivated');
  }

  /** Both actions save (from the old state) only if the image was in `savesFrom`. */
  private act(req: Request, image_id: string, action: 'deactivate' | 'reactivate', savesFrom: string): void {
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

/** @see glance/api/v2/image_actions.py ResponseSerializer */
export class ImageActionsResponseSerializer {
  deactivate(): { status: number } {
    return { status: 204 };
  }
  reactivate(): { status: number } {
    return { status: 204 };
  }
}
