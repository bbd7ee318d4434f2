/**
 * Image members: every handler first looks the image up, then the member
 * repo (which refuses non-shared images), then the member, each lookup with
 * its own error text.
 */
import { Duplicate, Forbidden, ImageMemberLimitExceeded, Invalid, NotFound } from '../../exception.js';
import {
  HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPNotFound, HTTPRequestEntityTooLarge,
} from '../../webob.js';
import { Gateway, type ImageLike, type MemberLike, type MemberRepoLike } from '../../gateway.js';
import type { Clock } from '../../../shared/world.js';
import { ValueError, pyFormat } from '../../../lib/python.js';
import { assertMutating, exceptionText, isotime, schemaFilter, type ControllerDeps, type Request } from './images.js';

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
  _get_member_repo(req: Request, image: ImageLike): MemberRepoLike {
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
  _lookup_image(req: Request, image_id: string): ImageLike {
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
  _lookup_member(req: Request, image: ImageLike, member_id: string): MemberLike {
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
  create(req: Request, image_id: string, member_id: string): MemberLike {
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
  update(req: Request, image_id: string, member_id: string, status: unknown): MemberLike {
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
  index(req: Request, image_id: string): { members: MemberLike[] } {
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
  show(req: Request, image_id: string, member_id: string): MemberLike {
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
  delete(req: Request, image_id: string, member_id: string): { status: number } {
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

const MEMBER_SCHEMA_PROPERTIES: ReadonlySet<string> = new Set(['member_id', 'image_id', 'created_at', 'updated_at', 'status', 'schema']);

/**
 * The image members response serializer.
 * @see glance/api/v2/image_members.py ResponseSerializer
 */
export class ImageMembersResponseSerializer {
  constructor(private readonly clock: Clock) {}

  /** @see glance/api/v2/image_members.py ResponseSerializer._format_image_member */
  _format_image_member(member: MemberLike): Record<string, unknown> {
    const view = new Map<string, unknown>([
      ['member_id', member.member_id],
      ['image_id', member.image_id],
      ['status', member.status],
      ['created_at', isotime(member.created_at, this.clock)],
      ['updated_at', isotime(member.updated_at, this.clock)],
      ['schema', '/v2/schemas/member'],
    ]);
    return schemaFilter(view, MEMBER_SCHEMA_PROPERTIES, false);
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
