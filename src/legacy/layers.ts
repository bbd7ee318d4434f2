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
