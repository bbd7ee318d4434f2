/**
 * Adding and removing one tag. Glance saves the image after `tags.add` even
 * when the tag was already there, so an image.update is always sent.
 */
import { Forbidden, ImageTagLimitExceeded, Invalid, NotFound } from '../../exception.js';
import { HTTPBadRequest, HTTPForbidden, HTTPNotFound, HTTPRequestEntityTooLarge } from '../../webob.js';
import { Gateway } from '../../gateway.js';
import { pyFormat } from '../../../lib/python.js';
import { assertMutating, exceptionText, type ControllerDeps, type Request } from './images.js';

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
  update(req: Request, image_id: string, tag_value: string): void {
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
  delete(req: Request, image_id: string, tag_value: string): void {
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

/** @see glance/api/v2/image_tags.py ResponseSerializer */
export class TagsResponseSerializer {
  update(): { status: number } {
    return { status: 204 };
  }
  delete(): { status: number } {
    return { status: 204 };
  }
}
