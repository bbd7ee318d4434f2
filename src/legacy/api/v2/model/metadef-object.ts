/**
 * A metadef object and the object list.
 *
 * @see glance/api/v2/model/metadef_object.py
 */
import { ArrayType, DictType, defineAttributes, wsattr, type UnsetType } from '../../../../lib/wsme.js';
import { WSMEModelTransformer } from '../../../common/wsme-utils.js';
import { PropertyType } from './metadef-property-type.js';

type Maybe<T> = T | null | UnsetType;

/** @see glance/api/v2/model/metadef_object.py MetadefObject */
export class MetadefObject extends WSMEModelTransformer {
  static override readonly pyName = 'MetadefObject';
  static override readonly pyModule = 'glance.api.v2.model.metadef_object';
  static override readonly wsmeAttributes = [
    wsattr('name', 'text', { mandatory: true }),
    wsattr('required', new ArrayType('text')),
    wsattr('description', 'text'),
    wsattr('properties', new DictType('text', PropertyType)),
    wsattr('created_at', 'text'),
    wsattr('updated_at', 'text'),
    wsattr('self', 'text'),
    wsattr('schema', 'text'),
  ];
  declare name: Maybe<string>;
  declare required: Maybe<string[]>;
  declare description: Maybe<string>;
  declare properties: Maybe<Map<string, PropertyType>>;
  declare created_at: Maybe<string>;
  declare updated_at: Maybe<string>;
  declare self: Maybe<string>;
  declare schema: Maybe<string>;
}
defineAttributes(MetadefObject);

/** @see glance/api/v2/model/metadef_object.py MetadefObjects */
export class MetadefObjects extends WSMEModelTransformer {
  static override readonly pyName = 'MetadefObjects';
  static override readonly pyModule = 'glance.api.v2.model.metadef_object';
  static override readonly wsmeAttributes = [
    wsattr('objects', new ArrayType(MetadefObject)),
    wsattr('schema', 'text', { mandatory: true }),
  ];
  declare objects: Maybe<MetadefObject[]>;
  declare schema: Maybe<string>;
}
defineAttributes(MetadefObjects);
