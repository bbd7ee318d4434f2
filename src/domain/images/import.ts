/**
 * Image import (POST /v2/images/{id}/import): records an api_image_import
 * task for the image. The task is never run (the format stores tasks
 * without running them), and the image is not looked up: an unknown id
 * gets a task too.
 * @see glance/api/v2/images.py ImagesController.import_image
 */
import { pyFormat, pyTruthy } from '../../lib/python.js';
import { hostnameOf, urlparse } from '../../shared/store/urlparse.js';
import { requireWritable } from '../actor.js';
import { uriPort } from '../compat/import-uri.js';
import type { Ctx } from '../context.js';
import { fail } from '../errors.js';
import { addTask } from '../tasks/tasks.js';

/** [import_filtering_opts] at Glance 16.0.0's defaults: http(s) on ports 80 and 443, any host. */
const ALLOWED_SCHEMES = ['http', 'https'];
const ALLOWED_PORTS = [80, 443];

/** @see glance/common/utils.py validate_import_uri */
function uriAllowed(uri: unknown): boolean {
  if (!pyTruthy(uri)) return false;
  const parsed = urlparse(uri as string);
  // Glance reads hostname and port before checking anything: a bad port fails (500) whatever the scheme or host.
  const port = uriPort(parsed.netloc);
  if (!ALLOWED_SCHEMES.includes(parsed.scheme)) return false;
  if (!hostnameOf(parsed.netloc)) return false;
  return !port || ALLOWED_PORTS.includes(port);
}

/** `body` is what the import deserializer accepted: a method with a known name. */
export function importImage(ctx: Ctx, imageId: string, body: ReadonlyMap<string, unknown>): void {
  requireWritable(ctx.actor);
  // The task executor factory builds an image repo: a bad protections file fails here.
  ctx.protections();
  const method = body.get('method') as ReadonlyMap<string, unknown>;
  const uri = method.get('uri') ?? null;
  if (method.get('name') === 'web-download' && !uriAllowed(uri)) {
    fail('HTTPBadRequest', pyFormat('URI for web-download does not pass filtering: %s', [uri]));
  }
  addTask(ctx, 'api_image_import', new Map<string, unknown>([['image_id', imageId], ['import_req', body]]));
}
