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
  {
    name: 'db',
    files: [
      'src/legacy/db.ts',
      'src/legacy/db/sqlalchemy-api.ts',
      'src/legacy/db/metadef-api/models.ts',
      'src/legacy/db/metadef-api/paginate.ts',
      'src/legacy/db/metadef-api/utils.ts',
      'src/legacy/db/metadef-api/namespace.ts',
      'src/legacy/db/metadef-api/object.ts',
      'src/legacy/db/metadef-api/property.ts',
      'src/legacy/db/metadef-api/resource-type.ts',
      'src/legacy/db/metadef-api/resource-type-association.ts',
      'src/legacy/db/metadef-api/tag.ts',
    ],
  },
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

/**
 * The metadata definitions catalog's classes in each layer they take part
 * in (Glance's names; each lives in its layer's file, in a "metadefs"
 * section), for the roadmap to report them apart from the image ones. The
 * gateway stacks only authorization, notifier and policy over the domain
 * factories and db repos for them: no property protections, quota or
 * location layer.
 */
export const METADEF_CLASSES: Readonly<Partial<Record<LayerName, readonly string[]>>> = {
  authorization: [
    'ImmutableMetadefNamespaceProxy', 'MetadefNamespaceProxy', 'MetadefNamespaceFactoryProxy', 'MetadefNamespaceRepoProxy',
    'ImmutableMetadefObjectProxy', 'MetadefObjectProxy', 'MetadefObjectFactoryProxy', 'MetadefObjectRepoProxy',
    'ImmutableMetadefResourceTypeProxy', 'MetadefResourceTypeProxy', 'MetadefResourceTypeFactoryProxy', 'MetadefResourceTypeRepoProxy',
    'ImmutableMetadefPropertyProxy', 'MetadefPropertyProxy', 'MetadefPropertyFactoryProxy', 'MetadefPropertyRepoProxy',
    'ImmutableMetadefTagProxy', 'MetadefTagProxy', 'MetadefTagFactoryProxy', 'MetadefTagRepoProxy',
  ],
  notifier: [
    'MetadefNamespaceProxy', 'MetadefNamespaceFactoryProxy', 'MetadefNamespaceRepoProxy',
    'MetadefObjectProxy', 'MetadefObjectFactoryProxy', 'MetadefObjectRepoProxy',
    'MetadefPropertyProxy', 'MetadefPropertyFactoryProxy', 'MetadefPropertyRepoProxy',
    'MetadefResourceTypeProxy', 'MetadefResourceTypeFactoryProxy', 'MetadefResourceTypeRepoProxy',
    'MetadefTagProxy', 'MetadefTagFactoryProxy', 'MetadefTagRepoProxy',
  ],
  policy: [
    'MetadefNamespaceProxy', 'MetadefNamespaceRepoProxy', 'MetadefNamespaceFactoryProxy',
    'MetadefObjectProxy', 'MetadefObjectRepoProxy', 'MetadefObjectFactoryProxy',
    'MetadefResourceTypeProxy', 'MetadefResourceTypeRepoProxy', 'MetadefResourceTypeFactoryProxy',
    'MetadefPropertyProxy', 'MetadefPropertyRepoProxy', 'MetadefPropertyFactoryProxy',
    'MetadefTagProxy', 'MetadefTagRepoProxy', 'MetadefTagFactoryProxy',
  ],
  db: ['MetadefNamespaceRepo', 'MetadefObjectRepo', 'MetadefResourceTypeRepo', 'MetadefPropertyRepo', 'MetadefTagRepo'],
  'domain core': [
    'MetadefNamespace', 'MetadefNamespaceFactory', 'MetadefObject', 'MetadefObjectFactory', 'MetadefResourceType',
    'MetadefResourceTypeFactory', 'MetadefProperty', 'MetadefPropertyFactory', 'MetadefTag', 'MetadefTagFactory',
    'MetadefNamespaceRepo', 'MetadefObjectRepo', 'MetadefResourceTypeRepo', 'MetadefPropertyRepo', 'MetadefTagRepo',
  ],
};

/** The metadef controllers, deserializers and serializers, outside the onion as the image ones are. */
export const METADEF_API_FILES = [
  'src/legacy/api/v2/metadef-namespaces.ts',
  'src/legacy/api/v2/metadef-objects.ts',
  'src/legacy/api/v2/metadef-properties.ts',
  'src/legacy/api/v2/metadef-resource-types.ts',
  'src/legacy/api/v2/metadef-tags.ts',
  'src/legacy/api/v2/model/metadef-namespace.ts',
  'src/legacy/api/v2/model/metadef-object.ts',
  'src/legacy/api/v2/model/metadef-property-item-type.ts',
  'src/legacy/api/v2/model/metadef-property-type.ts',
  'src/legacy/api/v2/model/metadef-resource-type.ts',
  'src/legacy/api/v2/model/metadef-tag.ts',
  'src/legacy/common/wsme-utils.ts',
] as const;
