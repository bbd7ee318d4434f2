/**
 * Who sees and who may change an image (glance/db/utils is_image_visible,
 * glance/api/authorization is_image_mutable).
 */
import type { Actor } from '../actor.js';

export const VISIBILITIES = ['community', 'public', 'private', 'shared'] as const;

export interface Owned {
  readonly owner: string | null;
  readonly visibility: string;
}

/** Admins and the owner (both set) may change an image. */
export function canMutate(actor: Actor, image: Owned): boolean {
  if (actor.isAdmin) return true;
  return image.owner !== null && actor.owner !== null && actor.owner === image.owner;
}
