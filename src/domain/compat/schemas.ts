/**
 * The image schema as Glance 16.0.0 builds it.
 * @see glance/api/v2/images.py get_base_properties
 */

/**
 * docs/divergence-candidates.md #46: the disk and container format enums
 * are rebuilt from the deployment's lists with None first, so a null
 * format is valid on create and PATCH, and the schema document shows it.
 */
export function formatEnum(formats: readonly string[]): (string | null)[] {
  return [null, ...formats];
}
