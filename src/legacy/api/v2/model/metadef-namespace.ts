/**
 * A metadef namespace (with what it contains, for create and show) and
 * the namespace list.
 *
 * @see glance/api/v2/model/metadef_namespace.py
 */
import { ArrayType, DictType, defineAttributes, fromjson, wsattr, type UnsetType } from '../../../../lib/wsme.js';
import { WSMEModelTransformer } from '../../../common/wsme-utils.js';
import { MetadefObject } from './metadef-object.js';
import { PropertyType } from './metadef-property-type.js';
import { ResourceTypeAssociation } from './metadef-resource-type.js';
import { MetadefTag } from './metadef-tag.js';

type Maybe<T> = T | null | UnsetType;

/** @see glance/api/v2/model/metadef_namespace.py Namespace */
export class Namespace extends WSMEModelTransformer {
  static override readonly pyName = 'Namespace';
  static override readonly pyModule = 'glance.api.v2.model.metadef_namespace';
  static override readonly wsmeAttributes = [
    wsattr('namespace', 'text', { mandatory: true }),
    wsattr('display_name', 'text'),
    wsattr('description', 'text'),
    wsattr('visibility', 'text'),
    wsattr('protected', 'bool'),
    wsattr('owner', 'text'),
    wsattr('created_at', 'text'),
    wsattr('updated_at', 'text'),
    wsattr('resource_type_associations', new ArrayType(ResourceTypeAssociation)),
    wsattr('properties', new DictType('text', PropertyType)),
    wsattr('objects', new ArrayType(MetadefObject)),
    wsattr('tags', new ArrayType(MetadefTag)),
    wsattr('self', 'text'),
    wsattr('schema', 'text'),
  ];
  declare namespace: Maybe<string>;
  declare display_name: Maybe<string>;
  declare description: Maybe<string>;
  declare visibility: Maybe<string>;
  declare protected: Maybe<boolean>;
  declare owner: Maybe<string>;
  declare created_at: Maybe<string>;
  declare updated_at: Maybe<string>;
  declare resource_type_associations: Maybe<ResourceTypeAssociation[]>;
  declare properties: Maybe<Map<string, PropertyType>>;
  declare objects: Maybe<MetadefObject[]>;
  declare tags: Maybe<MetadefTag[]>;
  declare self: Maybe<string>;
  declare schema: Maybe<string>;

  /** Convert the persisted json schemas to a dict of PropertyTypes. */
  static to_model_properties(db_property_types: Iterable<{ readonly name: unknown; readonly schema: unknown }>): Map<string, PropertyType> {
    const property_types = new Map<string, PropertyType>();
    for (const db_property_type of db_property_types) {
      property_types.set(db_property_type.name as string, fromjson(PropertyType, db_property_type.schema) as PropertyType);
    }
    return property_types;
  }
}
defineAttributes(Namespace);

/** @see glance/api/v2/model/metadef_namespace.py Namespaces */
export class Namespaces extends WSMEModelTransformer {
  static override readonly pyName = 'Namespaces';
  static override readonly pyModule = 'glance.api.v2.model.metadef_namespace';
  static override readonly wsmeAttributes = [
    wsattr('namespaces', new ArrayType(Namespace)),
    wsattr('next', 'text'),
    wsattr('schema', 'text', { mandatory: true }),
    wsattr('first', 'text', { mandatory: true }),
  ];
  declare namespaces: Maybe<Namespace[]>;
  declare next: Maybe<string>;
  declare schema: Maybe<string>;
  declare first: Maybe<string>;
}
defineAttributes(Namespaces);
