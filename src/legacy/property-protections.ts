/**
 * The property protections layer: extra properties are created, read,
 * updated and deleted only as the property protections file allows.
 *
 * @see glance/api/property_protections.py
 */
import type { PyMappingLike } from '../lib/pycollections.js';
import { AttributeError, KeyError, TypeError_ } from '../lib/python.js';
import { ExtraProperties } from './domain.js';
import { ReservedProperty } from './exception.js';
import type { PropertyRules, PropertyRulesContext } from './property-utils.js';
import * as proxy from './proxy.js';
import type { ImageLike, NewImageKwargs } from './proxy.js';

/** The mappings an image's extra properties arrive as: a Python mapping, a Map or a plain dict. */
export type ExtraPropsSource = proxy.ImageLike['extra_properties'] | ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

interface ProtectionKwargs {
  readonly context: PropertyRulesContext;
  readonly property_rules?: PropertyRules;
}

function isMappingLike(value: unknown): value is PyMappingLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { getItem?: unknown }).getItem === 'function'
    && typeof (value as { keys?: unknown }).keys === 'function';
}

/** Python's bare `raise KeyError`: `str(e)` is empty. */
function bareKeyError(): KeyError {
  const e = new KeyError(undefined);
  e.message = '';
  return e;
}

/** `mapping.keys()` then `mapping[key]`, whatever the mapping's shape. */
function keysOf(source: ExtraPropsSource | null | undefined): string[] {
  if (source === null || source === undefined) throw new AttributeError("'NoneType' object has no attribute 'keys'");
  if (source instanceof Map) return [...source.keys()];
  if (isMappingLike(source)) return source.keys();
  return Object.keys(source);
}
function itemOf(source: ExtraPropsSource, key: string): unknown {
  if (source instanceof Map) {
    if (!source.has(key)) throw new KeyError(key);
    return source.get(key);
  }
  if (isMappingLike(source)) return source.getItem(key);
  if (!Object.prototype.hasOwnProperty.call(source, key)) throw new KeyError(key);
  return (source as Record<string, unknown>)[key];
}

/**
 * Builds the ProtectedImageProxy the Helper would, from `proxy_class(image, **kwargs)`.
 * NOTE(quirk): ProtectedImageRepoProxy's helper kwargs lack property_rules, so a
 * base repo that returned an image from add/save/remove would hit this TypeError.
 */
function protectedImageFrom(image: ImageLike, kwargs: ProtectionKwargs): ProtectedImageProxy {
  if (kwargs.property_rules === undefined) {
    throw new TypeError_("__init__() missing 1 required positional argument: 'property_rules'");
  }
  return new ProtectedImageProxy(image, kwargs.context, kwargs.property_rules);
}

/**
 * Refuses to create an image with an extra property the caller may not create.
 *
 * @see glance/api/property_protections.py ProtectedImageFactoryProxy
 */
export class ProtectedImageFactoryProxy extends proxy.ImageFactory<ImageLike, ProtectedImageProxy, ProtectionKwargs> {
  readonly image_factory: proxy.ImageFactoryLike<ImageLike>;
  readonly context: PropertyRulesContext;
  readonly property_rules: PropertyRules;

  constructor(image_factory: proxy.ImageFactoryLike<ImageLike>, context: PropertyRulesContext, property_rules: PropertyRules) {
    super(image_factory, protectedImageFrom, { context, property_rules });
    this.image_factory = image_factory;
    this.context = context;
    this.property_rules = property_rules;
  }

  override new_image(kwargs: NewImageKwargs = {}): ProtectedImageProxy {
    const { extra_properties: extra_props = {}, ...rest } = kwargs;
    const extra_properties = new Map<string, unknown>();
    for (const key of keysOf(extra_props)) {
      if (!this.property_rules.check_property_rules(key, 'create', this.context)) {
        throw new ReservedProperty(null, { property: key });
      }
      extra_properties.set(key, itemOf(extra_props as ExtraPropsSource, key));
    }
    return super.new_image({ ...rest, extra_properties });
  }
}

/**
 * Wraps every image it hands out in a ProtectedImageProxy.
 *
 * @see glance/api/property_protections.py ProtectedImageRepoProxy
 */
export class ProtectedImageRepoProxy extends proxy.Repo<ImageLike, ProtectedImageProxy, ProtectionKwargs> {
  readonly context: PropertyRulesContext;
  readonly image_repo: proxy.RepoLike<ImageLike>;
  readonly property_rules: PropertyRules;

  constructor(image_repo: proxy.RepoLike<ImageLike>, context: PropertyRulesContext, property_rules: PropertyRules) {
    super(image_repo, protectedImageFrom, { context });
    this.context = context;
    this.image_repo = image_repo;
    this.property_rules = property_rules;
  }

  override get(image_id: string): ProtectedImageProxy {
    return new ProtectedImageProxy(this.image_repo.get(image_id), this.context, this.property_rules);
  }

  override list(kwargs?: proxy.ListKwargs): ProtectedImageProxy[] {
    return this.image_repo.list(kwargs).map((image) => new ProtectedImageProxy(image, this.context, this.property_rules));
  }
}

/**
 * An image whose extra properties are filtered and guarded.
 *
 * NOTE(quirk): the constructor *assigns* the filtered ExtraPropertiesProxy to
 * the wrapped image, so every inner layer and the domain image itself lose
 * the unreadable keys from then on: responses and notifications omit them,
 * a save purges them from the db, and create-only keys are never stored.
 *
 * @see glance/api/property_protections.py ProtectedImageProxy
 */
export class ProtectedImageProxy extends proxy.Image {
  readonly image: ImageLike;
  readonly context: PropertyRulesContext;
  readonly property_rules: PropertyRules;

  constructor(image: ImageLike, context: PropertyRulesContext, property_rules: PropertyRules) {
    image.extra_properties = new ExtraPropertiesProxy(context, image.extra_properties, property_rules);
    super(image);
    this.image = image;
    this.context = context;
    this.property_rules = property_rules;
  }
}

/**
 * The readable extra properties of an image, refusing writes the rules do
 * not allow. Glance subclasses ExtraProperties(MutableMapping, dict), so
 * `in`, get, items, values, pop, popitem, setdefault, update and clear go
 * through the guarded item methods, while keys(), len(), iteration and
 * dict(x) see the stored keys.
 *
 * @see glance/api/property_protections.py ExtraPropertiesProxy
 */
export class ExtraPropertiesProxy extends ExtraProperties {
  readonly context: PropertyRulesContext;
  readonly property_rules: PropertyRules;

  constructor(context: PropertyRulesContext, extra_props: ExtraPropsSource, property_rules: PropertyRules) {
    const readable = new Map<string, unknown>();
    for (const key of keysOf(extra_props)) {
      if (property_rules.check_property_rules(key, 'read', context)) readable.set(key, itemOf(extra_props, key));
    }
    super(readable);
    this.context = context;
    this.property_rules = property_rules;
  }

  private may(key: string, op: 'create' | 'read' | 'update' | 'delete'): boolean {
    return this.property_rules.check_property_rules(key, op, this.context);
  }

  /** An unreadable key raises a bare KeyError, as if absent. */
  override getItem(key: string): unknown {
    if (!this.may(key, 'read')) throw bareKeyError();
    return super.getItem(key);
  }

  override setItem(key: string, value: unknown): void {
    let current: unknown;
    try {
      current = this.getItem(key);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      this.createItem(key, value);
      return;
    }
    // NOTE(quirk): a present key whose value is None is neither updated nor refused.
    if (current === null || current === undefined) return;
    if (!this.may(key, 'update')) throw new ReservedProperty(null, { property: key });
    this.data.set(key, value);
  }

  private createItem(key: string, value: unknown): void {
    if (!this.may(key, 'create')) throw new ReservedProperty(null, { property: key });
    this.data.set(key, value);
  }

  override delItem(key: string): void {
    if (!this.data.has(key)) throw bareKeyError();
    if (!this.may(key, 'delete')) throw new ReservedProperty(null, { property: key });
    this.data.delete(key);
  }

  // collections.abc Mapping / MutableMapping methods, which Glance's MRO puts before dict's.

  override contains(key: string): boolean {
    try {
      this.getItem(key);
      return true;
    } catch (e) {
      if (e instanceof KeyError) return false;
      throw e;
    }
  }

  override get(key: string, fallback: unknown = null): unknown {
    try {
      return this.getItem(key);
    } catch (e) {
      if (e instanceof KeyError) return fallback;
      throw e;
    }
  }

  override items(): Array<[string, unknown]> {
    return this.keys().map((k) => [k, this.getItem(k)]);
  }

  override values(): unknown[] {
    return this.keys().map((k) => this.getItem(k));
  }

  override pop(key: string, ...fallback: [unknown?]): unknown {
    let value: unknown;
    try {
      value = this.getItem(key);
    } catch (e) {
      if (e instanceof KeyError && fallback.length > 0) return fallback[0];
      throw e;
    }
    this.delItem(key);
    return value;
  }

  override setdefault(key: string, value: unknown): unknown {
    try {
      return this.getItem(key);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      this.setItem(key, value);
      return value;
    }
  }

  override update(other: Iterable<[string, unknown]> | Map<string, unknown> | Record<string, unknown>): void {
    const entries = other instanceof Map || isMappingLike(other)
      ? keysOf(other as ExtraPropsSource).map((k): [string, unknown] => [k, itemOf(other as ExtraPropsSource, k)])
      : Symbol.iterator in Object(other)
        ? [...(other as Iterable<[string, unknown]>)]
        : Object.entries(other);
    for (const [k, v] of entries) this.setItem(k, v);
  }

  /** MutableMapping.clear: popitem until KeyError, so it stops quietly at the first unreadable key. */
  override clear(): void {
    for (;;) {
      try {
        this.popitem();
      } catch (e) {
        if (e instanceof KeyError) return;
        throw e;
      }
    }
  }
}
