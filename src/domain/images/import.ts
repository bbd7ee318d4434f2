/**
 * Image import (POST /v2/images/{id}/import): records an api_image_import
 * task for the image. The task is never run (the format stores tasks
 * without running them), and the image is not looked up: an unknown id
 * gets a task too.
 * @see glance/api/v2/images.py ImagesController.import_image
 */
import { pyFormat, pyRepr, pyTruthy } from '../../lib/python.js';
import { hostnameOf, urlparse } from '../../shared/store/urlparse.js';
import { requireWritable } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { addTask } from '../tasks/tasks.js';

/** [import_filtering_opts] at Glance 16.0.0's defaults: http(s) on ports 80 and 443, any host. */
const ALLOWED_SCHEMES = ['http', 'https'];
const ALLOWED_PORTS = [80, 443];

/** `ParseResult.port`: null when absent; a ValueError (500) when not an ASCII integer in 0-65535. */
function portOf(netloc: string): number | null {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const afterBracket = hostinfo.includes('[') ? hostinfo.slice(hostinfo.indexOf(']') + 1) : hostinfo;
  const colon = afterBracket.indexOf(':');
  const text = colon < 0 ? '' : afterBracket.slice(colon + 1);
  if (!text) return null;
  if (!/^[0-9]+$/.test(text)) throw new DomainError('ValueError', `Port could not be cast to integer value as ${pyRepr(text)}`);
  const port = Number(text);
  if (port > 65535) throw new DomainError('ValueError', 'Port out of range 0-65535');
  return port;
}

/** @see glance/common/utils.py validate_import_uri */
function uriAllowed(uri: unknown): boolean {
  if (!pyTruthy(uri)) return false;
  const parsed = urlparse(uri as string);
  if (!ALLOWED_SCHEMES.includes(parsed.scheme)) return false;
  if (!hostnameOf(parsed.netloc)) return false;
  const port = portOf(parsed.netloc);
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
