/**
 * image_members rows (glance/db/sqlalchemy/api.py image_member_*): a
 * non-admin finds only rows of images it owns or where it is the member;
 * a deleted row is reused when the member is added again.
 */
import type Database from 'better-sqlite3';
import { cachedDb, type Db } from './statements.js';
import { formatDbDatetime, parseDbDatetime } from '../../shared/db/schema.js';
import type { Clock } from '../../shared/world.js';
import type { Actor } from '../actor.js';
import { checkDict } from '../compat/four-byte.js';
import { bindable } from './bind.js';
import type { Member } from '../members/member.js';

type Row = Record<string, unknown>;

function toMember(r: Row): Member {
  return {
    id: r['id'] as number,
    image_id: r['image_id'] as string,
    member_id: r['member'] as string,
    status: r['status'] as string,
    created_at: parseDbDatetime(r['created_at']) as Date,
    updated_at: parseDbDatetime(r['updated_at']) as Date,
  };
}

/**
 * Member rows, found as the caller may see them.
 * @see glance/db/__init__.py ImageMemberRepo.add
 * @see glance/db/sqlalchemy/api.py image_member_find
 */
export class MemberRepository {
  private readonly db: Db;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.db = cachedDb(db);
  }

  /** image_member_find(image_id, member?) as the caller may see rows. */
  find(actor: Actor, imageId: string, memberId: unknown = null, includeDeleted = false): Member[] {
    const where = ['m.image_id = ?'];
    const params: unknown[] = [imageId];
    if (!includeDeleted) where.push('m.deleted = 0');
    if (!actor.isAdmin) {
      // SQLAlchemy renders == None as IS NULL: an anonymous caller matches ownerless images.
      where.push('(i.owner IS ? OR m.member IS ?)');
      params.push(actor.owner, actor.owner);
    }
    if (memberId !== null) {
      where.push('m.member = ?');
      params.push(bindable(memberId));
    }
    const sql = `SELECT m.* FROM image_members m JOIN images i ON i.id = m.image_id WHERE ${where.join(' AND ')} ORDER BY m.id`;
    return (this.db.prepare(sql).all(...params) as Row[]).map(toMember);
  }

  /** image_member_count: live rows of the image, whoever asks. */
  count(imageId: string): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM image_members WHERE image_id = ? AND deleted = 0').get(imageId) as Row;
    return Number(row['n']);
  }

  /** Creates the row, or revives a deleted one (keeping its created_at and deleted_at). */
  add(actor: Actor, member: Member): void {
    const now = formatDbDatetime(this.clock.now());
    const [old] = this.find(actor, member.image_id, member.member_id, true);
    if (old !== undefined) {
      this.db.prepare('UPDATE image_members SET status = ?, deleted = 0, can_share = 0, updated_at = ? WHERE id = ?').run(member.status, now, old.id);
      member.id = old.id;
      member.created_at = old.created_at;
    } else {
      checkDict([['image_id', member.image_id], ['member', member.member_id], ['status', member.status], ['created_at', member.created_at]]);
      const info = this.db
        .prepare('INSERT INTO image_members (created_at, updated_at, deleted_at, deleted, image_id, member, can_share, status) VALUES (?, ?, NULL, 0, ?, ?, 0, ?)')
        .run(formatDbDatetime(member.created_at), now, member.image_id, bindable(member.member_id), member.status);
      member.id = Number(info.lastInsertRowid);
    }
    member.updated_at = this.clock.now();
  }

  /** The ORM writes only a changed row: re-setting the same status keeps updated_at. */
  save(member: Member, previousStatus: string): void {
    if (member.status === previousStatus) return;
    this.db
      .prepare('UPDATE image_members SET status = ?, deleted = 0, can_share = 0, updated_at = ? WHERE id = ?')
      .run(member.status, formatDbDatetime(this.clock.now()), member.id);
    member.updated_at = this.clock.now();
  }

  remove(member: Member): void {
    const now = formatDbDatetime(this.clock.now());
    this.db.prepare('UPDATE image_members SET deleted = 1, deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, member.id);
  }
}
