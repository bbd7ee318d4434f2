/**
 * The tags of a metadata definitions namespace: listed (paged, by name
 * for the marker), created one by name or all at once (replacing the
 * namespace's tags), shown, renamed by PUT and deleted.
 *
 * @see glance/api/v2/metadef_tags.py
 */
import { tojson } from '../../../lib/wsme.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { _get_value } from '../../common/wsme-utils.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { Duplicate, Forbidden, Invalid, NotFound } from '../../exception.js';
import { Gateway } from '../../gateway.js';
import { setExtraAttr, type MetadefTagLike } from '../../proxy.js';
import { CollectionSchema, Schema } from '../../schema.js';
import { contextOf, type ControllerDeps, type ControllerRequest } from './images.js';
import type { SerializerResponse } from './images-response.js';
import {
  _check_allowed, _get_filters, _get_request_body, _validate_limit, _validate_sort_dir, conflict, forbidden, fromjsonAs, guarded,
  invalidAs, notFound, render, truthy, validateBody,
} from './metadef-namespaces.js';
import { withNamespaceFilter } from './metadef-objects.js';
import { MetadefTag, MetadefTags } from './model/metadef-tag.js';

/** @see glance/api/v2/metadef_tags.py get_tag_href */
export function get_tag_href(namespace_name: unknown, metadef_tag: { name: unknown }): string {
  return `/v2/metadefs/namespaces/${String(namespace_name)}/tags/${String(metadef_tag.name)}`;
}

export interface TagIndexArgs {
  marker?: unknown;
  limit?: unknown;
  sort_key?: string;
  sort_dir?: string;
  filters?: MultiDict<string> | Map<string, unknown> | null;
}

/** @see glance/api/v2/metadef_tags.py TagsController */
export class TagsController {
  readonly gateway: Gateway;
  readonly schema: Schema;
  readonly tag_schema_link = '/v2/schemas/metadefs/tag';

  constructor(deps: ControllerDeps, schema: Schema | null = null) {
    this.gateway = new Gateway(deps);
    this.schema = schema ?? get_schema();
  }

  /** The name from the URL is checked against the tag schema first (a 400 past 80 characters). */
  create(req: ControllerRequest, namespace: string, tag_name: string): MetadefTag {
    const tag_factory = this.gateway.get_metadef_tag_factory(req.context);
    const tag_repo = this.gateway.get_metadef_tag_repo(req.context);
    const tag_name_as_dict = new Map<string, unknown>([['name', tag_name]]);
    validateBody(this.schema, tag_name_as_dict);
    const new_meta_tag = guarded(
      [[Invalid, invalidAs('create metadata tag')], [Forbidden, forbidden], [NotFound, notFound], [Duplicate, conflict]],
      () => {
        const created = tag_factory.new_tag({ namespace, name: tag_name });
        tag_repo.add(created);
        return created;
      },
    );
    return MetadefTag.to_wsme_model(new_meta_tag);
  }

  /**
   * Replaces every tag of the namespace with the list.
   * NOTE(quirk): a body without `tags` iterates Unset (a 500), and an empty
   * list answers 201 without looking the namespace up.
   *
   * @see glance/api/v2/metadef_tags.py TagsController.create_tags
   */
  create_tags(req: ControllerRequest, metadata_tags: MetadefTags, namespace: string): MetadefTags {
    const tag_factory = this.gateway.get_metadef_tag_factory(req.context);
    const tag_repo = this.gateway.get_metadef_tag_repo(req.context);
    return guarded([[Forbidden, forbidden], [NotFound, notFound], [Duplicate, conflict]], () => {
      const tags = metadata_tags.tags;
      if (!Array.isArray(tags)) throw new TypeError(`'${tags === null ? 'NoneType' : 'UnsetType'}' object is not iterable`);
      const tag_list = tags.map((metadata_tag) => tag_factory.new_tag({ namespace, ...metadata_tag.to_dict() }));
      tag_repo.add_tags(tag_list);
      const metadef_tags = new MetadefTags();
      metadef_tags.tags = tag_list.map((t) => new MetadefTag({ name: t.name }));
      return metadef_tags;
    });
  }

  /** A page of the namespace's tags; the marker is a tag name. */
  index(req: ControllerRequest, namespace: string, args: TagIndexArgs = {}): MetadefTags {
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const filters = withNamespaceFilter(args.filters, namespace);
      const tag_repo = this.gateway.get_metadef_tag_repo(req.context);
      let marker: unknown = args.marker ?? null;
      if (truthy(marker)) marker = tag_repo.get(namespace, marker).tag_id;
      const db_metatag_list = tag_repo.list({
        marker, limit: (args.limit ?? null) as number | null, sort_key: args.sort_key ?? 'created_at', sort_dir: args.sort_dir ?? 'desc', filters,
      });
      const metadef_tags = new MetadefTags();
      metadef_tags.tags = db_metatag_list.map((t) => new MetadefTag({ name: t.name }));
      return metadef_tags;
    });
  }

  /** @see glance/api/v2/metadef_tags.py TagsController.show */
  show(req: ControllerRequest, namespace: string, tag_name: string): MetadefTag {
    const meta_tag_repo = this.gateway.get_metadef_tag_repo(req.context);
    return guarded([[Forbidden, forbidden], [NotFound, notFound]], () => MetadefTag.to_wsme_model(meta_tag_repo.get(namespace, tag_name)));
  }

  /** NOTE(quirk): the answer shows the updated_at read before the save. */
  update(req: ControllerRequest, metadata_tag: MetadefTag, namespace: string, tag_name: string): MetadefTag {
    const meta_repo = this.gateway.get_metadef_tag_repo(req.context);
    const updated = guarded(
      [[Invalid, invalidAs('update metadata tag')], [Forbidden, forbidden], [NotFound, notFound], [Duplicate, conflict]],
      () => {
        const metadef_tag = meta_repo.get(namespace, tag_name);
        setExtraAttr(metadef_tag, '_old_name', metadef_tag.name);
        metadef_tag.name = _get_value(metadata_tag.name);
        return meta_repo.save(metadef_tag) as MetadefTagLike;
      },
    );
    return MetadefTag.to_wsme_model(updated);
  }

  /** @see glance/api/v2/metadef_tags.py TagsController.delete */
  delete(req: ControllerRequest, namespace: string, tag_name: string): void {
    const meta_repo = this.gateway.get_metadef_tag_repo(req.context);
    guarded([[Forbidden, forbidden], [NotFound, notFound]], () => {
      const metadef_tag = meta_repo.get(namespace, tag_name);
      metadef_tag.delete();
      meta_repo.remove(metadef_tag);
    });
  }
}

function _get_base_properties(): Record<string, unknown> {
  return {
    name: { type: 'string', maxLength: 80 },
    created_at: { type: 'string', readOnly: true, description: 'Date and time of tag creation', format: 'date-time' },
    updated_at: { type: 'string', readOnly: true, description: 'Date and time of the last tag modification', format: 'date-time' },
  };
}

function _get_base_properties_for_list(): Record<string, unknown> {
  return {
    tags: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
    },
  };
}

/** @see glance/api/v2/metadef_tags.py get_schema */
export function get_schema(): Schema {
  return new Schema('tag', _get_base_properties(), null, MetadefTag.get_mandatory_attrs(), null);
}

/** @see glance/api/v2/metadef_tags.py get_schema_for_list */
export function get_schema_for_list(): Schema {
  return new Schema('tags', _get_base_properties_for_list(), null, null, null);
}

/** @see glance/api/v2/metadef_tags.py get_collection_schema */
export function get_collection_schema(): CollectionSchema {
  return new CollectionSchema('tags', get_schema());
}

/** @see glance/api/v2/metadef_tags.py RequestDeserializer */
export class RequestDeserializer extends JSONRequestDeserializer {
  static readonly _disallowed_properties = ['created_at', 'updated_at'] as const;
  readonly schema: Schema;
  readonly schema_for_list: Schema;

  constructor(schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema();
    this.schema_for_list = get_schema_for_list();
  }

  update(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    validateBody(this.schema, body);
    return { metadata_tag: fromjsonAs(MetadefTag, body) };
  }

  /** NOTE(quirk): an empty marker or limit is ignored, and limit=0 is accepted (an empty page). */
  index(request: Request): Kwargs {
    const params = request.params.copy();
    const limit = params.pop('limit', null as unknown as string);
    const marker = params.pop('marker', null as unknown as string);
    const sort_dir = params.pop('sort_dir', 'desc');
    const query_params: Kwargs = {
      sort_key: params.pop('sort_key', 'created_at'),
      sort_dir: _validate_sort_dir(sort_dir),
      filters: _get_filters(params, ['public', 'private', 'shared']),
    };
    if (truthy(marker)) query_params['marker'] = marker;
    if (truthy(limit)) query_params['limit'] = _validate_limit(limit, false);
    return query_params;
  }

  create_tags(request: Request): Kwargs {
    const body = _get_request_body(this, request);
    _check_allowed(RequestDeserializer._disallowed_properties, body);
    validateBody(this.schema_for_list, body);
    return { metadata_tags: fromjsonAs(MetadefTags, body) };
  }
}

/** @see glance/api/v2/metadef_tags.py ResponseSerializer */
export class ResponseSerializer extends JSONResponseSerializer {
  readonly schema: Schema;

  constructor(schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema();
  }

  create(response: SerializerResponse, metadata_tag: MetadefTag): void {
    response.status_int = 201;
    this.show(response, metadata_tag);
  }

  create_tags(response: SerializerResponse, result: MetadefTags): void {
    response.status_int = 201;
    render(response, tojson(MetadefTags, result));
  }

  show(response: SerializerResponse, metadata_tag: MetadefTag): void {
    render(response, tojson(MetadefTag, metadata_tag));
  }

  update(response: SerializerResponse, metadata_tag: MetadefTag): void {
    response.status_int = 200;
    this.show(response, metadata_tag);
  }

  index(response: SerializerResponse, result: MetadefTags): void {
    render(response, tojson(MetadefTags, result));
  }

  delete(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

/** TagsController as wsgi.Resource calls it. */
export class TagsResourceController {
  constructor(readonly controller: TagsController) {}

  create(req: ControllerRequest, kwargs: Kwargs): MetadefTag {
    const a = bindKwargs('create', [{ name: 'namespace' }, { name: 'tag_name' }], kwargs);
    return this.controller.create(contextOf(req), a['namespace'] as string, a['tag_name'] as string);
  }

  create_tags(req: ControllerRequest, kwargs: Kwargs): MetadefTags {
    const a = bindKwargs('create_tags', [{ name: 'metadata_tags' }, { name: 'namespace' }], kwargs);
    return this.controller.create_tags(contextOf(req), a['metadata_tags'] as MetadefTags, a['namespace'] as string);
  }

  index(req: ControllerRequest, kwargs: Kwargs): MetadefTags {
    const a = bindKwargs('index', [
      { name: 'namespace' }, { name: 'marker', default: null }, { name: 'limit', default: null },
      { name: 'sort_key', default: 'created_at' }, { name: 'sort_dir', default: 'desc' }, { name: 'filters', default: null },
    ], kwargs);
    return this.controller.index(contextOf(req), a['namespace'] as string, {
      marker: a['marker'], limit: a['limit'], sort_key: a['sort_key'] as string, sort_dir: a['sort_dir'] as string,
      filters: a['filters'] as MultiDict<string> | null,
    });
  }

  show(req: ControllerRequest, kwargs: Kwargs): MetadefTag {
    const a = bindKwargs('show', [{ name: 'namespace' }, { name: 'tag_name' }], kwargs);
    return this.controller.show(contextOf(req), a['namespace'] as string, a['tag_name'] as string);
  }

  update(req: ControllerRequest, kwargs: Kwargs): MetadefTag {
    const a = bindKwargs('update', [{ name: 'metadata_tag' }, { name: 'namespace' }, { name: 'tag_name' }], kwargs);
    return this.controller.update(contextOf(req), a['metadata_tag'] as MetadefTag, a['namespace'] as string, a['tag_name'] as string);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): void {
    const a = bindKwargs('delete', [{ name: 'namespace' }, { name: 'tag_name' }], kwargs);
    this.controller.delete(contextOf(req), a['namespace'] as string, a['tag_name'] as string);
  }
}

/** @see glance/api/v2/metadef_tags.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const schema = get_schema();
  const deserializer = new RequestDeserializer(schema);
  const serializer = new ResponseSerializer(schema);
  return new Resource(new TagsResourceController(new TagsController(deps, schema)), deserializer, serializer);
}
