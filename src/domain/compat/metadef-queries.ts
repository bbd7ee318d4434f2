/**
 * The catalog listings' queries, read as Glance 16.0.0's metadef
 * deserializers read them, each resource its own way.
 * @see glance/api/v2/metadef_namespaces.py RequestDeserializer.index
 * @see glance/api/v2/metadef_tags.py RequestDeserializer.index
 */
import type { Settings } from '../../shared/settings.js';
import { pyInt } from '../metadefs/int.js';

/**
 * docs/divergence-candidates.md #60: the namespace listing's limit
 * (limit_param_default when not given) goes through `int()` and is capped
 * at api_limit_max before it is validated, so a limit that is not an
 * integer (even '') escapes as ValueError (500), not the 400 of
 * `_validate_limit`.
 */
export function namespaceListLimit(given: string | null, settings: Pick<Settings, 'limit_param_default' | 'api_limit_max'>): number | bigint {
  const n = pyInt(given ?? settings.limit_param_default);
  return n < settings.api_limit_max ? n : settings.api_limit_max;
}

/**
 * docs/divergence-candidates.md #60: the tag listing takes its marker and
 * limit only when truthy, so an empty one is ignored (and a limit of 0,
 * validated as at least 0, is an empty page).
 */
export function tagListParam(value: string | null): string | null {
  return value ? value : null;
}
