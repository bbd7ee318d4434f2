/**
 * Resource types and a namespace's associations with them.
 *
 * @see glance/api/v2/model/metadef_resource_type.py
 */
import { ArrayType, defineAttributes, wsattr, type UnsetType } from '../../../../lib/wsme.js';
import { WSMEModelTransformer } from '../../../common/wsme-utils.js';

type Maybe<T> = T | null | UnsetType;
const MODULE = 'glance.api.v2.model.metadef_resource_type';

/** @see glance/api/v2/model/metadef_resource_type.py ResourceTypeAssociation */
export class ResourceTypeAssociation extends WSMEModelTransformer {
  static override readonly pyName = 'ResourceTypeAssociation';
  static override readonly pyModule = MODULE;
  static override readonly wsmeAttributes = [
    wsattr('name', 'text', { mandatory: true }),
    wsattr('prefix', 'text'),
    wsattr('properties_target', 'text'),
    wsattr('created_at', 'text'),
    wsattr('updated_at', 'text'),
  ];
  declare name: Maybe<string>;
  declare prefix: Maybe<string>;
  declare properties_target: Maybe<string>;
  declare created_at: Maybe<string>;
  declare updated_at: Maybe<string>;
}
defineAttributes(ResourceTypeAssociation);

/** @see glance/api/v2/model/metadef_resource_type.py ResourceTypeAssociations */
export class ResourceTypeAssociations extends WSMEModelTransformer {
  static override readonly pyName = 'ResourceTypeAssociations';
  static override readonly pyModule = MODULE;
  static override readonly wsmeAttributes = [wsattr('resource_type_associations', new ArrayType(ResourceTypeAssociation))];
  declare resource_type_associations: Maybe<ResourceTypeAssociation[]>;
}
defineAttributes(ResourceTypeAssociations);

/** @see glance/api/v2/model/metadef_resource_type.py ResourceType */
export class ResourceType extends WSMEModelTransformer {
  static override readonly pyName = 'ResourceType';
  static override readonly pyModule = MODULE;
  static override readonly wsmeAttributes = [
    wsattr('name', 'text', { mandatory: true }),
    wsattr('created_at', 'text'),
    wsattr('updated_at', 'text'),
  ];
  declare name: Maybe<string>;
  declare created_at: Maybe<string>;
  declare updated_at: Maybe<string>;
}
defineAttributes(ResourceType);

/** @see glance/api/v2/model/metadef_resource_type.py ResourceTypes */
export class ResourceTypes extends WSMEModelTransformer {
  static override readonly pyName = 'ResourceTypes';
  static override readonly pyModule = MODULE;
  static override readonly wsmeAttributes = [wsattr('resource_types', new ArrayType(ResourceType))];
  declare resource_types: Maybe<ResourceType[]>;
}
defineAttributes(ResourceTypes);
