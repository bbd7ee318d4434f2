/**
 * The type of the items of an array property.
 *
 * @see glance/api/v2/model/metadef_property_item_type.py
 */
import { ArrayType, WsmeBase, defineAttributes, wsattr, type UnsetType } from '../../../../lib/wsme.js';

/** @see glance/api/v2/model/metadef_property_item_type.py ItemType */
export class ItemType extends WsmeBase {
  static override readonly pyName = 'ItemType';
  static override readonly pyModule = 'glance.api.v2.model.metadef_property_item_type';
  // `_wsme_attr_order = ('type', 'enum')`
  static override readonly wsmeAttributes = [wsattr('type', 'text', { mandatory: true }), wsattr('enum', new ArrayType('text'))];
  declare type: string | null | UnsetType;
  declare enum: string[] | null | UnsetType;
}
defineAttributes(ItemType);
