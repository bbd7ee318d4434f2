/**
 * What one step works with: the world, the caller as an actor, and the rule
 * sets built for this deployment. Property protections are read when an
 * operation first needs them, as Glance's gateway re-reads the file.
 */
import type { Settings } from '../shared/settings.js';
import type { World } from '../shared/world.js';
import type { Actor } from './actor.js';
import { ImageRepository } from './db/images.js';
import { notifier, type Notify } from './notify.js';
import { Policy } from './rules/policy.js';
import { loadProtections, type Protections } from './rules/protections.js';

export interface Ctx {
  readonly world: World;
  readonly settings: Settings;
  readonly actor: Actor;
  readonly policy: Policy;
  readonly repo: ImageRepository;
  readonly notify: Notify;
  /** The protections; building them fails (500) for a malformed file. */
  protections(): Protections;
}

/** The context of one request, for the caller its identity headers named. */
export function contextFor(world: World, actor: Actor, policy: Policy): Ctx {
  let protections: Protections | undefined;
  return {
    world,
    settings: world.settings,
    actor,
    policy,
    repo: new ImageRepository(world.db, world.clock),
    notify: notifier(world.notifications, world.settings),
    protections: () => (protections ??= loadProtections(world.settings, policy)),
  };
}
