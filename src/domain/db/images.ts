/**
 * Image rows on the shared schema, written as Glance's sqlalchemy driver
 * writes them (glance/db/sqlalchemy/api.py): soft deletes, properties purged
 * by marking them deleted, locations replaced by id, tags set as a whole.
 * Every timestamp a step writes is the step's instant.
 */
import type Database from 'better-sqlite3';
import { PyFloat } from '../../lib/pyjson.js';
import { bindable } from './bind.js';
import { cachedDb, type Db } from './statements.js';
import { pyTruthy } from '../../lib/python.js';
import { formatDbDatetime, parseDbDatetime } from '../../shared/db/schema.js';
import { jsonDumps } from './json-column.js';
import type { Clock } from '../../shared/world.js';
import type { Actor } from '../actor.js';
import { DomainError } from '../errors.js';
import { createOnSaveFailure, idLongerThanColumn, saveCreates } from '../compat/image-db.js';
import { DB_STATUSES } from '../rules/status.js';
import { locationsHidden } from '../compat/locations.js';
import { canSee } from '../compat/lookups.js';
import { imageNotVisible } from '../compat/listing.js';
import { canMutate } from '../rules/visibility.js';
import { checkDict, checkParams } from '../compat/four-byte.js';
import type { Image, Location } from '../images/image.js';

export type Row = Record<string, unknown>;

/** models.Image.id is a String(36). */
const ID_COLUMN_LENGTH = 36;

const notFound = (id: string): DomainError => new DomainError('ImageNotFound', `No image found with ID ${id}`);

/**
 * Reads images as a caller may see them and writes them as Glance's db layer does.
 * @see glance/db/__init__.py ImageRepo.get
 * @see glance/db/sqlalchemy/api.py _image_update
 */
export class ImageRepository {
  private readonly db: Db;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.db = cachedDb(db);
  }

  now(): string {
    return formatDbDatetime(this.clock.now());
  }

  /** The row, hiding deleted rows from non-admins (`can_see_deleted`). */
  findRow(actor: Actor, id: string): Row | undefined {
    // Glance refuses an id longer than the column (36 characters, counted as Python counts them) before querying.
    if ([...id].length > ID_COLUMN_LENGTH) return undefined;
    const sql = actor.isAdmin ? 'SELECT * FROM images WHERE id = ?' : 'SELECT * FROM images WHERE id = ? AND deleted = 0';
    return this.db.prepare(sql).get(id) as Row | undefined;
  }

  /**
   * _image_get: missing is NotFound, invisible is Forbidden (compat/listing.ts
   * imageNotVisible; an over-long id: compat/image-db.ts idLongerThanColumn).
   */
  getRowChecked(actor: Actor, id: string): Row {
    if ([...id].length > ID_COLUMN_LENGTH) throw idLongerThanColumn();
    const row = this.findRow(actor, id);
    if (row === undefined) throw new DomainError('ImageNotFound', `No image found with ID ${id}`);
    if (!this.visible(actor, row)) throw imageNotVisible(id);
    return row;
  }

  /** ImageRepo's lookups: a row missing or hidden from the caller is "No image found with ID <id>". */
  private rowOrNotFound(actor: Actor, id: string): Row {
    try {
      return this.getRowChecked(actor, id);
    } catch {
      throw notFound(id);
    }
  }

  /** The row of an image the caller may change (save, remove); any other is "not found". */
  private mutableRowOrNotFound(actor: Actor, id: string): Row {
    const row = this.rowOrNotFound(actor, id);
    if (!canMutate(actor, { owner: row['owner'] as string | null, visibility: row['visibility'] as string })) throw notFound(id);
    return row;
  }

  visible(actor: Actor, row: Row): boolean {
    const image = { owner: row['owner'] as string | null, visibility: row['visibility'] as string };
    return canSee(actor, image, () => this.hasMembership(actor, row['id'] as string));
  }

  /** image_member_find(image, member=ctx.owner): any status, not deleted. */
  hasMembership(actor: Actor, imageId: string): boolean {
    if (actor.owner === null) return false;
    const row = this.db
      .prepare('SELECT 1 FROM image_members m JOIN images i ON i.id = m.image_id WHERE m.image_id = ? AND m.member = ? AND m.deleted = 0')
      .get(imageId, actor.owner);
    return row !== undefined;
  }

  /** ImageRepo.get: every failure reads "No image found with ID <id>". */
  get(actor: Actor, id: string): Image {
    const row = this.rowOrNotFound(actor, id);
    if (row['deleted']) throw notFound(id);
    return this.toImage(actor, row);
  }

  toImage(actor: Actor, row: Row, tags?: string[]): Image {
    const id = row['id'] as string;
    const image = this.imageOf(row, this.properties(id), tags ?? this.tags(id));
    image.locations = this.activeLocations(actor, id, image.status);
    return image;
  }

  /** The image of a row with its properties and tags; locations are the caller's to fill. */
  private imageOf(row: Row, properties: Map<string, string>, tags: readonly string[]): Image {
    return {
      id: row['id'] as string,
      name: row['name'] as string | null,
      status: row['status'] as string,
      created_at: parseDbDatetime(row['created_at']) as Date,
      updated_at: parseDbDatetime(row['updated_at']) as Date,
      visibility: row['visibility'] as string,
      min_disk: row['min_disk'] as number,
      min_ram: row['min_ram'] as number,
      protected: Boolean(row['protected']),
      checksum: row['checksum'] as string | null,
      owner: row['owner'] as string | null,
      disk_format: row['disk_format'] as string | null,
      container_format: row['container_format'] as string | null,
      size: row['size'] as number | null,
      virtual_size: row['virtual_size'] as number | null,
      properties,
      tags: new Set(tags),
      locations: [],
    };
  }

  /**
   * The images of a listing page in the given order, each read as `toImage`
   * reads one, with one query per table for the whole page.
   */
  loadPage(actor: Actor, ids: readonly string[]): Image[] {
    const json = JSON.stringify(ids);
    const rows = byKey(this.pageRows('SELECT * FROM images WHERE id IN (SELECT value FROM json_each(?))', json), 'id');
    const props = groupBy(this.pageRows('SELECT image_id, name, value FROM image_properties WHERE image_id IN (SELECT value FROM json_each(?)) AND deleted = 0 ORDER BY id', json));
    const tags = groupBy(this.pageRows('SELECT image_id, value FROM image_tags WHERE image_id IN (SELECT value FROM json_each(?)) AND deleted = 0 ORDER BY id', json));
    const locations = groupBy(this.pageRows(
      "SELECT image_id, id, value, meta_data, status FROM image_locations WHERE image_id IN (SELECT value FROM json_each(?)) AND deleted = 0 AND status = 'active' ORDER BY id",
      json,
    ));
    return ids.map((id) => {
      const row = rows.get(id);
      if (row === undefined) return this.toImage(actor, {});
      const image = this.imageOf(row, new Map((props.get(id) ?? []).map((r) => [r['name'] as string, r['value'] as string])), (tags.get(id) ?? []).map((r) => r['value'] as string));
      image.locations = locationsHidden(actor, image.status) ? [] : (locations.get(id) ?? []).map(toLocation);
      return image;
    });
  }

  private pageRows(sql: string, json: string): Row[] {
    return this.db.prepare(sql).all(json) as Row[];
  }

  private properties(id: string): Map<string, string> {
    const rows = this.db.prepare('SELECT name, value FROM image_properties WHERE image_id = ? AND deleted = 0 ORDER BY id').all(id) as Row[];
    return new Map(rows.map((r) => [r['name'] as string, r['value'] as string]));
  }

  tags(id: string): string[] {
    const rows = this.db.prepare('SELECT value FROM image_tags WHERE image_id = ? AND deleted = 0 ORDER BY id').all(id) as Row[];
    return rows.map((r) => r['value'] as string);
  }

  /** The active locations, none where they are hidden (compat/locations.ts locationsHidden). */
  private activeLocations(actor: Actor, id: string, status: string): Location[] {
    if (locationsHidden(actor, status)) return [];
    const rows = this.db
      .prepare("SELECT id, value, meta_data, status FROM image_locations WHERE image_id = ? AND deleted = 0 AND status = 'active' ORDER BY id")
      .all(id) as Row[];
    return rows.map(toLocation);
  }

  // ------------------------------------------------------------------ writes

  /** image_create + image_tag_set_all; a taken id (even deleted) is a Duplicate. */
  insert(image: Image): void {
    const now = this.now();
    checkDict([...dbValues(image), ['updated_at', image.updated_at]]);
    this.db.transaction(() => {
      validateForDb(image);
      if (this.db.prepare('SELECT 1 FROM images WHERE id = ?').get(image.id) !== undefined) {
        throw new DomainError('Duplicate', `Image ID ${image.id} already exists!`);
      }
      this.db
        .prepare(
          `INSERT INTO images (created_at, updated_at, deleted_at, deleted, id, name, disk_format, container_format, size,
             virtual_size, status, visibility, checksum, min_disk, min_ram, owner, protected)
           VALUES (?, ?, NULL, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          formatDbDatetime(image.created_at), formatDbDatetime(image.updated_at), image.id, bindable(image.name),
          bindable(image.disk_format), bindable(image.container_format), bindable(image.size), bindable(image.virtual_size),
          image.status, image.visibility, bindable(image.checksum), bindable(image.min_disk), bindable(image.min_ram),
          ownerValue(image.owner), image.protected ? 1n : 0n,
        );
      this.writeProperties(image.id, image.properties, false, now);
      if (image.locations.length > 0) this.writeLocations(image.id, image.locations, now);
    })();
    this.writeTags(image.id, image.tags, now);
  }

  /**
   * ImageRepo.save: image_update(purge_props=True, from_state) then the tags.
   * The row is re-read as the caller; an image it cannot see or change is
   * "not found". A falsy id is a create (compat/image-db.ts saveCreates).
   */
  save(actor: Actor, image: Image, fromState: string | null = null): void {
    if (saveCreates(image.id)) {
      image.updated_at = this.clock.now();
      try {
        return this.insert(image);
      } catch (e) {
        throw createOnSaveFailure(e);
      }
    }
    const now = this.now();
    checkDict(dbValues(image));
    checkParams(image.id);
    this.db.transaction(() => {
      const row = this.mutableRowOrNotFound(actor, image.id);
      validateForDb(image);
      const changed = this.db
        .prepare(
          `UPDATE images SET id = ?, name = ?, status = ?, min_disk = ?, min_ram = ?, protected = ?, checksum = ?, owner = ?,
             disk_format = ?, container_format = ?, size = ?, virtual_size = ?, visibility = ?, updated_at = ?
           WHERE id = ?${fromState === null ? '' : ' AND status = ?'}`,
        )
        .run(
          image.id, bindable(image.name), image.status, bindable(image.min_disk), bindable(image.min_ram), image.protected ? 1n : 0n,
          bindable(image.checksum), ownerValue(image.owner), bindable(image.disk_format), bindable(image.container_format),
          bindable(image.size), bindable(image.virtual_size), image.visibility, now, image.id,
          ...(fromState === null ? [] : [fromState]),
        ).changes;
      if (changed === 0) {
        const message = `cannot transition from ${String(row['status'])} to ${image.status} in update (wanted from_state=${String(fromState)})`;
        throw new DomainError('Conflict', message);
      }
      this.writeProperties(image.id, image.properties, true, now);
      if (image.locations.length > 0) this.writeLocations(image.id, image.locations, now);
      // The row is read back as the caller: a change that hides it (a new owner) is undone as "not found".
      const saved = this.findRow(actor, image.id);
      if (saved === undefined || !this.visible(actor, saved)) throw notFound(image.id);
    })();
    // The tags are a second write, as in Glance: a tag refused here leaves the image saved.
    this.writeTags(image.id, image.tags, now);
    image.updated_at = this.clock.now();
  }

  /** ImageRepo.remove: status and purge, then image_destroy (children soft-deleted). */
  remove(actor: Actor, image: Image): void {
    const now = this.now();
    this.db.transaction(() => {
      this.mutableRowOrNotFound(actor, image.id);
      this.db.prepare('UPDATE images SET status = ?, updated_at = ? WHERE id = ?').run(image.status, now, image.id);
      this.writeProperties(image.id, new Map(), true, now);
      this.db.prepare('UPDATE images SET deleted = 1, deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, image.id);
      this.db
        .prepare("UPDATE image_locations SET deleted = 1, status = 'deleted', updated_at = ?, deleted_at = ? WHERE image_id = ? AND deleted = 0")
        .run(now, now, image.id);
      for (const table of ['image_properties', 'image_members', 'image_tags']) {
        this.db.prepare(`UPDATE ${table} SET deleted = 1, deleted_at = ?, updated_at = ? WHERE image_id = ? AND deleted = 0`).run(now, now, image.id);
      }
    })();
    image.updated_at = this.clock.now();
  }

  /** image_location_delete: a location row marked deleted or pending_delete. */
  markLocation(imageId: string, locationId: number, status: 'deleted' | 'pending_delete'): void {
    const now = this.now();
    this.db
      .prepare('UPDATE image_locations SET deleted = 1, status = ?, updated_at = ?, deleted_at = ? WHERE id = ? AND image_id = ?')
      .run(status, now, now, locationId, imageId);
  }

  /** user_get_storage_usage: size x live locations over the owner's images. */
  storageUsage(owner: string | null, excludeId: string | null): number {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(i.size * (SELECT COUNT(*) FROM image_locations l WHERE l.image_id = i.id AND l.status != 'deleted')), 0) AS total
         FROM images i WHERE i.owner = ? AND (? IS NULL OR i.id != ?) AND i.size > 0 AND i.status NOT IN ('killed', 'deleted')`,
      )
      .get(owner, excludeId, excludeId) as Row;
    return Number(row['total']);
  }

  private writeProperties(imageId: string, props: ReadonlyMap<string, unknown>, purge: boolean, now: string): void {
    const existing = new Map(
      (this.db.prepare('SELECT id, name, value, deleted FROM image_properties WHERE image_id = ?').all(imageId) as Row[]).map((r) => [r['name'] as string, r]),
    );
    for (const [name, value] of props) {
      const row = existing.get(name);
      if (row === undefined) {
        this.db
          .prepare('INSERT INTO image_properties (created_at, updated_at, deleted_at, deleted, image_id, name, value) VALUES (?, ?, NULL, 0, ?, ?, ?)')
          .run(now, now, imageId, bindable(name), bindable(value));
      } else if (row['value'] !== value || row['deleted']) {
        // The ORM writes only when something changed (5 differs from '5').
        this.db.prepare('UPDATE image_properties SET value = ?, deleted = 0, updated_at = ? WHERE id = ?').run(bindable(value), now, row['id']);
      }
    }
    if (!purge) return;
    for (const [name, row] of existing) {
      if (props.has(name)) continue;
      this.db.prepare('UPDATE image_properties SET deleted = 1, deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, row['id']);
    }
  }

  /** _image_locations_set: rows not listed are deleted, new ones added, listed ones rewritten. */
  private writeLocations(imageId: string, locations: Location[], now: string): void {
    const keep = new Set(locations.filter((l) => l.id !== undefined).map((l) => l.id));
    const live = this.db.prepare('SELECT id FROM image_locations WHERE image_id = ? AND deleted = 0 ORDER BY id').all(imageId) as Row[];
    for (const r of live) if (!keep.has(r['id'] as number)) this.markLocation(imageId, r['id'] as number, 'deleted');
    for (const loc of locations) {
      checkDict([...(loc.id === undefined ? [] : [['id', loc.id] as [string, unknown]]), ['url', loc.url], ['metadata', loc.metadata], ['status', loc.status]]);
      const gone = loc.status === 'deleted' || loc.status === 'pending_delete';
      const meta = jsonDumps(loc.metadata);
      if (loc.id === undefined) {
        const info = this.db
          .prepare('INSERT INTO image_locations (created_at, updated_at, deleted_at, deleted, image_id, value, meta_data, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(now, now, gone ? now : null, gone ? 1n : 0n, imageId, loc.url, meta, loc.status);
        loc.id = Number(info.lastInsertRowid);
      } else {
        const changed = this.db
          .prepare('UPDATE image_locations SET value = ?, meta_data = ?, status = ?, deleted = ?, updated_at = ?, deleted_at = ? WHERE id = ? AND image_id = ?')
          .run(loc.url, meta, loc.status, gone ? 1n : 0n, now, gone ? now : null, loc.id, imageId).changes;
        // _image_location_update's query(...).one() finds no row of this image with that id.
        if (changed === 0) throw new DomainError('NotFound', `No location found with ID ${loc.id} from image ${imageId}`);
      }
    }
  }

  /** image_tag_set_all: add what is new, soft-delete what is gone. */
  private writeTags(imageId: string, tags: ReadonlySet<string>, now: string): void {
    const existing = this.tags(imageId);
    for (const tag of tags) {
      if (existing.includes(tag)) continue;
      // Each tag is its own write: tags before a refused one stay (Glance's set order is hash order; ours is insertion order).
      checkParams(imageId, tag);
      this.db
        .prepare('INSERT INTO image_tags (created_at, updated_at, deleted_at, deleted, image_id, value) VALUES (?, ?, NULL, 0, ?, ?)')
        .run(now, now, imageId, bindable(tag));
    }
    for (const tag of existing) {
      if (tags.has(tag)) continue;
      this.db
        .prepare('UPDATE image_tags SET deleted = 1, deleted_at = ?, updated_at = ? WHERE image_id = ? AND value = ? AND deleted = 0')
        .run(now, now, imageId, tag);
    }
  }
}

function toLocation(r: Row): Location {
  return {
    id: r['id'] as number,
    url: r['value'] as string,
    metadata: r['meta_data'] === null ? null : (JSON.parse(r['meta_data'] as string) as unknown),
    status: r['status'] as string,
  };
}

function byKey(rows: readonly Row[], key: string): Map<unknown, Row> {
  return new Map(rows.map((r) => [r[key], r]));
}

/** Rows by image, each image's rows in query order. */
function groupBy(rows: readonly Row[]): Map<unknown, Row[]> {
  const groups = new Map<unknown, Row[]>();
  for (const r of rows) {
    const group = groups.get(r['image_id']);
    if (group === undefined) groups.set(r['image_id'], [r]);
    else group.push(r);
  }
  return groups;
}

/** "Need to canonicalize ownership": a falsy owner is stored as NULL. */
function ownerValue(owner: unknown): unknown {
  return pyTruthy(owner) ? bindable(owner) : null;
}

/** The values ImageRepo hands the db api, in _format_image_to_db order. */
function dbValues(image: Image): Array<[string, unknown]> {
  return [
    ['id', image.id], ['name', image.name], ['status', image.status], ['created_at', image.created_at],
    ['min_disk', image.min_disk], ['min_ram', image.min_ram], ['protected', image.protected], ['locations', image.locations],
    ['checksum', image.checksum], ['owner', image.owner], ['disk_format', image.disk_format],
    ['container_format', image.container_format], ['size', image.size], ['virtual_size', image.virtual_size],
    ['visibility', image.visibility], ['properties', Object.fromEntries(image.properties)],
  ];
}

const MAX_DB_INT = 2 ** 31 - 1;

/** _validate_image: a known status and db-sized integers. */
function validateForDb(image: Image): void {
  if (!image.status) throw new DomainError('Invalid', 'Image status is required.');
  if (!DB_STATUSES.includes(image.status)) throw new DomainError('Invalid', `Invalid image status '${image.status}' for image.`);
  for (const param of ['min_disk', 'min_ram'] as const) {
    const v = image[param] instanceof PyFloat ? (image[param] as PyFloat).value : image[param];
    if ((typeof v === 'number' && v > MAX_DB_INT) || (typeof v === 'bigint' && v > BigInt(MAX_DB_INT))) {
      throw new DomainError('Invalid', `'${param}' value out of range, must not exceed ${MAX_DB_INT}.`);
    }
  }
}
