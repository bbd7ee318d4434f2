/**
 * Where image import stages data: `CONF.node_staging_uri`, a filesystem
 * store of its own that `stage` writes to and deleting an `uploading`
 * image deletes from.
 *
 * Glance 16.0.0's default is `file:///tmp/staging/`, one directory for the
 * whole host. Here each world stages under its own image store directory
 * (`<datadir>/staging/`), so that scenarios never see each other's staged
 * files; no client can tell, since staged paths appear in no answer and no
 * notification. The paths keep Glance's shape, the extra '/' of the delete
 * included.
 *
 * @see glance/api/v2/image_data.py ImageDataController.stage (_build_staging_store)
 */
import { FilesystemStore, filesystemOf } from '../../../shared/store/index.js';
import type { GlanceStore } from '../../../shared/store/api.js';

/** CONF.node_staging_uri's default, which the scenario format does not expose. */
export const NODE_STAGING_URI = 'file:///tmp/staging/';

/** The directory standing in for `/tmp/staging/` in this world (with its trailing '/'). */
export function stagingDatadir(store_api: GlanceStore): string {
  const images = filesystemOf(store_api);
  if (images === null) return NODE_STAGING_URI.slice('file://'.length);
  return `${images.datadir.replace(/\/+$/, '')}/staging/`;
}

/** `backend._load_store(conf, 'file')` with `filesystem_store_datadir = node_staging_uri[7:]`. */
export function staging_store(store_api: GlanceStore): FilesystemStore {
  return new FilesystemStore(stagingDatadir(store_api));
}

/**
 * The URI Glance deletes staged data by.
 * NOTE(quirk): glance/api/v2/images.py and image_data.py join
 * `CONF.node_staging_uri + '/' + image_id`, so the path has '//' before the id.
 */
export function staged_uri(store_api: GlanceStore, image_id: string): string {
  return `file://${stagingDatadir(store_api)}/${image_id}`;
}
