/**
 * A metadef property's definition, as a namespace, an object or the
 * properties API carries it.
 *
 * @see glance/api/v2/model/metadef_property_type.py
 */
import { ArrayType, DictType, PyBytes, defineAttributes, wsattr, type UnsetType } from '../../../../lib/wsme.js';
import { WSMEModelTransformer } from '../../../common/wsme-utils.js';
import { ItemType } from './metadef-property-item-type.js';

type Maybe<T> = T | null | UnsetType;

/**
 * NOTE(quirk): `default` is WSME `bytes`: a number or a bool in JSON comes
 * back as its string, anything else as null; `minimum`, `maximum`,
 * `minLength`, `maxLength`, `minItems` and `maxItems` are `int`, so a float
 * is truncated.
 *
 * @see glance/api/v2/model/metadef_property_type.py PropertyType
 */
export class PropertyType extends WSMEModelTransformer {
  static override readonly pyName = 'PropertyType';
  static override readonly pyModule = 'glance.api.v2.model.metadef_property_type';
  static override readonly wsmeAttributes = [
    wsattr('name', 'text'),
    wsattr('type', 'text', { mandatory: true }),
    wsattr('title', 'text', { mandatory: true }),
    wsattr('description', 'text'),
    wsattr('operators', new ArrayType('text')),
    wsattr('default', 'bytes'),
    wsattr('readonly', 'bool'),
    wsattr('minimum', 'int'),
    wsattr('maximum', 'int'),
    wsattr('enum', new ArrayType('text')),
    wsattr('pattern', 'text'),
    wsattr('minLength', 'int'),
    wsattr('maxLength', 'int'),
    wsattr('confidential', 'bool'),
    wsattr('items', ItemType),
    wsattr('uniqueItems', 'bool'),
    wsattr('minItems', 'int'),
    wsattr('maxItems', 'int'),
    wsattr('additionalItems', 'bool'),
  ];
  declare name: Maybe<string>;
  declare type: Maybe<string>;
  declare title: Maybe<string>;
  declare description: Maybe<string>;
  declare operators: Maybe<string[]>;
  declare default: Maybe<PyBytes>;
  declare readonly: Maybe<boolean>;
  declare minimum: Maybe<number | bigint | boolean>;
  declare maximum: Maybe<number | bigint | boolean>;
  declare enum: Maybe<string[]>;
  declare pattern: Maybe<string>;
  declare minLength: Maybe<number | bigint | boolean>;
  declare maxLength: Maybe<number | bigint | boolean>;
  declare confidential: Maybe<boolean>;
  declare items: Maybe<ItemType>;
  declare uniqueItems: Maybe<boolean>;
  declare minItems: Maybe<number | bigint | boolean>;
  declare maxItems: Maybe<number | bigint | boolean>;
  declare additionalItems: Maybe<boolean>;
}
defineAttributes(PropertyType);

/** @see glance/api/v2/model/metadef_property_type.py PropertyTypes */
export class PropertyTypes extends WSMEModelTransformer {
  static override readonly pyName = 'PropertyTypes';
  static override readonly pyModule = 'glance.api.v2.model.metadef_property_type';
  static override readonly wsmeAttributes = [wsattr('properties', new DictType('text', PropertyType))];
  declare properties: Maybe<Map<string, PropertyType>>;
}
defineAttributes(PropertyTypes);
