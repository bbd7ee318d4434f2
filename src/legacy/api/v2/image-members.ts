/**
 * Image members: every handler first looks the image up, then the member
 * repo (which refuses non-shared images), then the member, each lookup with
 * its own error text. The request deserializer reads `member` (create) and
 * `status` (update) out of the body; the serializer writes the member view.
 */
import { Duplicate, Forbidden, ImageMemberLimitExceeded, Invalid, NotFound } from '../../exception.js';
import {
  HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPNotFound, HTTPRequestEntityTooLarge,
} from '../../webob.js';
import { Gateway, type ImageLike, type MemberLike, type MemberRepoLike } from '../../gateway.js';
import type { Clock } from '../../../shared/world.js';
import { ValueError, pyFormat } from '../../../lib/python.js';
import { JSONResponseSerializer } from '../../common/wsgi.js';
import { Resource, JSONRequestDeserializer, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { Schema, CollectionSchema } from '../../schema.js';
import { Response } from '../../../lib/webob/response.js';
import { KeyError, TypeError_, pyTruthy } from '../../../lib/python.js';
import {
  assertMutating, contextOf, exceptionText, isotime, toRecord, writeJson, type ControllerDeps, type ControllerRequest,
  type SerializerResponse,
} from './images.js';

/**
 * The image members resource.
 * @see glance/api/v2/image_members.py ImageMembersController
 */
export class ImageMembersController {
  readonly gateway: Gateway;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
  }

  /** @see glance/api/v2/image_members.py ImageMembersController._get_member_repo */
  _get_member_repo(req: ControllerRequest, image: ImageLike): MemberRepoLike {
    try {
      return this.gateway.get_member_repo(image, req.context);
    } catch (e) {
      if (e instanceof Forbidden) {
        const msg = pyFormat('Error fetching members of image %(image_id)s: %(inner_msg)s', { image_id: image.image_id, inner_msg: e.msg });
        throw new HTTPForbidden({ explanation: msg });
      }
      throw e;
    }
  }

  /** @see glance/api/v2/image_members.py ImageMembersController._lookup_image */
  _lookup_image(req: ControllerRequest, image_id: string): ImageLike {
    const image_repo = this.gateway.get_repo(req.context);
    try {
      return image_repo.get(image_id);
    } catch (e) {
      if (e instanceof NotFound) throw new HTTPNotFound({ explanation: pyFormat('Image %s not found.', [image_id]) });
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: pyFormat('You are not authorized to lookup image %s.', [image_id]) });
      throw e;
    }
  }

  /** @see glance/api/v2/image_members.py ImageMembersController._lookup_member */
  _lookup_member(req: ControllerRequest, image: ImageLike, member_id: string): MemberLike {
    const member_repo = this._get_member_repo(req, image);
    try {
      return member_repo.get(member_id);
    } catch (e) {
      if (e instanceof NotFound) {
        const msg = pyFormat('%(m_id)s not found in the member list of the image %(i_id)s.', { m_id: member_id, i_id: image.image_id });
        throw new HTTPNotFound({ explanation: msg });
      }
      if (e instanceof Forbidden) {
        throw new HTTPForbidden({ explanation: pyFormat('You are not authorized to lookup the members of the image %s.', [image.image_id]) });
      }
      throw e;
    }
  }

  /**
   * Adds a membership; answers 200, not 201.
   * @see glance/api/v2/image_members.py ImageMembersController.create
   */
  create(req: ControllerRequest, image_id: string, member_id: string): MemberLike {
    assertMutating(req);
    const image = this._lookup_image(req, image_id);
    const member_repo = this._get_member_repo(req, image);
    const image_member_factory = this.gateway.get_image_member_factory(req.context);
    try {
      const new_member = image_member_factory.new_image_member(image, member_id);
      member_repo.add(new_member);
      return new_member;
    } catch (e) {
      if (e instanceof Invalid) throw new HTTPBadRequest({ explanation: e.msg });
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: pyFormat('Not allowed to create members for image %s.', [image_id]) });
      if (e instanceof Duplicate) {
        const msg = pyFormat('Member %(member_id)s is duplicated for image %(image_id)s', { member_id, image_id });
        throw new HTTPConflict({ explanation: msg });
      }
      if (e instanceof ImageMemberLimitExceeded) {
        const msg = pyFormat('Image member limit exceeded for image %(id)s: %(e)s:', { id: image_id, e: exceptionText(e) });
        throw new HTTPRequestEntityTooLarge({ explanation: msg });
      }
      throw e;
    }
  }

  /** @see glance/api/v2/image_members.py ImageMembersController.update */
  update(req: ControllerRequest, image_id: string, member_id: string, status: unknown): MemberLike {
    assertMutating(req);
    const image = this._lookup_image(req, image_id);
    const member_repo = this._get_member_repo(req, image);
    const member = this._lookup_member(req, image, member_id);
    try {
      member.status = status as string;
      member_repo.save(member);
      return member;
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: pyFormat('Not allowed to update members for image %s.', [image_id]) });
      if (e instanceof ValueError) throw new HTTPBadRequest({ explanation: pyFormat('Incorrect request: %s', [exceptionText(e)]) });
      throw e;
    }
  }

  /** @see glance/api/v2/image_members.py ImageMembersController.index */
  index(req: ControllerRequest, image_id: string): { members: MemberLike[] } {
    const image = this._lookup_image(req, image_id);
    const member_repo = this._get_member_repo(req, image);
    const members: MemberLike[] = [];
    try {
      for (const member of member_repo.list()) members.push(member);
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: pyFormat('Not allowed to list members for image %s.', [image_id]) });
      throw e;
    }
    return { members };
  }

  /** @see glance/api/v2/image_members.py ImageMembersController.show */
  show(req: ControllerRequest, image_id: string, member_id: string): MemberLike {
    try {
      const image = this._lookup_image(req, image_id);
      return this._lookup_member(req, image, member_id);
    } catch (e) {
      // Glance hides a 403 as a 404 so as not to leak the image's existence.
      if (e instanceof HTTPForbidden) throw new HTTPNotFound({ explanation: e.explanation });
      throw e;
    }
  }

  /**
   * Returns its own 204 response, as Glance's controller does.
   * @see glance/api/v2/image_members.py ImageMembersController.delete
   */
  delete(req: ControllerRequest, image_id: string, member_id: string): { status: number } {
    assertMutating(req);
    const image = this._lookup_image(req, image_id);
    const member_repo = this._get_member_repo(req, image);
    const member = this._lookup_member(req, image, member_id);
    try {
      member_repo.remove(member);
      return { status: 204 };
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: pyFormat('Not allowed to delete members for image %s.', [image_id]) });
      throw e;
    }
  }
}

/**
 * The members request deserializer: the body must name the member (create)
 * or the status (update); their values are not checked here.
 * @see glance/api/v2/image_members.py RequestDeserializer
 */
export class RequestDeserializer extends JSONRequestDeserializer {
  _get_request_body(request: Request): unknown {
    const output = super.default(request);
    if (!('body' in output)) throw new HTTPBadRequest({ explanation: 'Body expected in request.' });
    return output['body'];
  }

  /**
   * NOTE(quirk): glance/api/v2/image_members.py takes any truthy JSON value
   * as the member id (a number is stored as the member); an unhashable one
   * (a list) fails later, in the db api, as a 500.
   */
  create(request: Request): Kwargs {
    const body = this._get_request_body(request);
    let member_id: unknown;
    try {
      member_id = bodyItem(body, 'member');
    } catch (e) {
      if (e instanceof KeyError) throw new HTTPBadRequest({ explanation: 'Member to be added not specified' });
      if (e instanceof TypeError_) throw new HTTPBadRequest({ explanation: 'Expected a member in the form: {"member": "image_id"}' });
      throw e;
    }
    if (!pyTruthy(member_id)) throw new HTTPBadRequest({ explanation: "Member can't be empty" });
    return { member_id };
  }

  update(request: Request): Kwargs {
    const body = this._get_request_body(request);
    try {
      return { status: bodyItem(body, 'status') };
    } catch (e) {
      if (e instanceof KeyError) throw new HTTPBadRequest({ explanation: 'Status not specified' });
      if (e instanceof TypeError_) throw new HTTPBadRequest({ explanation: 'Expected a status in the form: {"status": "status"}' });
      throw e;
    }
  }
}

/** `body[key]` of a parsed JSON body (a dict or a list). */
function bodyItem(body: unknown, key: string): unknown {
  if (body instanceof Map) {
    if (!body.has(key)) throw new KeyError(key);
    return body.get(key);
  }
  throw new TypeError_('list indices must be integers or slices, not str');
}

/**
 * The image members response serializer.
 * @see glance/api/v2/image_members.py ResponseSerializer
 */
export class ResponseSerializer extends JSONResponseSerializer {
  readonly schema: Schema;

  constructor(private readonly clock: Clock, schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema();
  }

  /** @see glance/api/v2/image_members.py ResponseSerializer._format_image_member */
  _format_image_member(member: MemberLike): Map<string, unknown> {
    const member_view = new Map<string, unknown>([
      ['member_id', member.member_id],
      ['image_id', member.image_id],
      ['status', member.status],
      ['created_at', isotime(member.created_at, this.clock)],
      ['updated_at', isotime(member.updated_at, this.clock)],
      ['schema', '/v2/schemas/member'],
    ]);
    return this.schema.filter(member_view);
  }

  create(response: SerializerResponse, image_member: MemberLike): void {
    writeJson(response, this._format_image_member(image_member));
  }

  update(response: SerializerResponse, image_member: MemberLike): void {
    writeJson(response, this._format_image_member(image_member));
  }

  index(response: SerializerResponse, image_members: { members: MemberLike[] }): void {
    const members = image_members.members.map((m) => this._format_image_member(m));
    writeJson(response, new Map<string, unknown>([['members', members], ['schema', '/v2/schemas/members']]));
  }

  show(response: SerializerResponse, image_member: MemberLike): void {
    writeJson(response, this._format_image_member(image_member));
  }
}

/** @see glance/api/v2/image_members.py _MEMBER_SCHEMA */
function memberSchemaProperties(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['member_id', { type: 'string', description: 'An identifier for the image member (tenantId)' }],
    ['image_id', {
      type: 'string', description: 'An identifier for the image',
      pattern: '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$',
    }],
    ['created_at', { type: 'string', description: 'Date and time of image member creation' }],
    ['updated_at', { type: 'string', description: 'Date and time of last modification of image member' }],
    ['status', { type: 'string', description: 'The status of this image member', enum: ['pending', 'accepted', 'rejected'] }],
    ['schema', { readOnly: true, type: 'string' }],
  ]);
}

/** @see glance/api/v2/image_members.py get_schema */
export function get_schema(): Schema {
  return new Schema('member', memberSchemaProperties());
}

/** @see glance/api/v2/image_members.py get_collection_schema */
export function get_collection_schema(): CollectionSchema {
  return new CollectionSchema('members', get_schema());
}

/**
 * ImageMembersController as wsgi.Resource calls it (see
 * images.ts ImagesResourceController). `delete` answers the controller's
 * own `webob.Response(body='', status=204)`.
 */
export class ImageMembersResourceController {
  constructor(readonly controller: ImageMembersController) {}

  create(req: ControllerRequest, kwargs: Kwargs): MemberLike {
    assertMutating(contextOf(req));
    const a = bindKwargs('create', [{ name: 'image_id' }, { name: 'member_id' }], kwargs);
    return this.controller.create(contextOf(req), a['image_id'] as string, a['member_id'] as string);
  }

  update(req: ControllerRequest, kwargs: Kwargs): MemberLike {
    assertMutating(contextOf(req));
    const a = bindKwargs('update', [{ name: 'image_id' }, { name: 'member_id' }, { name: 'status' }], kwargs);
    return this.controller.update(contextOf(req), a['image_id'] as string, a['member_id'] as string, a['status']);
  }

  index(req: ControllerRequest, kwargs: Kwargs): { members: MemberLike[] } {
    const a = bindKwargs('index', [{ name: 'image_id' }], kwargs);
    return this.controller.index(contextOf(req), a['image_id'] as string);
  }

  show(req: ControllerRequest, kwargs: Kwargs): MemberLike {
    const a = bindKwargs('show', [{ name: 'image_id' }, { name: 'member_id' }], kwargs);
    return this.controller.show(contextOf(req), a['image_id'] as string, a['member_id'] as string);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): Response {
    assertMutating(contextOf(req));
    const a = bindKwargs('delete', [{ name: 'image_id' }, { name: 'member_id' }], kwargs);
    this.controller.delete(contextOf(req), a['image_id'] as string, a['member_id'] as string);
    return new Response({ body: '', status: 204 });
  }
}

/** @see glance/api/v2/image_members.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const deserializer = new RequestDeserializer();
  const serializer = new ResponseSerializer(deps.clock);
  const controller = new ImageMembersResourceController(new ImageMembersController(deps));
  return new Resource(controller, deserializer, serializer);
}

// ------------------------------------------------------------ format 1

/** The members serializer for format-1 scenarios: the same member view, as a status and a plain body. */
export class ImageMembersResponseSerializer {
  private readonly serializer: ResponseSerializer;

  constructor(clock: Clock) {
    this.serializer = new ResponseSerializer(clock);
  }

  _format_image_member(member: MemberLike): Record<string, unknown> {
    return toRecord(this.serializer._format_image_member(member));
  }

  create(member: MemberLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_image_member(member) };
  }

  update(member: MemberLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_image_member(member) };
  }

  show(member: MemberLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_image_member(member) };
  }

  index(result: { members: MemberLike[] }): { status: number; body: Record<string, unknown> } {
    const members = result.members.map((m) => this._format_image_member(m));
    return { status: 200, body: { members, schema: '/v2/schemas/members' } };
  }
}
