/**
 * Setting and deleting one extra property: authorization (owner or admin),
 * then property protections (create for a new key, update for a present
 * non-null one, delete to remove).
 * @see glance/api/property_protections.py ExtraPropertiesProxy
 */
import type { Ctx } from '../context.js';
import { fail } from '../errors.js';
import type { Loaded } from './access.js';

const reserved = (key: string): never => fail('ReservedProperty', `Attribute '${key}' is reserved.`);

export function setProperty(ctx: Ctx, loaded: Loaded, key: string, value: string): void {
  const { image } = loaded;
  if (!loaded.mutable) fail('Forbidden', `You are not permitted to modify '${key}' on this image.`);
  const protections = ctx.protections();
  if (protections.enabled) {
    const present = image.properties.has(key) && protections.allows(ctx.actor, key, 'read');
    if (!protections.allows(ctx.actor, key, present ? 'update' : 'create')) reserved(key);
  }
  image.properties.set(key, value);
}

export function deleteProperty(ctx: Ctx, loaded: Loaded, key: string): void {
  if (!loaded.mutable) fail('Forbidden', `You are not permitted to modify '${key}' on this image.`);
  const protections = ctx.protections();
  if (protections.enabled && !protections.allows(ctx.actor, key, 'delete')) reserved(key);
  loaded.image.properties.delete(key);
}
