/**
 * The tags of a namespace: created one by name or all at once (replacing
 * the namespace's tags), listed with keyset paging (the marker is a tag
 * name), shown, renamed by PUT and deleted.
 * @see glance/api/v2/metadef_tags.py TagsController
 * @see glance/db/sqlalchemy/metadef_api/tag.py
 */
import { pyStr, pyTruthy } from '../../lib/python.js';
import { refuseFourByte } from '../compat/four-byte.js';
import { contentsOwner } from '../compat/metadef-authorization.js';
import { answeredUpdatedAt } from '../compat/metadef-writes.js';
import { tagsNotAList, tagsReplaceLooksUpNamespace } from '../compat/metadef-answers.js';
import { SAVE_NOT_FOUND, sortKeys } from '../compat/metadef-lookups.js';
import { enforce, findNamespace, guarded, lookUpNamespace, namespaceForContents, namespaceForSave, type Catalog, type Namespace } from './catalog.js';
import { deletedNow, tagPayload } from './notifications.js';
import { DuplicateRow, type Loaded, type TagRow } from '../db/metadefs.js';
import type { ListQuery } from './requests.js';
import {
  canChange, checkCreate, DELETE_REFUSED, duplicate, forbidden, modifyRefused, notFound, PROTECTED_TEXT, RESOURCE_NAMES, RULES,
} from './rules.js';
import { attr, valueOf, type MetadefTag, type MetadefTags } from './types.js';
import { tagModel, tagName } from './views.js';

const duplicateTag = (name: unknown, namespace: unknown): Error =>
  duplicate(`A metadata tag with name=${pyStr(name)} already exists in namespace=${pyStr(namespace)}. (Please note that metadata tag names are case insensitive).`);

/** A namespace's tags as the tag repo lists them by default: newest first. */
export function tagsOf(c: Catalog, ns: Namespace): TagRow[] {
  return c.repo.listTags(ns.id, { sortKeys: sortKeys('created_at'), sortDir: 'desc', marker: null, limit: null });
}

function findTag(c: Catalog, namespace: string, name: string): { ns: Namespace; loaded: Loaded<TagRow> } {
  enforce(c, RULES.getTag);
  const ns = lookUpNamespace(c, namespace);
  const loaded = typeof ns === 'string' ? undefined : c.repo.named('metadef_tags', ns.id, name);
  if (typeof ns === 'string' || loaded === undefined) throw notFound(`Could not find metadata tag ${pyStr(name)}`);
  return { ns, loaded };
}

/** Writes a new tag into a namespace the caller may see (the db api's own texts). */
export function insertTag(c: Catalog, namespace: string, name: unknown): void {
  refuseFourByte({ name }, namespace);
  const ns = namespaceForContents(c, namespace);
  try {
    c.repo.insertTag(ns.id, name);
  } catch (e) {
    if (e instanceof DuplicateRow) throw duplicateTag(name, namespace);
    throw e;
  }
}

/** The name comes from the path (checked against the tag schema by the caller). */
export function createTag(c: Catalog, namespace: string, name: string): MetadefTag {
  const made = guarded(() => {
    checkCreate(c.actor, 'tag', contentsOwner(c.actor));
    c.ids.uuid4();
    const now = c.clock.now();
    const tag = { name, created_at: now, updated_at: now };
    enforce(c, RULES.addTag);
    insertTag(c, namespace, name);
    c.notify('metadef_tag.create', tagPayload(namespace, tag, c.clock));
    return tag;
  }, 'create metadata tag');
  return tagModel(made);
}

/**
 * Replaces every tag of the namespace with the list, all or nothing (a
 * body without `tags`: compat/metadef-answers.ts tagsNotAList; an empty
 * list: tagsReplaceLooksUpNamespace).
 */
export function replaceTags(c: Catalog, namespace: string, body: MetadefTags): MetadefTag[] {
  return guarded(() => {
    const given = attr(body, 'tags');
    if (!Array.isArray(given)) throw tagsNotAList(given);
    const now = c.clock.now();
    const tags = (given as MetadefTag[]).map((t) => {
      checkCreate(c.actor, 'tag', contentsOwner(c.actor));
      c.ids.uuid4();
      return { name: valueOf(t, 'name'), created_at: now, updated_at: now };
    });
    enforce(c, RULES.addTags);
    if (tagsReplaceLooksUpNamespace(tags)) {
      const ns = namespaceForContents(c, namespace);
      let current: unknown = null;
      try {
        c.repo.transaction(() => {
          c.repo.deleteContents('metadef_tags', ns.id);
          for (const tag of tags) {
            current = tag.name;
            c.repo.insertTag(ns.id, tag.name);
          }
        });
      } catch (e) {
        if (e instanceof DuplicateRow) throw duplicateTag(current, namespace);
        throw e;
      }
    }
    for (const tag of tags) c.notify('metadef_tag.create', tagPayload(namespace, tag, c.clock));
    return tags.map((t) => tagName(t.name));
  });
}

/** A page of the namespace's tags (no next link). */
export function listTags(c: Catalog, namespace: string, q: ListQuery): MetadefTag[] {
  return guarded(() => {
    let marker: number | null = null;
    if (pyTruthy(q.marker)) marker = findTag(c, namespace, q.marker as string).loaded.row.id;
    enforce(c, RULES.listTags);
    const ns = findNamespace(c, namespace);
    const markerRow = marker === null ? null : c.repo.byId('metadef_tags', marker);
    if (markerRow === undefined) throw notFound(`Metadata tag not found for id ${marker}`);
    const keys = sortKeys(q.sortKey);
    const rows = c.repo.listTags(ns.id, { sortKeys: keys, sortDir: q.sortDir, marker: markerRow?.raw ?? null, limit: q.limit });
    return rows.map((t) => tagName(t.name));
  });
}

export function showTag(c: Catalog, namespace: string, name: string): MetadefTag {
  return guarded(() => tagModel(findTag(c, namespace, name).loaded.row));
}

/** PUT renames the tag; the answer shows compat/metadef-writes.ts answeredUpdatedAt. */
export function renameTag(c: Catalog, namespace: string, name: string, body: MetadefTag): MetadefTag {
  const renamed = guarded(() => {
    const { ns, loaded } = findTag(c, namespace, name);
    if (!canChange(c.actor, ns)) throw modifyRefused('name', RESOURCE_NAMES.tag);
    const tag = { ...loaded.row, name: valueOf(body, 'name'), updated_at: answeredUpdatedAt(loaded.row) };
    enforce(c, RULES.modifyTag);
    refuseFourByte({ name: tag.name }, ns.namespace, loaded.row.id);
    namespaceForSave(c, ns.namespace);
    const stored = c.repo.byId('metadef_tags', loaded.row.id);
    if (stored === undefined) throw notFound(SAVE_NOT_FOUND);
    try {
      c.repo.updateTag(stored, { name: tag.name });
    } catch (e) {
      if (e instanceof DuplicateRow) throw duplicateTag(tag.name, ns.namespace);
      throw e;
    }
    c.notify('metadef_tag.update', { ...tagPayload(ns.namespace, tag, c.clock), namespace: ns.namespace, name_old: loaded.row.name });
    return tag;
  }, 'update metadata tag');
  return tagModel(renamed);
}

export function deleteTag(c: Catalog, namespace: string, name: string): void {
  guarded(() => {
    const { ns, loaded } = findTag(c, namespace, name);
    if (!canChange(c.actor, ns)) throw forbidden(DELETE_REFUSED.tag);
    if (ns.protected) throw forbidden(PROTECTED_TEXT.tag(loaded.row.name));
    const again = lookUpNamespace(c, ns.namespace);
    const row = typeof again === 'string' ? undefined : c.repo.named('metadef_tags', again.id, loaded.row.name);
    if (row === undefined) throw notFound(`The specified metadata tag ${pyStr(loaded.row.name)} could not be found`);
    c.repo.deleteRow('metadef_tags', row.row.id);
    c.notify('metadef_tag.delete', { ...tagPayload(ns, loaded.row, c.clock), ...deletedNow(c.clock), namespace: ns.namespace });
  });
}
