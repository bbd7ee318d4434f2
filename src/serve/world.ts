/**
 * The world a served model runs in: the data directory's database and
 * store, the wall clock instead of the scenario clock, random uuid4s
 * instead of seeded ones, and the notification log. One per model thread;
 * they share the files, never memory.
 */
import { randomUUID } from 'node:crypto';
import type { ScenarioConfig } from '../shared/settings.js';
import { settingsFrom } from '../shared/settings.js';
import { createStore } from '../shared/store/index.js';
import type { Clock, IdGenerator, World } from '../shared/world.js';
import type { DataPaths } from './data-dir.js';
import { openServedDatabase } from './database.js';
import { NotificationLog } from './notification-log.js';

export const WALL_CLOCK: Clock = { now: () => new Date() };

/** uuid.uuid4(), as Glance generates ids. */
export const RANDOM_IDS: IdGenerator = { uuid4: () => randomUUID() };

export interface ServedWorld {
  readonly world: World;
  close(): void;
}

/** A world on the data directory (prepared by `DataDir.prepare`). */
export function openServedWorld(paths: DataPaths, config: ScenarioConfig): ServedWorld {
  const db = openServedDatabase(paths.database, { create: false });
  const notifications = new NotificationLog(paths.notifications);
  const world: World = {
    settings: settingsFrom(config),
    db,
    store: createStore(paths.store),
    clock: WALL_CLOCK,
    ids: RANDOM_IDS,
    notifications,
  };
  return {
    world,
    close() {
      notifications.close();
      db.close();
    },
  };
}
