/**
 * The data directory of `peel serve`: the SQLite database file, the
 * filesystem store and the notification log, laid out as tools/glance-driver
 * lays out the real Glance's (`glance.sqlite`, `images/`,
 * `notifications.jsonl`). Given with --data-dir it survives a restart;
 * otherwise it is a fresh temporary directory removed when the server stops.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadMetadefs } from '../shared/db/load-metadefs.js';
import type { ScenarioConfig } from '../shared/settings.js';
import { settingsFrom } from '../shared/settings.js';
import { openServedDatabase } from './database.js';

export interface DataPaths {
  readonly root: string;
  readonly database: string;
  /** The filesystem store's datadir: image locations are `file://<store>/<id>`. */
  readonly store: string;
  readonly notifications: string;
}

export class DataDir {
  private constructor(
    readonly paths: DataPaths,
    private readonly temporary: boolean,
  ) {}

  /** The directory given (made if missing), or a fresh temporary one. */
  static open(dir: string | null, notifications: string | null): DataDir {
    const temporary = dir === null;
    const root = temporary ? mkdtempSync(join(tmpdir(), 'peel-serve-')) : resolve(dir);
    mkdirSync(root, { recursive: true });
    const paths: DataPaths = {
      root,
      database: join(root, 'glance.sqlite'),
      store: join(root, 'images'),
      notifications: notifications === null ? join(root, 'notifications.jsonl') : resolve(notifications),
    };
    return new DataDir(paths, temporary);
  }

  /**
   * Creates the schema if the database is new, and loads the metadata
   * definitions then if the deployment asks for them (as
   * `glance-manage db_sync` and `db_load_metadefs` are run once, when a
   * deployment is set up). A restart finds them there.
   */
  prepare(config: ScenarioConfig): void {
    const isNew = !existsSync(this.paths.database);
    const db = openServedDatabase(this.paths.database, { create: true });
    try {
      if (isNew && settingsFrom(config).load_metadefs) loadMetadefs(db, new Date());
    } finally {
      db.close();
    }
  }

  /** Removes a temporary directory; a directory given with --data-dir stays. */
  close(): void {
    if (this.temporary) rmSync(this.paths.root, { recursive: true, force: true });
  }
}
