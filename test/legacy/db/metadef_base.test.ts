// Port of glance/tests/functional/db/base_metadef.py (Glance 16.0.0) as
// glance/tests/functional/db/test_sqlalchemy.py runs it
// (TestMetadefSqlAlchemyDriver): the metadef driver tests against the
// sqlalchemy api on SQLite (here: the port on better-sqlite3, :memory:).
//
// Glance's fixtures store plain strings ('{fake-schema}') in the
// JSONEncodedDict columns; they go through json.dumps/json.loads and come
// back as the same strings, here too.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DbContext } from '../../../src/legacy/db/sqlalchemy-api.js';
import { Duplicate, NotFound } from '../../../src/legacy/exception.js';
import { dbContext, freshDb, type TestDb } from '../__test-helpers__/db.js';

function build_namespace_fixture(kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    namespace: 'MyTestNamespace', display_name: 'test-display-name', description: 'test-description',
    visibility: 'public', protected: 0, owner: 'test-owner', ...kwargs,
  };
}

function build_resource_type_fixture(kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'MyTestResourceType', protected: 0, ...kwargs };
}

function build_association_fixture(kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'MyTestResourceType', properties_target: 'test-properties-target', prefix: 'test-prefix', ...kwargs };
}

function build_object_fixture(kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    namespace_id: 1, name: 'test-object-name', description: 'test-object-description',
    required: 'fake-required-properties-list', json_schema: '{fake-schema}', ...kwargs,
  };
}

function build_property_fixture(kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { namespace_id: 1, name: 'test-property-name', json_schema: '{fake-schema}', ...kwargs };
}

function build_tag_fixture(kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { namespace_id: 1, name: 'test-tag-name', ...kwargs };
}

function build_tags_fixture(names: string[]): Array<Record<string, unknown>> {
  return names.map((name) => ({ name }));
}

/** Python's `==` for the scalars these fixtures hold (0 == False, as assertEqual sees them). */
function pyScalarEquals(a: unknown, b: unknown): boolean {
  const num = (v: unknown): unknown => (typeof v === 'boolean' ? Number(v) : v);
  return num(a) === num(b);
}

/** `_assert_saved_fields`: every expected key has its value in actual. */
function assertSavedFields(expected: Record<string, unknown>, actual: object): void {
  for (const [k, v] of Object.entries(expected)) {
    const got = (actual as Record<string, unknown>)[k];
    expect(pyScalarEquals(got, v), `${k}: ${String(got)} != ${String(v)}`).toBe(true);
  }
}

let t: TestDb;
// RequestContext(is_admin=False, auth_token=...): no project, so no owner.
let context: DbContext;

beforeEach(() => {
  t = freshDb();
  context = dbContext({ owner: null });
});

function createNamespace(fixture = build_namespace_fixture()) {
  const created = t.api.metadefNamespaceCreate(context, fixture);
  assertSavedFields(fixture, created);
  return created;
}

describe('MetadefNamespaceTests', () => {
  it('test_namespace_create: answers the saved namespace', () => {
    const fixture = build_namespace_fixture();
    const created = t.api.metadefNamespaceCreate(context, fixture);
    expect(created).not.toBeNull();
    assertSavedFields(fixture, created);
  });

  it('test_namespace_create_duplicate: a second namespace of the same name is a Duplicate', () => {
    const fixture = build_namespace_fixture();
    createNamespace(fixture);
    expect(() => t.api.metadefNamespaceCreate(context, fixture)).toThrow(Duplicate);
  });

  it('test_namespace_get: finds a namespace by name', () => {
    const created = createNamespace();
    const found = t.api.metadefNamespaceGet(context, created.namespace);
    expect(found.namespace).toBe('MyTestNamespace');
  });

  it('test_namespace_get_all_with_resource_types_filter: lists the namespaces associated with the resource type', () => {
    const ns_fixture = build_namespace_fixture();
    const ns_created = createNamespace(ns_fixture);
    const fixture = build_association_fixture();
    const created = t.api.metadefResourceTypeAssociationCreate(context, ns_created.namespace, fixture);
    expect(created).not.toBeNull();
    const found = t.api.metadefNamespaceGetAll(context, { filters: new Map([['resource_types', fixture['name']]]), sort_key: 'created_at' });
    expect(found.length).toBe(1);
    for (const item of found) assertSavedFields(ns_fixture, item);
  });

  it('test_namespace_update: changes the owner', () => {
    const fixture = build_namespace_fixture();
    const created = t.api.metadefNamespaceCreate(context, fixture);
    expect(created.namespace).toBe(fixture['namespace']);
    const delta_dict = { ...structuredClone(created), owner: 'New Owner' };
    const updated = t.api.metadefNamespaceUpdate(context, created.id, delta_dict);
    expect(updated.owner).toBe('New Owner');
  });

  it('test_namespace_delete: a deleted namespace is not found', () => {
    const created = createNamespace();
    t.api.metadefNamespaceDelete(context, created.namespace);
    expect(() => t.api.metadefNamespaceGet(context, created.namespace)).toThrow(NotFound);
  });

  it('test_namespace_delete_with_content: deletes the objects, properties and associations with the namespace', () => {
    const created_ns = createNamespace();
    expect(t.api.metadefObjectCreate(context, created_ns.namespace, build_object_fixture())).not.toBeNull();
    expect(t.api.metadefPropertyCreate(context, created_ns.namespace, build_property_fixture({ namespace_id: created_ns.id }))).not.toBeNull();
    expect(t.api.metadefResourceTypeAssociationCreate(context, created_ns.namespace, build_association_fixture())).not.toBeNull();
    const deleted_ns = t.api.metadefNamespaceDelete(context, created_ns.namespace);
    expect(() => t.api.metadefNamespaceGet(context, deleted_ns.namespace)).toThrow(NotFound);
    for (const table of ['metadef_objects', 'metadef_properties', 'metadef_namespace_resource_types']) {
      expect(t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });
});

describe('MetadefPropertyTests', () => {
  it('test_property_create: answers the saved property', () => {
    const created_ns = createNamespace();
    const fixture_prop = build_property_fixture({ namespace_id: created_ns.id });
    assertSavedFields(fixture_prop, t.api.metadefPropertyCreate(context, created_ns.namespace, fixture_prop));
  });

  it('test_property_create_duplicate: a second property of the same name is a Duplicate', () => {
    const created_ns = createNamespace();
    const fixture_prop = build_property_fixture({ namespace_id: created_ns.id });
    assertSavedFields(fixture_prop, t.api.metadefPropertyCreate(context, created_ns.namespace, fixture_prop));
    expect(() => t.api.metadefPropertyCreate(context, created_ns.namespace, fixture_prop)).toThrow(Duplicate);
  });

  it('test_property_get: reads the stored property back', () => {
    const created_ns = createNamespace();
    const fixture_prop = build_property_fixture({ namespace_id: created_ns.id });
    const created_prop = t.api.metadefPropertyCreate(context, created_ns.namespace, fixture_prop);
    assertSavedFields(fixture_prop, t.api.metadefPropertyGet(context, created_ns.namespace, created_prop.name));
  });

  it('test_property_get_all: lists the namespace\'s properties', () => {
    const ns_created = createNamespace();
    t.api.metadefPropertyCreate(context, ns_created.namespace, build_property_fixture({ namespace_id: ns_created.id }));
    t.api.metadefPropertyCreate(context, ns_created.namespace, build_property_fixture({ namespace_id: ns_created.id, name: 'test-prop-2' }));
    expect(t.api.metadefPropertyGetAll(context, ns_created.namespace).length).toBe(2);
  });

  it('test_property_update: renames and changes the schema', () => {
    const created_ns = createNamespace();
    const created_prop = t.api.metadefPropertyCreate(context, created_ns.namespace, build_property_fixture({ namespace_id: created_ns.id }));
    const delta_dict = { ...structuredClone(created_prop), name: 'New-name', json_schema: 'new-schema' };
    const updated = t.api.metadefPropertyUpdate(context, created_ns.namespace, created_prop.id, delta_dict);
    expect(updated.name).toBe('New-name');
    expect(updated.json_schema).toBe('new-schema');
  });

  it('test_property_delete: a deleted property is not found', () => {
    const created_ns = createNamespace();
    const created_prop = t.api.metadefPropertyCreate(context, created_ns.namespace, build_property_fixture({ namespace_id: created_ns.id }));
    t.api.metadefPropertyDelete(context, created_ns.namespace, created_prop.name);
    expect(() => t.api.metadefPropertyGet(context, created_ns.namespace, created_prop.name)).toThrow(NotFound);
  });

  it('test_property_delete_namespace_content: deleting the namespace\'s properties removes them', () => {
    const created_ns = createNamespace();
    const created_prop = t.api.metadefPropertyCreate(context, created_ns.namespace, build_property_fixture({ namespace_id: created_ns.id }));
    t.api.metadefPropertyDeleteNamespaceContent(context, created_ns.namespace);
    expect(() => t.api.metadefPropertyGet(context, created_ns.namespace, created_prop.name)).toThrow(NotFound);
  });
});

describe('MetadefObjectTests', () => {
  it('test_object_create: answers the saved object', () => {
    const created_ns = createNamespace();
    const fixture_object = build_object_fixture({ namespace_id: created_ns.id });
    assertSavedFields(fixture_object, t.api.metadefObjectCreate(context, created_ns.namespace, fixture_object));
  });

  it('test_object_create_duplicate: a second object of the same name is a Duplicate', () => {
    const created_ns = createNamespace();
    const fixture_object = build_object_fixture({ namespace_id: created_ns.id });
    assertSavedFields(fixture_object, t.api.metadefObjectCreate(context, created_ns.namespace, fixture_object));
    expect(() => t.api.metadefObjectCreate(context, created_ns.namespace, fixture_object)).toThrow(Duplicate);
  });

  it('test_object_get: reads the stored object back', () => {
    const created_ns = createNamespace();
    const fixture_object = build_object_fixture({ namespace_id: created_ns.id });
    const created_object = t.api.metadefObjectCreate(context, created_ns.namespace, fixture_object);
    assertSavedFields(fixture_object, t.api.metadefObjectGet(context, created_ns.namespace, created_object.name));
  });

  it('test_object_get_all: lists the namespace\'s objects', () => {
    const ns_created = createNamespace();
    t.api.metadefObjectCreate(context, ns_created.namespace, build_object_fixture({ namespace_id: ns_created.id }));
    t.api.metadefObjectCreate(context, ns_created.namespace, build_object_fixture({ namespace_id: ns_created.id, name: 'test-object-2' }));
    expect(t.api.metadefObjectGetAll(context, ns_created.namespace).length).toBe(2);
  });

  it('test_object_update: renames and changes the schema', () => {
    const created_ns = createNamespace();
    const created_object = t.api.metadefObjectCreate(context, created_ns.namespace, build_object_fixture({ namespace_id: created_ns.id }));
    const delta_dict = { name: 'New-name', json_schema: 'new-schema', required: 'new-required' };
    const updated = t.api.metadefObjectUpdate(context, created_ns.namespace, created_object.id, delta_dict);
    expect(updated.name).toBe('New-name');
    expect(updated.json_schema).toBe('new-schema');
  });

  it('test_object_delete: a deleted object is not found', () => {
    const created_ns = createNamespace();
    const created_object = t.api.metadefObjectCreate(context, created_ns.namespace, build_object_fixture({ namespace_id: created_ns.id }));
    t.api.metadefObjectDelete(context, created_ns.namespace, created_object.name);
    expect(() => t.api.metadefObjectGet(context, created_ns.namespace, created_object.name)).toThrow(NotFound);
  });
});

describe('MetadefResourceTypeTests', () => {
  it('test_resource_type_get_all: a created resource type is listed', () => {
    const resource_types_orig = t.api.metadefResourceTypeGetAll(context);
    t.api.metadefResourceTypeCreate(context, build_resource_type_fixture());
    expect(t.api.metadefResourceTypeGetAll(context).length).toBe(resource_types_orig.length + 1);
  });
});

describe('MetadefResourceTypeAssociationTests', () => {
  it('test_association_create: answers the association with the resource type\'s name', () => {
    const ns_created = createNamespace();
    const assn_fixture = build_association_fixture();
    assertSavedFields(assn_fixture, t.api.metadefResourceTypeAssociationCreate(context, ns_created.namespace, assn_fixture));
  });

  it('test_association_create_duplicate: associating the same resource type twice is a Duplicate', () => {
    const ns_created = createNamespace();
    const assn_fixture = build_association_fixture();
    assertSavedFields(assn_fixture, t.api.metadefResourceTypeAssociationCreate(context, ns_created.namespace, assn_fixture));
    expect(() => t.api.metadefResourceTypeAssociationCreate(context, ns_created.namespace, assn_fixture)).toThrow(Duplicate);
  });

  it('test_association_delete: a deleted association is not found, its resource type stays', () => {
    const ns_created = createNamespace();
    const fixture = build_association_fixture();
    t.api.metadefResourceTypeAssociationCreate(context, ns_created.namespace, fixture);
    const created_resource = t.api.metadefResourceTypeGet(context, fixture['name']);
    t.api.metadefResourceTypeAssociationDelete(context, ns_created.namespace, created_resource.name);
    expect(() => t.api.metadefResourceTypeAssociationGet(context, ns_created.namespace, created_resource.name)).toThrow(NotFound);
    expect(t.api.metadefResourceTypeGet(context, fixture['name']).name).toBe('MyTestResourceType');
  });

  it('test_association_get_all_by_namespace: lists the namespace\'s associations', () => {
    const ns_created = createNamespace();
    const fixture = build_association_fixture();
    t.api.metadefResourceTypeAssociationCreate(context, ns_created.namespace, fixture);
    const found = t.api.metadefResourceTypeAssociationGetAllByNamespace(context, ns_created.namespace);
    expect(found.length).toBe(1);
    for (const item of found) assertSavedFields(fixture, item);
  });
});

describe('MetadefTagTests', () => {
  it('test_tag_create: answers the saved tag', () => {
    const created_ns = createNamespace();
    const fixture_tag = build_tag_fixture({ namespace_id: created_ns.id });
    assertSavedFields(fixture_tag, t.api.metadefTagCreate(context, created_ns.namespace, fixture_tag));
  });

  it('test_tag_create_duplicate: a second tag of the same name is a Duplicate', () => {
    const created_ns = createNamespace();
    const fixture_tag = build_tag_fixture({ namespace_id: created_ns.id });
    t.api.metadefTagCreate(context, created_ns.namespace, fixture_tag);
    expect(() => t.api.metadefTagCreate(context, created_ns.namespace, fixture_tag)).toThrow(Duplicate);
  });

  it('test_tag_create_tags: creates every tag of the list', () => {
    const created_ns = createNamespace();
    const created_tags = t.api.metadefTagCreateTags(context, created_ns.namespace, build_tags_fixture(['Tag1', 'Tag2', 'Tag3']));
    expect(new Set(created_tags.map((tag) => tag.name))).toEqual(new Set(['Tag1', 'Tag2', 'Tag3']));
  });

  it('test_tag_create_duplicate_tags_1: a list naming a tag twice is a Duplicate and writes nothing', () => {
    const created_ns = createNamespace();
    expect(() => t.api.metadefTagCreateTags(context, created_ns.namespace, build_tags_fixture(['Tag1', 'Tag2', 'Tag3', 'Tag2']))).toThrow(
      Duplicate,
    );
    expect(t.api.metadefTagCount(context, created_ns.namespace)).toBe(0);
  });

  it('test_tag_create_duplicate_tags_2: creating a tag the list already made is a Duplicate', () => {
    const created_ns = createNamespace();
    t.api.metadefTagCreateTags(context, created_ns.namespace, build_tags_fixture(['Tag1', 'Tag2', 'Tag3']));
    const dup_tag = build_tag_fixture({ namespace_id: created_ns.id, name: 'Tag3' });
    expect(() => t.api.metadefTagCreate(context, created_ns.namespace, dup_tag)).toThrow(Duplicate);
  });

  it('test_tag_get: reads the stored tag back', () => {
    const created_ns = createNamespace();
    const fixture_tag = build_tag_fixture({ namespace_id: created_ns.id });
    const created_tag = t.api.metadefTagCreate(context, created_ns.namespace, fixture_tag);
    assertSavedFields(fixture_tag, t.api.metadefTagGet(context, created_ns.namespace, created_tag.name));
  });

  it('test_tag_get_all: lists the namespace\'s tags', () => {
    const ns_created = createNamespace();
    t.api.metadefTagCreate(context, ns_created.namespace, build_tag_fixture({ namespace_id: ns_created.id }));
    t.api.metadefTagCreate(context, ns_created.namespace, build_tag_fixture({ namespace_id: ns_created.id, name: 'test-tag-2' }));
    expect(t.api.metadefTagGetAll(context, ns_created.namespace, { sort_key: 'created_at' }).length).toBe(2);
  });

  it('test_tag_update: renames the tag', () => {
    const created_ns = createNamespace();
    const created_tag = t.api.metadefTagCreate(context, created_ns.namespace, build_tag_fixture({ namespace_id: created_ns.id }));
    const updated = t.api.metadefTagUpdate(context, created_ns.namespace, created_tag.id, { name: 'New-name' });
    expect(updated.name).toBe('New-name');
  });

  it('test_tag_delete: a deleted tag is not found', () => {
    const created_ns = createNamespace();
    const created_tag = t.api.metadefTagCreate(context, created_ns.namespace, build_tag_fixture({ namespace_id: created_ns.id }));
    t.api.metadefTagDelete(context, created_ns.namespace, created_tag.name);
    expect(() => t.api.metadefTagGet(context, created_ns.namespace, created_tag.name)).toThrow(NotFound);
  });
});
