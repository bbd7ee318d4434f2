// Port of glance/tests/unit/test_db_metadef.py (Glance 16.0.0): the metadef
// repositories of glance/db/__init__.py over the db api. Glance runs these
// on its simple in-memory driver (unit_test_utils.FakeDB); the port runs
// them on the real SQLite database through the sqlalchemy api port, where
// every case answers the same.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MetadefNamespaceRepo,
  MetadefObjectRepo,
  MetadefPropertyRepo,
  MetadefResourceTypeRepo,
  MetadefTagRepo,
} from '../../src/legacy/db.js';
import type { DbContext } from '../../src/legacy/db/sqlalchemy-api.js';
import * as domain from '../../src/legacy/domain.js';
import { Duplicate, Forbidden, NotFound } from '../../src/legacy/exception.js';
import { exceptionText } from '../../src/legacy/api/v2/images.js';
import { ADMIN, dbContext, freshDb, type TestDb } from './__test-helpers__/db.js';

const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
const TENANT3 = '5a3e60e8-cfa9-4a9e-a90a-62b42cea92b8';

const NAMESPACE1 = 'namespace1';
const NAMESPACE2 = 'namespace2';
const NAMESPACE3 = 'namespace3';
const NAMESPACE4 = 'namespace4';

const PROPERTY1 = 'Property1';
const PROPERTY2 = 'Property2';
const PROPERTY3 = 'Property3';

const OBJECT1 = 'Object1';
const OBJECT2 = 'Object2';
const OBJECT3 = 'Object3';

const TAG1 = 'Tag1';
const TAG2 = 'Tag2';
const TAG3 = 'Tag3';
const TAG4 = 'Tag4';
const TAG5 = 'Tag5';

const RESOURCE_TYPE1 = 'ResourceType1';
const RESOURCE_TYPE2 = 'ResourceType2';
const RESOURCE_TYPE3 = 'ResourceType3';

function _db_namespace_fixture(kwargs: Record<string, unknown>): Record<string, unknown> {
  return { namespace: null, display_name: null, description: null, visibility: true, protected: false, owner: null, ...kwargs };
}

function _db_property_fixture(name: string, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, json_schema: new Map([['type', 'string'], ['title', 'title']]), ...kwargs };
}

function _db_object_fixture(name: string, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, description: null, json_schema: new Map(), required: '[]', ...kwargs };
}

function _db_tag_fixture(name: string): Record<string, unknown> {
  return { name };
}

function _db_tags_fixture(names: string[]): Array<Record<string, unknown>> {
  return names.map(_db_tag_fixture);
}

function _db_resource_type_fixture(name: string, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, protected: false, ...kwargs };
}

/** `assertRaises(cls, ...)` then `encodeutils.exception_to_unicode(exc)`. */
function raised(cls: abstract new (...args: never[]) => unknown, fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return exceptionText(e);
  }
  throw new Error(`${cls.name} not raised`);
}

let t: TestDb;
let context: DbContext;
let namespace_repo: MetadefNamespaceRepo;
let property_repo: MetadefPropertyRepo;
let object_repo: MetadefObjectRepo;
let tag_repo: MetadefTagRepo;
let resource_type_repo: MetadefResourceTypeRepo;

function setUp(): void {
  t = freshDb();
  // RequestContext(user=USER1, tenant=TENANT1)
  context = dbContext({ owner: TENANT1 });
  namespace_repo = new MetadefNamespaceRepo(context, t.api);
  property_repo = new MetadefPropertyRepo(context, t.api);
  object_repo = new MetadefObjectRepo(context, t.api);
  tag_repo = new MetadefTagRepo(context, t.api);
  resource_type_repo = new MetadefResourceTypeRepo(context, t.api);
  const namespaces = [
    _db_namespace_fixture({ namespace: NAMESPACE1, display_name: '1', description: 'desc1', visibility: 'private', protected: true, owner: TENANT1 }),
    _db_namespace_fixture({ namespace: NAMESPACE2, display_name: '2', description: 'desc2', visibility: 'public', protected: false, owner: TENANT1 }),
    _db_namespace_fixture({ namespace: NAMESPACE3, display_name: '3', description: 'desc3', visibility: 'private', protected: true, owner: TENANT3 }),
    _db_namespace_fixture({ namespace: NAMESPACE4, display_name: '4', description: 'desc4', visibility: 'public', protected: true, owner: TENANT3 }),
  ];
  // The db api's create does not read its context (Glance passes None).
  for (const namespace of namespaces) t.api.metadefNamespaceCreate(ADMIN, namespace);
  for (const ns of [NAMESPACE1, NAMESPACE4]) {
    for (const name of [PROPERTY1, PROPERTY2, PROPERTY3]) t.api.metadefPropertyCreate(context, ns, _db_property_fixture(name));
  }
  for (const ns of [NAMESPACE1, NAMESPACE4]) {
    [[OBJECT1, 'desc1'], [OBJECT2, 'desc2'], [OBJECT3, 'desc3']].forEach(([name, description]) =>
      t.api.metadefObjectCreate(context, ns, _db_object_fixture(name as string, { description })),
    );
  }
  for (const ns of [NAMESPACE1, NAMESPACE4]) for (const name of [TAG1, TAG2, TAG3]) t.api.metadefTagCreate(context, ns, _db_tag_fixture(name));
  t.api.metadefResourceTypeCreate(context, _db_resource_type_fixture(RESOURCE_TYPE1, { protected: false }));
  t.api.metadefResourceTypeCreate(context, _db_resource_type_fixture(RESOURCE_TYPE2, { protected: false }));
  t.api.metadefResourceTypeCreate(context, _db_resource_type_fixture(RESOURCE_TYPE3, { protected: true }));
}

const names = (items: Array<{ name: unknown }>): Set<unknown> => new Set(items.map((i) => i.name));

describe('TestMetadefRepo', () => {
  beforeEach(setUp);

  it('test_get_namespace: reads every attribute of the namespace', () => {
    const namespace = namespace_repo.get(NAMESPACE1);
    expect(namespace.namespace).toBe(NAMESPACE1);
    expect(namespace.description).toBe('desc1');
    expect(namespace.display_name).toBe('1');
    expect(namespace.owner).toBe(TENANT1);
    expect(namespace.protected).toBe(true);
    expect(namespace.visibility).toBe('private');
  });

  it('test_get_namespace_not_found: NotFound naming the namespace', () => {
    expect(raised(NotFound, () => namespace_repo.get('fake_namespace'))).toContain('fake_namespace');
  });

  it('test_get_namespace_forbidden: a namespace the caller may not see is NotFound', () => {
    raised(NotFound, () => namespace_repo.get(NAMESPACE3));
  });

  it('test_list_namespace: lists the caller\'s and the public namespaces', () => {
    expect(new Set(namespace_repo.list().map((n) => n.namespace))).toEqual(new Set([NAMESPACE1, NAMESPACE2, NAMESPACE4]));
  });

  it('test_list_private_namespaces: the visibility filter keeps the private ones', () => {
    const namespaces = namespace_repo.list({ filters: new Map([['visibility', 'private']]) });
    expect(new Set(namespaces.map((n) => n.namespace))).toEqual(new Set([NAMESPACE1]));
  });

  it('test_add_namespace: a namespace made through the db api is found by the repo', () => {
    const namespace = _db_namespace_fixture({
      namespace: 'added_namespace', display_name: 'fake', description: 'fake_desc', visibility: 'public', protected: true, owner: TENANT1,
    });
    expect(namespace['namespace']).toBe('added_namespace');
    t.api.metadefNamespaceCreate(ADMIN, namespace);
    expect(namespace_repo.get(namespace['namespace']).namespace).toBe('added_namespace');
  });

  it('test_save_namespace: saves the changed attributes', () => {
    let namespace = namespace_repo.get(NAMESPACE1);
    namespace.display_name = 'save_name';
    namespace.description = 'save_desc';
    namespace_repo.save(namespace);
    namespace = namespace_repo.get(NAMESPACE1);
    expect(namespace.display_name).toBe('save_name');
    expect(namespace.description).toBe('save_desc');
  });

  it('test_remove_namespace: a removed namespace is not found', () => {
    namespace_repo.remove(namespace_repo.get(NAMESPACE1));
    raised(NotFound, () => namespace_repo.get(NAMESPACE1));
  });

  it('test_remove_namespace_not_found: NotFound naming the namespace', () => {
    const namespace = namespace_repo.get(NAMESPACE1);
    namespace.namespace = 'fake_name';
    expect(raised(NotFound, () => namespace_repo.remove(namespace))).toContain('fake_name');
  });

  it('test_get_property: reads the property with its namespace', () => {
    const property = property_repo.get(NAMESPACE1, PROPERTY1);
    const namespace = namespace_repo.get(NAMESPACE1);
    expect(property.name).toBe(PROPERTY1);
    expect((property.namespace as domain.MetadefNamespace).namespace).toBe(namespace.namespace);
  });

  it('test_get_property_not_found: NotFound naming the property', () => {
    expect(raised(NotFound, () => property_repo.get(NAMESPACE2, PROPERTY1))).toContain(PROPERTY1);
  });

  it('test_list_property: lists the namespace\'s properties', () => {
    expect(names(property_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }))).toEqual(new Set([PROPERTY1, PROPERTY2, PROPERTY3]));
  });

  it('test_list_property_empty_result: a namespace without properties lists none', () => {
    expect(names(property_repo.list({ filters: new Map([['namespace', NAMESPACE2]]) }))).toEqual(new Set());
  });

  it('test_list_property_namespace_not_found: NotFound naming the namespace', () => {
    expect(raised(NotFound, () => property_repo.list({ filters: new Map([['namespace', 'not-a-namespace']]) }))).toContain('not-a-namespace');
  });

  it('test_add_property: a property made through the db api is found by the repo', () => {
    const property = _db_property_fixture('added_property');
    expect(property['name']).toBe('added_property');
    t.api.metadefPropertyCreate(context, NAMESPACE1, property);
    expect(property_repo.get(NAMESPACE1, 'added_property').name).toBe('added_property');
  });

  it('test_add_property_namespace_forbidden: adding to a namespace the caller may not see is Forbidden', () => {
    raised(Forbidden, () => t.api.metadefPropertyCreate(context, NAMESPACE3, _db_property_fixture('added_property')));
  });

  it('test_add_property_namespace_not_found: adding to a missing namespace is NotFound', () => {
    raised(NotFound, () => t.api.metadefPropertyCreate(context, 'not_a_namespace', _db_property_fixture('added_property')));
  });

  it('test_save_property: saves the changed schema', () => {
    let property = property_repo.get(NAMESPACE1, PROPERTY1);
    property.schema = '{"save": "schema"}';
    property_repo.save(property);
    property = property_repo.get(NAMESPACE1, PROPERTY1);
    expect(property.name).toBe(PROPERTY1);
    expect(property.schema).toBe('{"save": "schema"}');
  });

  it('test_remove_property: a removed property is not found', () => {
    property_repo.remove(property_repo.get(NAMESPACE1, PROPERTY1));
    raised(NotFound, () => property_repo.get(NAMESPACE1, PROPERTY1));
  });

  it('test_remove_property_not_found: removing a renamed (unsaved) property is NotFound', () => {
    const property = property_repo.get(NAMESPACE1, PROPERTY1);
    property.name = 'fake_name';
    raised(NotFound, () => property_repo.remove(property));
  });

  it('test_get_object: reads the object, its required list split on commas', () => {
    const object = object_repo.get(NAMESPACE1, OBJECT1);
    const namespace = namespace_repo.get(NAMESPACE1);
    expect(object.name).toBe(OBJECT1);
    expect(object.description).toBe('desc1');
    expect(object.required).toEqual(['[]']);
    expect(object.properties).toEqual(new Map());
    expect((object.namespace as domain.MetadefNamespace).namespace).toBe(namespace.namespace);
  });

  it('test_get_object_not_found: NotFound naming the object', () => {
    expect(raised(NotFound, () => object_repo.get(NAMESPACE2, OBJECT1))).toContain(OBJECT1);
  });

  it('test_list_object: lists the namespace\'s objects', () => {
    expect(names(object_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }))).toEqual(new Set([OBJECT1, OBJECT2, OBJECT3]));
  });

  it('test_list_object_empty_result: a namespace without objects lists none', () => {
    expect(names(object_repo.list({ filters: new Map([['namespace', NAMESPACE2]]) }))).toEqual(new Set());
  });

  it('test_list_object_namespace_not_found: NotFound naming the namespace', () => {
    expect(raised(NotFound, () => object_repo.list({ filters: new Map([['namespace', 'not-a-namespace']]) }))).toContain('not-a-namespace');
  });

  it('test_add_object: an object made through the db api is found by the repo', () => {
    const object = _db_object_fixture('added_object');
    expect(object['name']).toBe('added_object');
    t.api.metadefObjectCreate(context, NAMESPACE1, object);
    expect(object_repo.get(NAMESPACE1, 'added_object').name).toBe('added_object');
  });

  it('test_add_object_namespace_forbidden: adding to a namespace the caller may not see is Forbidden', () => {
    raised(Forbidden, () => t.api.metadefObjectCreate(context, NAMESPACE3, _db_object_fixture('added_object')));
  });

  it('test_add_object_namespace_not_found: adding to a missing namespace is NotFound', () => {
    raised(NotFound, () => t.api.metadefObjectCreate(context, 'not-a-namespace', _db_object_fixture('added_object')));
  });

  it('test_save_object: saves the required list and description', () => {
    let object = object_repo.get(NAMESPACE1, OBJECT1);
    object.required = ['save_req'];
    object.description = 'save_desc';
    object_repo.save(object);
    object = object_repo.get(NAMESPACE1, OBJECT1);
    expect(object.name).toBe(OBJECT1);
    expect(object.required).toEqual(['save_req']);
    expect(object.description).toBe('save_desc');
  });

  it('test_remove_object: a removed object is not found', () => {
    object_repo.remove(object_repo.get(NAMESPACE1, OBJECT1));
    raised(NotFound, () => object_repo.get(NAMESPACE1, OBJECT1));
  });

  it('test_remove_object_not_found: removing a renamed (unsaved) object is NotFound', () => {
    const object = object_repo.get(NAMESPACE1, OBJECT1);
    object.name = 'fake_name';
    raised(NotFound, () => object_repo.remove(object));
  });

  it('test_list_resource_type: a namespace without associations lists none', () => {
    expect(resource_type_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }).length).toBe(0);
  });

  it('test_get_tag: reads the tag with its namespace', () => {
    const tag = tag_repo.get(NAMESPACE1, TAG1);
    const namespace = namespace_repo.get(NAMESPACE1);
    expect(tag.name).toBe(TAG1);
    expect((tag.namespace as domain.MetadefNamespace).namespace).toBe(namespace.namespace);
  });

  it('test_get_tag_not_found: NotFound naming the tag', () => {
    expect(raised(NotFound, () => tag_repo.get(NAMESPACE2, TAG1))).toContain(TAG1);
  });

  it('test_list_tag: lists the namespace\'s tags', () => {
    expect(names(tag_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }))).toEqual(new Set([TAG1, TAG2, TAG3]));
  });

  it('test_list_tag_empty_result: a namespace without tags lists none', () => {
    expect(names(tag_repo.list({ filters: new Map([['namespace', NAMESPACE2]]) }))).toEqual(new Set());
  });

  it('test_list_tag_namespace_not_found: NotFound naming the namespace', () => {
    expect(raised(NotFound, () => tag_repo.list({ filters: new Map([['namespace', 'not-a-namespace']]) }))).toContain('not-a-namespace');
  });

  it('test_add_tag: a tag made through the db api is found by the repo', () => {
    const tag = _db_tag_fixture('added_tag');
    expect(tag['name']).toBe('added_tag');
    t.api.metadefTagCreate(context, NAMESPACE1, tag);
    expect(tag_repo.get(NAMESPACE1, 'added_tag').name).toBe('added_tag');
  });

  it('test_add_tags: create_tags replaces the namespace\'s tags', () => {
    expect(names(tag_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }))).toEqual(new Set([TAG1, TAG2, TAG3]));
    t.api.metadefTagCreateTags(context, NAMESPACE1, _db_tags_fixture([TAG3, TAG4, TAG5]));
    expect(names(tag_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }))).toEqual(new Set([TAG3, TAG4, TAG5]));
  });

  it('test_add_duplicate_tags_with_pre_existing_tags: a duplicate in the list is Duplicate and keeps the old tags', () => {
    expect(names(tag_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }))).toEqual(new Set([TAG1, TAG2, TAG3]));
    raised(Duplicate, () => t.api.metadefTagCreateTags(context, NAMESPACE1, _db_tags_fixture([TAG5, TAG4, TAG5])));
    expect(names(tag_repo.list({ filters: new Map([['namespace', NAMESPACE1]]) }))).toEqual(new Set([TAG1, TAG2, TAG3]));
  });

  it('test_add_tag_namespace_forbidden: adding to a namespace the caller may not see is Forbidden', () => {
    raised(Forbidden, () => t.api.metadefTagCreate(context, NAMESPACE3, _db_tag_fixture('added_tag')));
  });

  it('test_add_tag_namespace_not_found: adding to a missing namespace is NotFound', () => {
    raised(NotFound, () => t.api.metadefTagCreate(context, 'not-a-namespace', _db_tag_fixture('added_tag')));
  });

  it('test_save_tag: saving an unchanged tag keeps it', () => {
    tag_repo.save(tag_repo.get(NAMESPACE1, TAG1));
    expect(tag_repo.get(NAMESPACE1, TAG1).name).toBe(TAG1);
  });

  it('test_remove_tag: a removed tag is not found', () => {
    tag_repo.remove(tag_repo.get(NAMESPACE1, TAG1));
    raised(NotFound, () => tag_repo.get(NAMESPACE1, TAG1));
  });

  it('test_remove_tag_not_found: removing a renamed (unsaved) tag is NotFound', () => {
    const tag = tag_repo.get(NAMESPACE1, TAG1);
    tag.name = 'fake_name';
    raised(NotFound, () => tag_repo.remove(tag));
  });
});
