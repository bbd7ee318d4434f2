/**
 * What goes back to an images client: the image view filtered by the image
 * schema, written as JSON into the webob response, with 201 and Location
 * (and the import methods header) on create, `first`/`next` links built
 * from the request's own query on index, and 204 on delete; 202 on import.
 *
 * `ImagesResponseSerializer` is the same view for format-1 scenarios
 * (controller calls with parsed arguments), which want status and body as
 * plain values.
 *
 * @see glance/api/v2/images.py ResponseSerializer
 */
import { JSONResponseSerializer } from '../../common/wsgi.js';
import { Forbidden } from '../../exception.js';
import { HTTPForbidden } from '../../webob.js';
import type { ImageLike } from '../../gateway.js';
import type { Schema } from '../../schema.js';
import type { Response } from '../../../lib/webob/response.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { pyJsonDumpsValue } from '../../../lib/pyjson.js';
import type { Settings } from '../../../shared/settings.js';
import type { Clock } from '../../../shared/world.js';
import { ENABLED_IMPORT_METHODS } from './discovery.js';
import { get_schema } from './images-schema.js';

/** glance/common/timeutils.py isotime: a falsy time means now. */
export function isotime(at: Date | null | undefined, clock: Clock): string {
  const t = at ?? clock.now();
  return t.toISOString().slice(0, 19) + 'Z';
}

/** The options the images serializer reads. */
export type ImagesSerializerSettings = Pick<
  Settings,
  'show_multiple_locations' | 'show_image_direct_url' | 'location_strategy' | 'enable_image_import' |
  'allow_additional_image_properties' | 'disk_formats' | 'container_formats'
> & { readonly enabled_import_methods?: readonly string[] };

const IMAGE_ATTRIBUTES = [
  'name', 'disk_format', 'container_format', 'visibility', 'size', 'virtual_size', 'status',
  'checksum', 'protected', 'min_ram', 'min_disk', 'owner',
] as const;

/** The response a serializer action writes into (webob's Response, made with `request=req`). */
export type SerializerResponse = Response & { request: unknown };

/** `json.dumps(view, ensure_ascii=False)` as oslo's jsonutils writes a response body. */
export function dumpsUnicode(value: unknown): string {
  return pyJsonDumpsValue(value, { ensureAscii: false });
}

/** `response.unicode_body = body; response.content_type = 'application/json'`. */
export function writeJson(response: Response, view: unknown): void {
  response.text = dumpsUnicode(view);
  response.content_type = 'application/json';
}

/** `request.params` of the request a response was made for. */
export function requestParams(response: SerializerResponse): MultiDict<string> {
  return (response.request as { params: MultiDict<string> }).params;
}

/**
 * The images response serializer.
 * @see glance/api/v2/images.py ResponseSerializer
 */
export class ResponseSerializer extends JSONResponseSerializer {
  readonly schema: Schema;

  constructor(private readonly settings: ImagesSerializerSettings, private readonly clock: Clock, schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema(settings);
  }

  _get_image_href(image: ImageLike, subcollection = ''): string {
    const base_href = `/v2/images/${image.image_id}`;
    return subcollection ? `${base_href}/${subcollection}` : base_href;
  }

  /**
   * The image as the schema shows it: extra properties first (in their
   * order), then the attributes, links, and the locations and direct URL
   * when the deployment shows them.
   * @see glance/api/v2/images.py ResponseSerializer._format_image
   */
  _format_image(image: ImageLike): Map<string, unknown> {
    try {
      const image_view = new Map<string, unknown>(image.extra_properties.toMap());
      for (const key of IMAGE_ATTRIBUTES) image_view.set(key, (image as unknown as Record<string, unknown>)[key]);
      image_view.set('id', image.image_id);
      image_view.set('created_at', isotime(image.created_at, this.clock));
      image_view.set('updated_at', isotime(image.updated_at, this.clock));
      // NOTE(quirk): glance/api/v2/images.py reads CONF.show_multiple_locations and show_image_direct_url here.
      if (this.settings.show_multiple_locations) image_view.set('locations', _get_image_locations(image).map(visibleLocation));
      if (this.settings.show_image_direct_url) {
        const locations = _get_image_locations(image);
        const best = locations.length > 0 ? chooseBestLocation(locations, this.settings) : null;
        if (best !== null) image_view.set('direct_url', best['url']);
      }
      image_view.set('tags', [...image.tags]);
      image_view.set('self', this._get_image_href(image));
      image_view.set('file', this._get_image_href(image, 'file'));
      image_view.set('schema', '/v2/schemas/image');
      return this.schema.filter(image_view);
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      throw e;
    }
  }

  /**
   * 201 with Location, and the import methods when image import is on.
   * @see glance/api/v2/images.py ResponseSerializer.create
   */
  create(response: SerializerResponse, image: ImageLike): void {
    response.status_int = 201;
    this.show(response, image);
    response.location = this._get_image_href(image);
    // NOTE(quirk): glance/api/v2/images.py reads CONF.enable_image_import and enabled_import_methods here.
    if (this.settings.enable_image_import) {
      const methods = this.settings.enabled_import_methods ?? ENABLED_IMPORT_METHODS;
      if (methods.length > 0) response.headerlist.push(['OpenStack-image-import-methods', methods.join(',')]);
    }
  }

  show(response: SerializerResponse, image: ImageLike): void {
    writeJson(response, this._format_image(image));
  }

  update(response: SerializerResponse, image: ImageLike): void {
    writeJson(response, this._format_image(image));
  }

  /**
   * The page of images, with `first` (the request's query without marker)
   * and `next` (the same with the last image as marker).
   * @see glance/api/v2/images.py ResponseSerializer.index
   */
  index(response: SerializerResponse, result: { images: ImageLike[]; next_marker?: string }): void {
    const images = result.images.map((i) => this._format_image(i));
    writeJson(response, collectionView('images', requestParams(response).items(), images, result.next_marker));
  }

  delete(response: SerializerResponse): void {
    response.status_int = 204;
  }

  import_image(response: SerializerResponse): void {
    response.status_int = 202;
  }
}

/** `list(image.locations)`, an empty list when the policy hides them. */
export function _get_image_locations(image: ImageLike): Array<Record<string, unknown>> {
  try {
    return [...image.locations] as unknown as Array<Record<string, unknown>>;
  } catch (e) {
    if (e instanceof Forbidden) return [];
    throw e;
  }
}

/** `dict(loc)` without its id and status. */
function visibleLocation(loc: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...loc };
  delete copy['id'];
  delete copy['status'];
  return copy;
}

/** glance/common/location_strategy choose_best_location (no store preferences configured). */
function chooseBestLocation(locations: Array<Record<string, unknown>>, settings: Pick<Settings, 'location_strategy'>): Record<string, unknown> | null {
  const ordered = settings.location_strategy === 'store_type' ? locations.filter((l) => Boolean(l['url'])) : locations;
  return ordered[0] ?? null;
}

/**
 * A collection page: the items, `first` and `schema` links, and `next`
 * when there is a next marker. The query is `dict(request.params)` (a
 * repeated key keeps its first position and its last value) without
 * `marker`, urlencoded.
 * @see glance/api/v2/images.py ResponseSerializer.index
 */
export function collectionView(
  name: string, query: Iterable<readonly [string, string]>, items: unknown[], next_marker: string | undefined,
): Map<string, unknown> {
  const params = new Map<string, string>();
  for (const [k, v] of query) params.set(k, v);
  params.delete('marker');
  const encoded = urlencode(params);
  const body = new Map<string, unknown>([[name, items], ['first', `/v2/${name}`], ['schema', `/v2/schemas/${name}`]]);
  if (encoded) body.set('first', `/v2/${name}?${encoded}`);
  if (next_marker !== undefined) {
    params.set('marker', next_marker);
    body.set('next', `/v2/${name}?${urlencode(params)}`);
  }
  return body;
}

/** Python's `urllib.parse.urlencode` over str values (quote_plus, UTF-8). */
export function urlencode(params: Map<string, string>): string {
  return [...params].map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
}

function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

// ------------------------------------------------------------ format 1

/** A dict as a plain object (format-1 bodies), every key an own property ('__proto__' included). */
export function toRecord(view: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of view) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * The images serializer for format-1 scenarios: the same image view as
 * the HTTP serializer's, as a status and a plain body.
 */
export class ImagesResponseSerializer {
  private readonly serializer: ResponseSerializer;

  constructor(settings: ImagesSerializerSettings, clock: Clock) {
    this.serializer = new ResponseSerializer(settings, clock);
  }

  _format_image(image: ImageLike): Record<string, unknown> {
    return toRecord(this.serializer._format_image(image));
  }

  create(image: ImageLike): { status: number; body: Record<string, unknown> } {
    return { status: 201, body: this._format_image(image) };
  }

  show(image: ImageLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_image(image) };
  }

  update(image: ImageLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_image(image) };
  }

  /** `params`: the query a client would have sent, as pairs in order. */
  index(req: { readonly params: ReadonlyArray<readonly [string, string]> }, result: { images: ImageLike[]; next_marker?: string }): { status: number; body: Record<string, unknown> } {
    const images = result.images.map((i) => this._format_image(i));
    return { status: 200, body: toRecord(collectionView('images', req.params, images, result.next_marker)) };
  }

  delete(): { status: number } {
    return { status: 204 };
  }
}
