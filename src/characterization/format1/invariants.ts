/**
 * Properties that must hold on either model whatever the scenario, stated
 * without either model's code: what a caller may see and change, that
 * bytes come back as uploaded, that count quotas hold, and that a refused
 * step leaves the database and store as they were where Glance guarantees
 * that. Each returns the first violation found, or null.
 */
import type { Scenario } from '../../shared/scenario.js';
import type { WorldSnapshot } from '../../shared/snapshot.js';
import type { Trace } from '../../shared/trace.js';
import type { Caller } from '../../shared/world.js';

type Row = Record<string, unknown>;

interface Who {
  readonly owner: string | null;
  readonly isAdmin: boolean;
}

function who(caller: Caller | null, scenario: Scenario): Who | null {
  // An overridden context_is_admin makes admin-ness a policy question; the
  // invariants below then have no model-independent answer.
  if (scenario.config.policy?.context_is_admin !== undefined) return null;
  if (caller === null) return { owner: null, isAdmin: false };
  const owner = scenario.config.owner_is_tenant === false ? caller.user : caller.project;
  return { owner, isAdmin: caller.roles.some((r) => r.toLowerCase() === 'admin') };
}

const live = (rows: Row[] | undefined) => (rows ?? []).filter((r) => !r.deleted);

function imageRow(world: WorldSnapshot, id: string): Row | undefined {
  return world.tables.images?.find((r) => r.id === id);
}

function memberRows(world: WorldSnapshot, imageId: string): Row[] {
  return live(world.tables.image_members).filter((m) => m.image_id === imageId);
}

/** Glance's get: admin, ownerless, public/community, owner, or any member row of a shared image. */
function visibleOnGet(w: Who, image: Row, members: Row[]): boolean {
  if (w.isAdmin || image.owner === null || image.visibility === 'public' || image.visibility === 'community') return true;
  if (w.owner !== null && image.owner === w.owner) return true;
  return image.visibility === 'shared' && members.some((m) => m.member === w.owner);
}

/** Glance's listing may only narrow that: with no owner, any member row of a shared image counts. */
function visibleInList(w: Who, image: Row, members: Row[]): boolean {
  if (visibleOnGet(w, image, members)) return true;
  return w.owner === null && image.visibility === 'shared' && members.length > 0;
}

const EMPTY_WORLD: WorldSnapshot = { tables: {}, files: {} };
const READ_OPS = new Set(['image.show', 'image.index', 'image.download', 'member.index', 'member.show', 'task.get']);
const MUTATING_IMAGE_OPS = new Set(['image.update', 'image.delete', 'image.deactivate', 'image.reactivate', 'image.upload', 'tag.update', 'tag.delete']);
/** Write ops whose refusal Glance answers before writing anything. */
const ATOMIC_WHEN_REFUSED = new Set(['image.create', 'tag.update', 'tag.delete', 'member.create', 'member.update', 'member.delete', 'task.create', 'image.delete', 'image.deactivate', 'image.reactivate']);

export interface Violation {
  readonly step: number;
  readonly invariant: string;
  readonly detail: string;
}

export function checkInvariants(scenario: Scenario, trace: Trace, worlds: readonly WorldSnapshot[]): Violation | null {
  const uploaded = new Map<string, Set<string>>();
  for (let k = 0; k < scenario.steps.length; k++) {
    const step = scenario.steps[k];
    const out = trace.steps[k];
    const before = k === 0 ? EMPTY_WORLD : (worlds[k - 1] ?? EMPTY_WORLD);
    const after = worlds[k] ?? EMPTY_WORLD;
    if (!step || !out) continue;
    const imageId = typeof step.args.image_id === 'string' ? step.args.image_id : null;
    const w = who(step.as, scenario);

    if (w && step.op === 'image.show' && out.status === 200 && imageId) {
      const image = imageRow(before, imageId);
      if (!image || !visibleOnGet(w, image, memberRows(before, imageId))) {
        return { step: k, invariant: 'visibility', detail: `image.show answered 200 for ${imageId}, which Glance's rules hide from this caller` };
      }
    }
    if (w && step.op === 'image.index' && out.status === 200) {
      const listed = ((out.body as { images?: Row[] } | undefined)?.images ?? []).map((i) => String(i.id));
      for (const id of listed) {
        const image = imageRow(before, id);
        if (image && !visibleInList(w, image, memberRows(before, id))) {
          return { step: k, invariant: 'visibility', detail: `image.index listed ${id}, which Glance's rules hide from this caller` };
        }
      }
    }
    const changedSomething = !(step.op === 'image.update' && Array.isArray(step.args.changes) && step.args.changes.length === 0);
    if (w && !w.isAdmin && MUTATING_IMAGE_OPS.has(step.op) && out.status < 300 && imageId && changedSomething) {
      const image = imageRow(before, imageId);
      if (image && (w.owner === null || image.owner !== w.owner)) {
        return { step: k, invariant: 'mutability', detail: `${step.op} succeeded on ${imageId} for a caller who does not own it` };
      }
    }

    if (step.op === 'image.upload' && out.status === 204 && imageId) {
      const data = typeof step.args.data_b64 === 'string' ? step.args.data_b64 : Buffer.from(String(step.args.data ?? ''), 'utf8').toString('base64');
      uploaded.set(imageId, new Set([data]));
    }
    if (step.op === 'image.update' && imageId && Array.isArray(step.args.changes)) {
      for (const change of step.args.changes as Array<{ value?: unknown }>) {
        const urls = JSON.stringify(change.value ?? null).match(/"url":"([^"]*)"/g) ?? [];
        for (const u of urls) {
          const url = JSON.parse(u.slice(6)) as string;
          const set = uploaded.get(imageId) ?? new Set<string>();
          set.add(Buffer.from(url, 'utf8').toString('base64'));
          uploaded.set(imageId, set);
        }
      }
    }
    if (step.op === 'image.download' && out.status === 200 && imageId) {
      const got = (out.body as { data_b64?: string } | undefined)?.data_b64 ?? '';
      const expected = uploaded.get(imageId);
      if (!expected || !expected.has(got)) {
        return { step: k, invariant: 'bytes', detail: `image.download of ${imageId} returned bytes that were never uploaded to it or served by one of its locations` };
      }
    }

    const quota = quotaViolation(scenario, after);
    if (quota) return { step: k, invariant: 'quota', detail: quota };

    // NOTE(quirk): member add/remove refresh ACLs after the db write, reading
    // locations under get_image_location; a denial there is a 403 that
    // leaves the member row written (legacy-map quirk 10).
    const aclRefreshMayDeny = (step.op === 'member.create' || step.op === 'member.delete') && scenario.config.policy?.get_image_location !== undefined;
    const untouched = READ_OPS.has(step.op) || (ATOMIC_WHEN_REFUSED.has(step.op) && !aclRefreshMayDeny && out.status >= 400 && out.status < 500);
    if (untouched && JSON.stringify(before.tables) !== JSON.stringify(after.tables) && k > 0) {
      return { step: k, invariant: 'unchanged', detail: `${step.op} answered ${out.status} but changed the database` };
    }
    if (untouched && JSON.stringify(before.files) !== JSON.stringify(after.files)) {
      return { step: k, invariant: 'unchanged', detail: `${step.op} answered ${out.status} but changed the store` };
    }
  }
  return null;
}

function quotaViolation(scenario: Scenario, world: WorldSnapshot): string | null {
  const limits: Array<[string, number | undefined, (imageId: string) => number]> = [
    ['image_tag_quota', scenario.config.image_tag_quota ?? 128, (id) => live(world.tables.image_tags).filter((r) => r.image_id === id).length],
    ['image_property_quota', scenario.config.image_property_quota ?? 128, (id) => live(world.tables.image_properties).filter((r) => r.image_id === id).length],
    ['image_member_quota', scenario.config.image_member_quota ?? 128, (id) => live(world.tables.image_members).filter((r) => r.image_id === id).length],
    // An upload replaces the locations with its one location and is not
    // checked against image_location_quota: Glance only counts location edits.
    ['image_location_quota', Math.max(1, scenario.config.image_location_quota ?? 10), (id) => live(world.tables.image_locations).filter((r) => r.image_id === id && r.status === 'active').length],
  ];
  for (const image of live(world.tables.images)) {
    for (const [name, limit, count] of limits) {
      if (limit === undefined || limit < 0) continue;
      const n = count(String(image.id));
      if (n > limit) return `${name} is ${limit} but image ${String(image.id)} has ${n}`;
    }
  }
  return null;
}
