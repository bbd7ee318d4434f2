/**
 * Kept because Glance 16.0.0 does it (docs/divergence-candidates.md #6):
 * a PATCH path is resolved with `hasattr` on the outermost image proxy, so
 * the proxies' own attributes and every Python object's (`__class__`,
 * `__doc__`, ...) are "attributes" a PATCH sets on the proxy instead of
 * extra properties, and can never be removed.
 * @see glance/api/v2/images.py ImagesController._do_replace, _do_add, _do_remove
 */
import { pyTypeName } from '../../lib/python.js';
import { DomainError } from '../errors.js';

/** Attributes of the outermost proxy when the caller may change the image (an ImageProxy chain)... */
const PROXY_NAMES = ['image', 'context', 'base', 'helper', 'delete', 'deactivate', 'reactivate', 'set_data', 'get_data'];
/** ...and when it may not (authorization's ImmutableImageProxy). */
const IMMUTABLE_PROXY_NAMES = ['base', 'context', 'resource_name', 'delete', 'deactivate', 'reactivate', 'set_data', 'get_data'];
/** What every Python object has. */
const PYTHON_OBJECT_NAMES = [
  '__class__', '__delattr__', '__dict__', '__dir__', '__doc__', '__eq__', '__format__', '__ge__', '__getattribute__', '__gt__',
  '__hash__', '__init__', '__init_subclass__', '__le__', '__lt__', '__module__', '__ne__', '__new__', '__reduce__', '__reduce_ex__',
  '__repr__', '__setattr__', '__sizeof__', '__str__', '__subclasshook__', '__weakref__',
];

/** `hasattr(image_proxy, name)` for a name that is not an image attribute. */
export function isProxyAttribute(name: string, mutable: boolean): boolean {
  return PYTHON_OBJECT_NAMES.includes(name) || (mutable ? PROXY_NAMES : IMMUTABLE_PROXY_NAMES).includes(name);
}

/**
 * `setattr(image_proxy, name, value)` for such a name: `__class__` and
 * `__dict__` refuse text (TypeError, 500); `base` cuts the proxy off its
 * image, so the save that follows fails (see `saveAfterBaseReplaced`);
 * anything else is set on the proxy and forgotten.
 * @returns whether the save is now cut off.
 */
export function setProxyAttribute(name: string, value: unknown): boolean {
  if (name === '__class__') throw new DomainError('TypeError', `__class__ must be set to a class, not '${pyTypeName(value)}' object`);
  if (name === '__dict__') throw new DomainError('TypeError', `__dict__ must be set to a dictionary, not a '${pyTypeName(value)}'`);
  return name === 'base';
}

/** The save of an image whose proxy's `base` was replaced with text: AttributeError (500). */
export function saveAfterBaseReplaced(): never {
  throw new DomainError('AttributeError', "'str' object has no attribute 'image_id'");
}

/**
 * `extra_properties` set through PATCH replaces the whole property dict
 * (property protections bypassed); the image schema lets only text
 * through, which makes no properties at all.
 */
export function replacedExtraProperties(value: unknown): Map<string, string> {
  const props = value !== null && typeof value === 'object' ? Object.entries(value as Record<string, string>) : [];
  return new Map(props);
}

/** docs/divergence-candidates.md #72: whether a value PATCHed into /extra_properties is a dict, as the save's quota layer needs it to be. */
export function isPropertyDict(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * docs/divergence-candidates.md #72: the quota layer's save reads
 * `extra_properties.keys()`, so anything but a dict PATCHed into
 * /extra_properties (text included, even '') escapes as an AttributeError
 * (500) after the modify_image check.
 */
export function saveWithNonDictProperties(value: unknown): never {
  throw new DomainError('Escaped', `'${pyTypeName(value)}' object has no attribute 'keys'`, { escaped: 'AttributeError' });
}
