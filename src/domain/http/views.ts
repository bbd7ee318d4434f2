/**
 * What goes back to a client: the image, member and task views (dicts in
 * Glance's key order, filtered by their schemas) and the `first`/`next`
 * links of a listing, rebuilt from the request's own query.
 * @see glance/api/v2/images.py ResponseSerializer._format_image, index
 * @see glance/api/v2/image_members.py, glance/api/v2/tasks.py ResponseSerializer
 */
import type { MultiDict } from '../../lib/webob/index.js';
import type { Settings } from '../../shared/settings.js';
import type { Image, Location } from '../images/image.js';
import { isotime } from '../images/view.js';
import type { Member } from '../members/member.js';
import type { Task } from '../tasks/task.js';
import { IMAGE_PROPERTY_NAMES, MEMBER_KEYS, PARTIAL_TASK_KEYS, TASK_KEYS } from './schemas.js';

type View = Map<string, unknown>;

/** glance/schema.py filter: a closed schema keeps only its own keys. */
function filtered(view: View, keys: ReadonlySet<string>, permissive: boolean): View {
  return permissive ? view : new Map([...view].filter(([key]) => keys.has(key)));
}

/** The locations a client sees: each one's dict without its row id and status. */
function locationView(l: Location): Map<string, unknown> {
  return new Map<string, unknown>([...Object.entries(l.extra ?? {}), ['url', l.url], ['metadata', l.metadata]]);
}

/**
 * The image: extra properties first, then the attributes, the locations
 * and direct URL when the deployment shows them, tags and links.
 * `locations` is what the caller may read, or null when get_image_location is denied.
 */
export function imageView(image: Image, settings: Settings, locations: readonly Location[] | null): View {
  const view: View = new Map(image.properties);
  const attributes: Array<[string, unknown]> = [
    ['name', image.name], ['disk_format', image.disk_format], ['container_format', image.container_format],
    ['visibility', image.visibility], ['size', image.size], ['virtual_size', image.virtual_size], ['status', image.status],
    ['checksum', image.checksum], ['protected', image.protected], ['min_ram', image.min_ram], ['min_disk', image.min_disk],
    ['owner', image.owner], ['id', image.id],
    ['created_at', isotime(image.created_at)], ['updated_at', isotime(image.updated_at)],
  ];
  for (const [k, v] of attributes) view.set(k, v);
  const shown = locations ?? [];
  if (settings.show_multiple_locations) view.set('locations', shown.map(locationView));
  if (settings.show_image_direct_url && shown.length > 0) view.set('direct_url', shown[0]?.url);
  view.set('tags', [...image.tags]);
  view.set('self', `/v2/images/${image.id}`);
  view.set('file', `/v2/images/${image.id}/file`);
  view.set('schema', '/v2/schemas/image');
  return filtered(view, IMAGE_PROPERTY_NAMES, settings.allow_additional_image_properties);
}

export function memberView(m: Member): View {
  const view: View = new Map<string, unknown>([
    ['member_id', m.member_id], ['image_id', m.image_id], ['status', m.status],
    ['created_at', isotime(m.created_at)], ['updated_at', isotime(m.updated_at)], ['schema', '/v2/schemas/member'],
  ]);
  return filtered(view, new Set(MEMBER_KEYS), false);
}

/** A task in full (show, create), or as a listing shows it. */
export function taskView(t: Task, full: boolean): View {
  const view: View = new Map<string, unknown>([['id', t.id]]);
  if (full) view.set('input', t.input);
  view.set('type', t.type).set('status', t.status).set('owner', t.owner);
  if (full) view.set('message', t.message).set('result', t.result);
  view.set('created_at', isotime(t.created_at)).set('updated_at', isotime(t.updated_at));
  view.set('self', `/v2/tasks/${t.id}`).set('schema', '/v2/schemas/task');
  if (t.expires_at !== null) view.set('expires_at', isotime(t.expires_at));
  return filtered(view, new Set(full ? TASK_KEYS : PARTIAL_TASK_KEYS), false);
}

/** urllib.parse.quote_plus: letters, digits and _.-~ stay, a space is '+', the rest %XX of UTF-8. */
function quotePlus(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
}

const urlencode = (params: ReadonlyMap<string, string>): string =>
  [...params].map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');

/**
 * A listing: the items, `first` (the request's query without marker) and
 * `next` (the same, marker last) when there is a next page. The query is
 * `dict(request.params)`: a repeated key keeps its first place and its last value.
 */
export function collectionView(name: string, params: MultiDict<string>, items: unknown[], nextMarker: string | null): View {
  const query = params.toDict();
  query.delete('marker');
  const encoded = urlencode(query);
  const body: View = new Map<string, unknown>([[name, items], ['first', encoded ? `/v2/${name}?${encoded}` : `/v2/${name}`], ['schema', `/v2/schemas/${name}`]]);
  if (nextMarker !== null) {
    query.set('marker', nextMarker);
    body.set('next', `/v2/${name}?${urlencode(query)}`);
  }
  return body;
}
