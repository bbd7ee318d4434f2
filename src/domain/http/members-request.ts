/**
 * Reading a members request (glance/api/v2/image_members.py
 * RequestDeserializer): the body names the member (create) or the status
 * (update); their values are not checked here.
 */
import type { PyJson } from '../../lib/pyjson.js';
import type { Request } from '../../lib/webob/index.js';
import { isMemberId } from '../compat/request-bodies.js';
import { DomainError } from '../errors.js';
import { requiredJsonBody } from './body.js';

const badRequest = (text: string): DomainError => new DomainError('HTTPBadRequest', text);

/** `body[key]`: a dict without it, or a list, are the deserializer's own 400s. */
function member(body: PyJson, key: string, missing: string, shape: string): PyJson {
  if (!(body instanceof Map)) throw badRequest(shape);
  if (!body.has(key)) throw badRequest(missing);
  return body.get(key) as PyJson;
}

/** The member to add: any truthy JSON value (compat/request-bodies.ts isMemberId). */
export function parseMemberCreate(req: Request): PyJson {
  const body = requiredJsonBody(req);
  const id = member(body, 'member', 'Member to be added not specified', 'Expected a member in the form: {"member": "image_id"}');
  if (!isMemberId(id)) throw badRequest("Member can't be empty");
  return id;
}

export function parseMemberUpdate(req: Request): PyJson {
  const body = requiredJsonBody(req);
  return member(body, 'status', 'Status not specified', 'Expected a status in the form: {"status": "status"}');
}
