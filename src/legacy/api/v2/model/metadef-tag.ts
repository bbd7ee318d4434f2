/**
 * A metadef tag and the tag list.
 *
 * @see glance/api/v2/model/metadef_tag.py
 */
import { ArrayType, defineAttributes, wsattr, type UnsetType } from '../../../../lib/wsme.js';
import { WSMEModelTransformer } from '../../../common/wsme-utils.js';

type Maybe<T> = T | null | UnsetType;

/** @see glance/api/v2/model/metadef_tag.py MetadefTag */
export class MetadefTag extends WSMEModelTransformer {
  static override readonly pyName = 'MetadefTag';
  static override readonly pyModule = 'glance.api.v2.model.metadef_tag';
  static override readonly wsmeAttributes = [
    wsattr('name', 'text', { mandatory: true }),
    wsattr('created_at', 'text'),
    wsattr('updated_at', 'text'),
  ];
  declare name: Maybe<string>;
  declare created_at: Maybe<string>;
  declare updated_at: Maybe<string>;
}
defineAttributes(MetadefTag);

/** @see glance/api/v2/model/metadef_tag.py MetadefTags */
export class MetadefTags extends WSMEModelTransformer {
  static override readonly pyName = 'MetadefTags';
  static override readonly pyModule = 'glance.api.v2.model.metadef_tag';
  static override readonly wsmeAttributes = [wsattr('tags', new ArrayType(MetadefTag))];
  declare tags: Maybe<MetadefTag[]>;
}
defineAttributes(MetadefTags);
