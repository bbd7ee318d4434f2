/**
 * The onion's layers and the legacy files that make each one, outermost
 * first. The roadmap, the reach counters of the equivalence suite and the
 * review all speak of layers through this one table.
 */
export const LAYERS = [
  { name: 'authorization', files: ['src/legacy/authorization.ts'] },
  { name: 'property protections', files: ['src/legacy/property-protections.ts', 'src/legacy/property-utils.ts'] },
  { name: 'notifier', files: ['src/legacy/notifier.ts'] },
  { name: 'policy', files: ['src/legacy/policy.ts'] },
  { name: 'quota', files: ['src/legacy/quota.ts'] },
  { name: 'location', files: ['src/legacy/location.ts', 'src/legacy/store-utils.ts'] },
  { name: 'db', files: ['src/legacy/db.ts', 'src/legacy/db/sqlalchemy-api.ts'] },
  { name: 'domain core', files: ['src/legacy/domain.ts', 'src/legacy/proxy.ts'] },
] as const;

export type LayerName = (typeof LAYERS)[number]['name'];

/**
 * The HTTP plumbing in front of the onion (context middleware, router,
 * Resource, the schema and discovery documents): what every format-2
 * request goes through before a controller. Not in LAYERS yet: the
 * equivalence suite still drives format 1, which never reaches these files,
 * and asserts that every layer in LAYERS is reached.
 */
export const HTTP_PLUMBING = {
  name: 'http plumbing',
  files: [
    'src/legacy/api/middleware/context.ts',
    'src/legacy/common/wsgi.ts',
    'src/legacy/api/v2/router.ts',
    'src/legacy/api/v2/schemas.ts',
    'src/legacy/api/v2/discovery.ts',
  ],
} as const;


/** The Gateway's name for a layer it can leave out, where it can. */
export const OMITTABLE: Partial<Record<LayerName, 'authorization' | 'property_protections' | 'notifier' | 'policy' | 'quota' | 'location'>> = {
  authorization: 'authorization',
  'property protections': 'property_protections',
  notifier: 'notifier',
  policy: 'policy',
  quota: 'quota',
  location: 'location',
};

export function layerOfFile(file: string): LayerName | null {
  const normalized = file.replace(/\\/g, '/');
  for (const layer of LAYERS) if (layer.files.some((f) => normalized.endsWith(f))) return layer.name;
  return null;
}
