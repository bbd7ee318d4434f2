/**
 * The discovery API: `GET /v2/info/import` says which image import methods
 * the site offers.
 *
 * @see glance/api/v2/discovery.py
 */
import { Resource, bindKwargs, type Kwargs } from '../../common/wsgi.js';
import { HTTPNotFound } from '../../webob.js';
import type { Settings } from '../../../shared/settings.js';

/**
 * `CONF.enabled_import_methods` at Glance 16.0.0's default; the settings
 * do not expose it (no scenario config key sets it).
 */
export const ENABLED_IMPORT_METHODS: readonly string[] = Object.freeze(['glance-direct', 'web-download']);

/** The options the discovery controller reads. */
export type DiscoverySettings = Pick<Settings, 'enable_image_import'> & {
  readonly enabled_import_methods?: readonly string[];
};

/** @see glance/api/v2/discovery.py InfoController */
export class InfoController {
  constructor(private readonly settings: DiscoverySettings) {}

  /**
   * The import methods, or 404 when the (deprecated) import switch is off.
   * Glance 16.0.0 defaults `enable_image_import` to True, and the reference
   * runner keeps that default, so this answers 200.
   */
  get_image_import(_req: unknown, kwargs: Kwargs = {}): Map<string, unknown> {
    bindKwargs('get_image_import', [], kwargs);
    // NOTE(quirk): glance/api/v2/discovery.py reads CONF.enable_image_import here, per request.
    if (!this.settings.enable_image_import) {
      throw new HTTPNotFound({ explanation: 'Image import is not supported at this site.' });
    }
    const import_methods = new Map<string, unknown>([
      ['description', 'Import methods available.'],
      ['type', 'array'],
      ['value', [...(this.settings.enabled_import_methods ?? ENABLED_IMPORT_METHODS)]],
    ]);
    return new Map<string, unknown>([['import-methods', import_methods]]);
  }
}

/** @see glance/api/v2/discovery.py create_resource */
export function create_resource(settings: DiscoverySettings): Resource {
  return new Resource(new InfoController(settings));
}
