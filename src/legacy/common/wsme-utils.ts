/**
 * What the metadef WSME models share: converting to and from the domain
 * objects the repos hand out (`to_dict`, `to_wsme_model`), the mandatory
 * attributes the JSON schemas require, and `_get_value` (Unset as None).
 *
 * @see glance/common/wsme_utils.py
 */
import { AttributeError } from '../../lib/python.js';
import { Unset, WsmeBase, type ComplexType, type WsAttr } from '../../lib/wsme.js';

/** `timeutils.isotime(at)` for a naive UTC datetime: '%Y-%m-%dT%H:%M:%SZ'. */
export function isotime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Python's `getattr(obj, name, None)` on a domain object or proxy. */
export function getattrOrNone(obj: unknown, name: string): unknown {
  if (obj === null || obj === undefined) return null;
  if (obj instanceof WsmeBase) return obj.hasAttr(name) ? obj.getattr(name) : null;
  if (typeof obj === 'object' && name in obj) {
    try {
      const v = (obj as Record<string, unknown>)[name];
      return typeof v === 'function' ? v : (v ?? null);
    } catch (e) {
      // getattr's default covers an attribute that raises AttributeError.
      if (e instanceof AttributeError) return null;
      throw e;
    }
  }
  return null;
}

/**
 * The mixin Glance's metadef models take (`WSMEModelTransformer`), here a
 * base class between wsme's Base and the models.
 *
 * @see glance/common/wsme_utils.py WSMEModelTransformer
 */
export abstract class WSMEModelTransformer extends WsmeBase {
  /** The set attributes as a dict (insertion in WSME's attribute order). */
  to_dict(): Record<string, unknown> {
    const d: Record<string, unknown> = {};
    for (const a of this.wsmeAttributes) {
      const v = this.getattr(a.key);
      if (v !== Unset) d[a.name] = v;
    }
    return d;
  }

  /**
   * A model made from a domain object's attributes of the same names (None
   * ones left out, datetimes written as isotime), with `schema` and `self`.
   */
  static to_wsme_model<T extends WsmeBase>(
    this: { readonly wsmeAttributes: readonly WsAttr[] } & (new (kw?: Record<string, unknown>) => T),
    db_entity: unknown,
    self_link: string | null = null,
    schema: string | null = null,
  ): T {
    const values: Record<string, unknown> = {};
    for (const a of this.wsmeAttributes) {
      const value = getattrOrNone(db_entity, a.name);
      if (value !== null && value !== undefined) values[a.name] = value instanceof Date ? isotime(value) : value;
    }
    if (schema) values['schema'] = schema;
    const model_object = new this(values);
    // 'self' is the link; Glance sets it after construction.
    if (self_link) model_object.setattr('self', self_link);
    return model_object;
  }

  static get_mandatory_attrs(this: ComplexType): string[] {
    return this.wsmeAttributes.filter((a) => a.mandatory).map((a) => a.name);
  }
}

/** `_get_value(obj)`: Unset reads as None. */
export function _get_value(obj: unknown): unknown {
  return obj === Unset ? null : obj;
}
