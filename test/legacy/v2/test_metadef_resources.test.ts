/**
 * Port of glance/tests/unit/v2/test_metadef_resources.py (Glance 16.0.0):
 * the five metadef controllers through the whole onion (authorization,
 * notifier, policy, db repos) on the SQLite db api, and the deserializers on
 * Glance's wsgi.Request. Glance runs these on its simple in-memory driver;
 * where the sqlalchemy driver (what a deployment, and the reference runner,
 * use) answers differently, the case asserts the sqlalchemy answer and says
 * why in its title.
 */
// Glance's TestMetadefsControllers.test_cleanup_namespace_* mock the module
// LOG; the ports assert the behaviour the log lines report instead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as namespaces from '../../../src/legacy/api/v2/metadef-namespaces.js';
import * as objects from '../../../src/legacy/api/v2/metadef-objects.js';
import * as properties from '../../../src/legacy/api/v2/metadef-properties.js';
import * as resource_types from '../../../src/legacy/api/v2/metadef-resource-types.js';
import * as tags from '../../../src/legacy/api/v2/metadef-tags.js';
import { Namespace } from '../../../src/legacy/api/v2/model/metadef-namespace.js';
import { MetadefObject } from '../../../src/legacy/api/v2/model/metadef-object.js';
import { PropertyType } from '../../../src/legacy/api/v2/model/metadef-property-type.js';
import { ResourceTypeAssociation } from '../../../src/legacy/api/v2/model/metadef-resource-type.js';
import { MetadefTag, MetadefTags } from '../../../src/legacy/api/v2/model/metadef-tag.js';
import * as authorization from '../../../src/legacy/authorization.js';
import { Gateway } from '../../../src/legacy/gateway.js';
import { HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPNotFound, WSGIHTTPException } from '../../../src/legacy/webob.js';
import { getFakeWsgiRequest, jsonRequest } from '../__test-helpers__/wsgi-request.js';
import { config } from '../__test-helpers__/mutable-settings.js';
import {
  TENANT1, TENANT2, TENANT3, TENANT4, getFakeRequest, v2World, type FakeRequestOptions, type V2World,
} from '../__test-helpers__/v2-fixtures.js';

const NAMESPACE1 = 'Namespace1';
const NAMESPACE2 = 'Namespace2';
const NAMESPACE3 = 'Namespace3';
const NAMESPACE4 = 'Namespace4';
const NAMESPACE5 = 'Namespace5';
const NAMESPACE6 = 'Namespace6';

const PROPERTY1 = 'Property1';
const PROPERTY2 = 'Property2';
const PROPERTY3 = 'Property3';
const PROPERTY4 = 'Property4';

const OBJECT1 = 'Object1';
const OBJECT2 = 'Object2';
const OBJECT3 = 'Object3';

const RESOURCE_TYPE1 = 'ResourceType1';
const RESOURCE_TYPE2 = 'ResourceType2';
const RESOURCE_TYPE3 = 'ResourceType3';
const RESOURCE_TYPE4 = 'ResourceType4';

const TAG1 = 'Tag1';
const TAG2 = 'Tag2';
const TAG3 = 'Tag3';
const TAG4 = 'Tag4';
const TAG5 = 'Tag5';

const PREFIX1 = 'pref';
const SQUAD_CAR = '\u{1F693}';

function _db_namespace_fixture(namespace: string, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { namespace, display_name: null, description: null, visibility: 'public', protected: false, owner: null, ...kwargs };
}

function _db_property_fixture(name: string): Record<string, unknown> {
  return { name, json_schema: new Map([['type', 'string'], ['title', 'title']]) };
}

function _db_object_fixture(name: string): Record<string, unknown> {
  return { name, description: null, json_schema: new Map(), required: '[]' };
}

function _db_resource_type_fixture(name: string): Record<string, unknown> {
  return { name, protected: false };
}

function _db_tag_fixture(name: string): Record<string, unknown> {
  return { name };
}

function _db_tags_fixture(tag_names: string[] = [TAG1, TAG2, TAG3]): MetadefTag[] {
  return tag_names.map((tag_name) => {
    const tag = new MetadefTag();
    tag.name = tag_name;
    return tag;
  });
}

function _db_namespace_resource_type_fixture(name: string, kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, properties_target: null, prefix: null, ...kwargs };
}

function newProperty(name: string | null, type = 'string', title = 'title'): PropertyType {
  const property = new PropertyType();
  if (name !== null) property.name = name;
  property.type = type;
  property.title = title;
  return property;
}

function newObject(name: string, withProperties = true): MetadefObject {
  const object = new MetadefObject();
  object.name = name;
  object.required = [];
  if (withProperties) object.properties = new Map();
  return object;
}

function newAssociation(name: string, prefix: string): ResourceTypeAssociation {
  const rt = new ResourceTypeAssociation();
  rt.name = name;
  rt.prefix = prefix;
  return rt;
}

let w: V2World;
let namespace_controller: namespaces.NamespaceController;
let property_controller: properties.NamespacePropertiesController;
let object_controller: objects.MetadefObjectsController;
let rt_controller: resource_types.ResourceTypeController;
let tag_controller: tags.TagsController;
let deserializer: objects.RequestDeserializer;
let property_deserializer: properties.RequestDeserializer;

const request = (opts: FakeRequestOptions = {}) => getFakeRequest(opts);

function setUp(): void {
  w = v2World();
  const ctx = request().context;
  const ns = [
    _db_namespace_fixture(NAMESPACE1, { owner: TENANT1, visibility: 'private', protected: true }),
    _db_namespace_fixture(NAMESPACE2, { owner: TENANT2, visibility: 'private' }),
    _db_namespace_fixture(NAMESPACE3, { owner: TENANT3 }),
    _db_namespace_fixture(NAMESPACE5, { owner: TENANT4 }),
    _db_namespace_fixture(NAMESPACE6, { owner: TENANT4 }),
  ];
  for (const namespace of ns) {
    w.clock.tick();
    w.api.metadefNamespaceCreate(ctx, namespace);
  }
  for (const [namespace, property] of [
    [NAMESPACE3, _db_property_fixture(PROPERTY1)], [NAMESPACE3, _db_property_fixture(PROPERTY2)],
    [NAMESPACE1, _db_property_fixture(PROPERTY1)], [NAMESPACE6, _db_property_fixture(PROPERTY4)],
  ] as const) w.api.metadefPropertyCreate(ctx, namespace, property);
  for (const [namespace, object] of [
    [NAMESPACE3, _db_object_fixture(OBJECT1)], [NAMESPACE3, _db_object_fixture(OBJECT2)], [NAMESPACE1, _db_object_fixture(OBJECT1)],
  ] as const) w.api.metadefObjectCreate(ctx, namespace, object);
  for (const rt of [RESOURCE_TYPE1, RESOURCE_TYPE2, RESOURCE_TYPE4]) w.api.metadefResourceTypeCreate(ctx, _db_resource_type_fixture(rt));
  const admin = request({ is_admin: true }).context;
  for (const [namespace, assoc] of [
    [NAMESPACE1, _db_namespace_resource_type_fixture(RESOURCE_TYPE1)],
    [NAMESPACE3, _db_namespace_resource_type_fixture(RESOURCE_TYPE1)],
    [NAMESPACE2, _db_namespace_resource_type_fixture(RESOURCE_TYPE1)],
    [NAMESPACE2, _db_namespace_resource_type_fixture(RESOURCE_TYPE2)],
    [NAMESPACE6, _db_namespace_resource_type_fixture(RESOURCE_TYPE4, { prefix: PREFIX1 })],
  ] as const) w.api.metadefResourceTypeAssociationCreate(admin, namespace, assoc);
  for (const [namespace, tag] of [
    [NAMESPACE3, _db_tag_fixture(TAG1)], [NAMESPACE3, _db_tag_fixture(TAG2)], [NAMESPACE1, _db_tag_fixture(TAG1)],
  ] as const) {
    w.clock.tick();
    w.api.metadefTagCreate(ctx, namespace, tag);
  }
  w.clock.tick();
  const deps = w.deps();
  namespace_controller = new namespaces.NamespaceController(deps);
  property_controller = new properties.NamespacePropertiesController(deps);
  object_controller = new objects.MetadefObjectsController(deps);
  rt_controller = new resource_types.ResourceTypeController(deps);
  tag_controller = new tags.TagsController(deps);
  deserializer = new objects.RequestDeserializer();
  property_deserializer = new properties.RequestDeserializer();
}

/** `self.assertRaises(cls, fn)`: the webob error, of that class. */
function raises<T extends WSGIHTTPException>(cls: abstract new (...args: never[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return e as T;
  }
  throw new Error(`${cls.name} not raised`);
}

/** `assertNotificationsLog`: INFO events of these types, each payload containing the expected keys; the log is then cleared. */
function assertNotificationsLog(expected: Array<{ type: string; payload: Record<string, unknown> }>): void {
  const output_logs = w.notifier.get_logs();
  expect(output_logs.length).toBe(expected.length);
  output_logs.forEach((log, i) => {
    const event = expected[i] as { type: string; payload: Record<string, unknown> };
    expect(log.notification_type).toBe('INFO');
    expect(log.event_type).toBe(event.type);
    for (const [k, v] of Object.entries(event.payload)) expect([k, log.payload[k]]).toEqual([k, v]);
  });
  w.notifier.log = [];
}

function assertNotificationLog(type: string, payloads: Array<Record<string, unknown>>): void {
  assertNotificationsLog(payloads.map((payload) => ({ type, payload })));
}

const nameSet = (items: unknown): Set<unknown> => new Set((items as Array<{ name: unknown }>).map((i) => i.name));
const keySet = (m: unknown): Set<unknown> => new Set((m as Map<string, unknown>).keys());
const nsSet = (items: unknown): Set<unknown> => new Set((items as Namespace[]).map((n) => n.namespace));

describe('TestMetadefsControllers', () => {
  beforeEach(setUp);
  afterEach(() => w.close());

  it('test_namespace_index: a member lists its own and the public namespaces', () => {
    const output = namespace_controller.index(request()).to_dict();
    expect((output['namespaces'] as Namespace[]).length).toBe(4);
    expect(nsSet(output['namespaces'])).toEqual(new Set([NAMESPACE1, NAMESPACE3, NAMESPACE5, NAMESPACE6]));
  });

  it('test_namespace_index_admin: an admin lists every namespace', () => {
    const output = namespace_controller.index(request({ is_admin: true })).to_dict();
    expect((output['namespaces'] as Namespace[]).length).toBe(5);
    expect(nsSet(output['namespaces'])).toEqual(new Set([NAMESPACE1, NAMESPACE2, NAMESPACE3, NAMESPACE5, NAMESPACE6]));
  });

  it('test_namespace_index_visibility_public: the visibility filter keeps the public ones', () => {
    const output = namespace_controller.index(request({ tenant: TENANT3 }), { filters: new Map([['visibility', 'public']]) }).to_dict();
    expect((output['namespaces'] as Namespace[]).length).toBe(3);
    expect(nsSet(output['namespaces'])).toEqual(new Set([NAMESPACE3, NAMESPACE5, NAMESPACE6]));
  });

  it('test_namespace_index_resource_type: the resource_types filter (a comma list, as the sqlalchemy driver splits it) keeps the associated ones', () => {
    const output = namespace_controller.index(request(), { filters: new Map([['resource_types', RESOURCE_TYPE1]]) }).to_dict();
    expect((output['namespaces'] as Namespace[]).length).toBe(2);
    expect(nsSet(output['namespaces'])).toEqual(new Set([NAMESPACE1, NAMESPACE3]));
  });

  it('test_namespace_show: shows the namespace\'s attributes', () => {
    const output = namespace_controller.show(request(), NAMESPACE1).to_dict();
    expect(output['namespace']).toBe(NAMESPACE1);
    expect(output['owner']).toBe(TENANT1);
    expect(output['protected']).toBe(true);
    expect(output['visibility']).toBe('private');
  });

  it('test_namespace_show_with_related_resources: shows its properties, objects and associations', () => {
    const output = namespace_controller.show(request(), NAMESPACE3).to_dict();
    expect(output['namespace']).toBe(NAMESPACE3);
    expect(output['owner']).toBe(TENANT3);
    expect(output['protected']).toBe(false);
    expect(output['visibility']).toBe('public');
    expect(keySet(output['properties'])).toEqual(new Set([PROPERTY1, PROPERTY2]));
    expect(nameSet(output['objects'])).toEqual(new Set([OBJECT1, OBJECT2]));
    expect(nameSet(output['resource_type_associations'])).toEqual(new Set([RESOURCE_TYPE1]));
  });

  it('test_namespace_show_with_property_prefix: with resource_type, property names carry the association\'s prefix', () => {
    const req = request();
    const rt = rt_controller.create(req, newAssociation(RESOURCE_TYPE2, 'pref'), NAMESPACE3);
    const object = new MetadefObject();
    object.name = OBJECT3;
    object.required = [];
    object.properties = new Map([['prop1', newProperty(PROPERTY2)]]);
    object_controller.create(req, object, NAMESPACE3);
    assertNotificationsLog([
      { type: 'metadef_resource_type.create', payload: { namespace: NAMESPACE3, name: RESOURCE_TYPE2, prefix: 'pref', properties_target: null } },
      {
        type: 'metadef_object.create',
        payload: {
          name: OBJECT3,
          namespace: NAMESPACE3,
          properties: [{
            name: 'prop1', additionalItems: null, confidential: null, title: 'title', default: null, pattern: null, enum: null,
            maximum: null, minItems: null, minimum: null, maxItems: null, minLength: null, uniqueItems: null, maxLength: null,
            items: null, type: 'string', description: null,
          }],
          required: [],
          description: null,
        },
      },
    ]);
    const output = namespace_controller.show(req, NAMESPACE3, new Map([['resource_type', RESOURCE_TYPE2]])).to_dict();
    for (const property_name of (output['properties'] as Map<string, unknown>).keys()) expect(property_name.startsWith(rt.prefix as string)).toBe(true);
    for (const o of output['objects'] as MetadefObject[]) {
      for (const property_name of (o.properties as Map<string, unknown>).keys()) expect(property_name.startsWith(rt.prefix as string)).toBe(true);
    }
  });

  it('test_cleanup_namespace_success: the cleanup deletes the namespace just made', () => {
    const gateway = new Gateway(w.deps());
    const req = request();
    const ns_factory = gateway.get_metadef_namespace_factory(req.context);
    const ns_repo = gateway.get_metadef_namespace_repo(req.context);
    const namespace = new Namespace();
    namespace.namespace = 'FakeNamespace';
    ns_repo.add(ns_factory.new_namespace(namespace.to_dict()));
    namespace_controller._cleanup_namespace(ns_repo, namespace, true);
    raises(HTTPNotFound, () => namespace_controller.show(req, 'FakeNamespace'));
  });

  it('test_cleanup_namespace_exception: a failing cleanup is swallowed after one remove', () => {
    const gateway = new Gateway(w.deps());
    const req = request();
    const ns_factory = gateway.get_metadef_namespace_factory(req.context);
    const ns_repo = gateway.get_metadef_namespace_repo(req.context) as authorization.MetadefNamespaceRepoProxy;
    const namespace = new Namespace();
    namespace.namespace = 'FakeNamespace';
    ns_repo.add(ns_factory.new_namespace(namespace.to_dict()));
    const calls: unknown[] = [];
    ns_repo.remove = (item: unknown) => {
      calls.push(item);
      throw new Error('Mock remove was called');
    };
    expect(() => namespace_controller._cleanup_namespace(ns_repo, namespace, true)).not.toThrow();
    expect(calls.length).toBe(1);
  });

  it('test_namespace_show_non_existing: 404', () => {
    raises(HTTPNotFound, () => namespace_controller.show(request(), 'FakeName'));
  });

  it('test_namespace_show_non_visible: another project\'s private namespace is 404', () => {
    raises(HTTPNotFound, () => namespace_controller.show(request(), NAMESPACE2));
  });

  it('test_namespace_delete: the owner deletes it, metadef_namespace.delete is sent', () => {
    const req = request({ tenant: TENANT2 });
    namespace_controller.delete(req, NAMESPACE2);
    assertNotificationLog('metadef_namespace.delete', [{ namespace: NAMESPACE2 }]);
    raises(HTTPNotFound, () => namespace_controller.show(req, NAMESPACE2));
  });

  it('test_namespace_delete_notification_disabled: no event when metadef_namespace.delete is disabled', () => {
    config(w.settings, { disabled_notifications: ['metadef_namespace.delete'] });
    const req = request({ tenant: TENANT2 });
    namespace_controller.delete(req, NAMESPACE2);
    assertNotificationsLog([]);
    raises(HTTPNotFound, () => namespace_controller.show(req, NAMESPACE2));
  });

  it('test_namespace_delete_notification_group_disabled: no event when the metadef_namespace group is disabled', () => {
    config(w.settings, { disabled_notifications: ['metadef_namespace'] });
    const req = request({ tenant: TENANT2 });
    namespace_controller.delete(req, NAMESPACE2);
    assertNotificationsLog([]);
    raises(HTTPNotFound, () => namespace_controller.show(req, NAMESPACE2));
  });

  it('test_namespace_delete_notification_create_disabled: disabling create leaves delete events on', () => {
    config(w.settings, { disabled_notifications: ['metadef_namespace.create'] });
    const req = request({ tenant: TENANT2 });
    namespace_controller.delete(req, NAMESPACE2);
    assertNotificationLog('metadef_namespace.delete', [{ namespace: NAMESPACE2 }]);
    raises(HTTPNotFound, () => namespace_controller.show(req, NAMESPACE2));
  });

  it('test_namespace_delete_non_existing: 404, no event', () => {
    raises(HTTPNotFound, () => namespace_controller.delete(request(), 'FakeName'));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_non_visible: another project\'s private namespace is 404', () => {
    raises(HTTPNotFound, () => namespace_controller.delete(request(), NAMESPACE2));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_non_visible_admin: an admin deletes it', () => {
    const req = request({ is_admin: true });
    namespace_controller.delete(req, NAMESPACE2);
    assertNotificationLog('metadef_namespace.delete', [{ namespace: NAMESPACE2 }]);
    raises(HTTPNotFound, () => namespace_controller.show(req, NAMESPACE2));
  });

  it('test_namespace_delete_protected: a protected namespace is 403', () => {
    raises(HTTPForbidden, () => namespace_controller.delete(request(), NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_protected_admin: even for an admin', () => {
    raises(HTTPForbidden, () => namespace_controller.delete(request({ is_admin: true }), NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_with_contents: its objects and properties go with it', () => {
    const req = request({ tenant: TENANT3 });
    namespace_controller.delete(req, NAMESPACE3);
    raises(HTTPNotFound, () => namespace_controller.show(req, NAMESPACE3));
    raises(HTTPNotFound, () => object_controller.show(req, NAMESPACE3, OBJECT1));
    raises(HTTPNotFound, () => property_controller.show(req, NAMESPACE3, OBJECT1));
  });

  it('test_namespace_delete_properties: empties its properties', () => {
    const req = request({ tenant: TENANT3 });
    namespace_controller.delete_properties(req, NAMESPACE3);
    expect((property_controller.index(req, NAMESPACE3).to_dict()['properties'] as Map<string, unknown>).size).toBe(0);
    assertNotificationLog('metadef_namespace.delete_properties', [{ namespace: NAMESPACE3 }]);
  });

  it('test_namespace_delete_properties_other_owner: 403', () => {
    raises(HTTPForbidden, () => namespace_controller.delete_properties(request(), NAMESPACE3));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_properties_other_owner_admin: an admin may', () => {
    const req = request({ is_admin: true });
    namespace_controller.delete_properties(req, NAMESPACE3);
    expect((property_controller.index(req, NAMESPACE3).to_dict()['properties'] as Map<string, unknown>).size).toBe(0);
    assertNotificationLog('metadef_namespace.delete_properties', [{ namespace: NAMESPACE3 }]);
  });

  it('test_namespace_non_existing_delete_properties: 404', () => {
    raises(HTTPNotFound, () => namespace_controller.delete_properties(request(), NAMESPACE4));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_objects: empties its objects', () => {
    const req = request({ tenant: TENANT3 });
    namespace_controller.delete_objects(req, NAMESPACE3);
    expect((object_controller.index(req, NAMESPACE3).to_dict()['objects'] as unknown[]).length).toBe(0);
    assertNotificationLog('metadef_namespace.delete_objects', [{ namespace: NAMESPACE3 }]);
  });

  it('test_namespace_delete_objects_other_owner: 403', () => {
    raises(HTTPForbidden, () => namespace_controller.delete_objects(request(), NAMESPACE3));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_objects_other_owner_admin: an admin may', () => {
    const req = request({ is_admin: true });
    namespace_controller.delete_objects(req, NAMESPACE3);
    expect((object_controller.index(req, NAMESPACE3).to_dict()['objects'] as unknown[]).length).toBe(0);
    assertNotificationLog('metadef_namespace.delete_objects', [{ namespace: NAMESPACE3 }]);
  });

  it('test_namespace_non_existing_delete_objects: 404', () => {
    raises(HTTPNotFound, () => namespace_controller.delete_objects(request(), NAMESPACE4));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_tags: empties its tags', () => {
    const req = request({ tenant: TENANT3 });
    namespace_controller.delete_tags(req, NAMESPACE3);
    expect((tag_controller.index(req, NAMESPACE3).to_dict()['tags'] as unknown[]).length).toBe(0);
    assertNotificationLog('metadef_namespace.delete_tags', [{ namespace: NAMESPACE3 }]);
  });

  it('test_namespace_delete_tags_other_owner: 403', () => {
    raises(HTTPForbidden, () => namespace_controller.delete_tags(request(), NAMESPACE3));
    assertNotificationsLog([]);
  });

  it('test_namespace_delete_tags_other_owner_admin: an admin may', () => {
    const req = request({ is_admin: true });
    namespace_controller.delete_tags(req, NAMESPACE3);
    expect((tag_controller.index(req, NAMESPACE3).to_dict()['tags'] as unknown[]).length).toBe(0);
    assertNotificationLog('metadef_namespace.delete_tags', [{ namespace: NAMESPACE3 }]);
  });

  it('test_namespace_non_existing_delete_tags: 404', () => {
    raises(HTTPNotFound, () => namespace_controller.delete_tags(request(), NAMESPACE4));
    assertNotificationsLog([]);
  });

  it('test_namespace_create: creates and sends metadef_namespace.create', () => {
    const req = request();
    const namespace = new Namespace();
    namespace.namespace = NAMESPACE4;
    expect(namespace_controller.create(req, namespace).namespace).toBe(NAMESPACE4);
    assertNotificationLog('metadef_namespace.create', [{ namespace: NAMESPACE4 }]);
    expect(namespace_controller.show(req, NAMESPACE4).namespace).toBe(NAMESPACE4);
  });

  it('test_namespace_create_with_4byte_character: a name outside the BMP is 400', () => {
    const namespace = new Namespace();
    namespace.namespace = SQUAD_CAR;
    raises(HTTPBadRequest, () => namespace_controller.create(request(), namespace));
  });

  it('test_namespace_create_duplicate: the same name twice is 409', () => {
    const req = request();
    const namespace = new Namespace();
    namespace.namespace = 'new-namespace';
    expect(namespace_controller.create(req, namespace).namespace).toBe('new-namespace');
    raises(HTTPConflict, () => namespace_controller.create(req, namespace));
  });

  it('test_namespace_create_different_owner: owned by another project is 403', () => {
    const namespace = new Namespace();
    namespace.namespace = NAMESPACE4;
    namespace.owner = TENANT4;
    raises(HTTPForbidden, () => namespace_controller.create(request(), namespace));
    assertNotificationsLog([]);
  });

  it('test_namespace_create_different_owner_admin: an admin may create it for another project', () => {
    const req = request({ is_admin: true });
    const namespace = new Namespace();
    namespace.namespace = NAMESPACE4;
    namespace.owner = TENANT4;
    expect(namespace_controller.create(req, namespace).namespace).toBe(NAMESPACE4);
    assertNotificationLog('metadef_namespace.create', [{ namespace: NAMESPACE4 }]);
    expect(namespace_controller.show(req, NAMESPACE4).namespace).toBe(NAMESPACE4);
  });

  it('test_namespace_create_with_related_resources: creates its properties and objects too, in that event order', () => {
    const req = request();
    const namespace = new Namespace();
    namespace.namespace = NAMESPACE4;
    namespace.properties = new Map([[PROPERTY1, newProperty(null)], [PROPERTY2, newProperty(null)]]);
    namespace.objects = [newObject(OBJECT1), newObject(OBJECT2)];
    let output = namespace_controller.create(req, namespace).to_dict();
    expect(namespace.namespace).toBe(NAMESPACE4);
    expect(keySet(output['properties'])).toEqual(new Set([PROPERTY1, PROPERTY2]));
    expect(nameSet(output['objects'])).toEqual(new Set([OBJECT1, OBJECT2]));
    output = namespace_controller.show(req, NAMESPACE4).to_dict();
    expect(keySet(output['properties'])).toEqual(new Set([PROPERTY1, PROPERTY2]));
    expect(nameSet(output['objects'])).toEqual(new Set([OBJECT1, OBJECT2]));
    assertNotificationsLog([
      { type: 'metadef_namespace.create', payload: { namespace: NAMESPACE4, owner: TENANT1 } },
      { type: 'metadef_object.create', payload: { namespace: NAMESPACE4, name: OBJECT1, properties: [] } },
      { type: 'metadef_object.create', payload: { namespace: NAMESPACE4, name: OBJECT2, properties: [] } },
      { type: 'metadef_property.create', payload: { namespace: NAMESPACE4, type: 'string', title: 'title' } },
      { type: 'metadef_property.create', payload: { namespace: NAMESPACE4, type: 'string', title: 'title' } },
    ]);
  });

  it('test_namespace_create_conflict: an existing name is 409, no event', () => {
    const namespace = new Namespace();
    namespace.namespace = NAMESPACE1;
    raises(HTTPConflict, () => namespace_controller.create(request(), namespace));
    assertNotificationsLog([]);
  });

  it('test_namespace_update: saves protected False', () => {
    const req = request();
    let namespace = namespace_controller.show(req, NAMESPACE1);
    namespace.protected = false;
    namespace = namespace_controller.update(req, namespace, NAMESPACE1);
    expect(namespace.protected).toBe(false);
    assertNotificationLog('metadef_namespace.update', [{ namespace: NAMESPACE1, protected: false }]);
    expect(namespace_controller.show(req, NAMESPACE1).protected).toBe(false);
  });

  it('test_namespace_update_non_existing: 404', () => {
    const namespace = new Namespace();
    namespace.namespace = NAMESPACE4;
    raises(HTTPNotFound, () => namespace_controller.update(request(), namespace, NAMESPACE4));
    assertNotificationsLog([]);
  });

  it('test_namespace_update_non_visible: another project\'s private namespace is 404', () => {
    const namespace = new Namespace();
    namespace.namespace = NAMESPACE2;
    raises(HTTPNotFound, () => namespace_controller.update(request(), namespace, NAMESPACE2));
    assertNotificationsLog([]);
  });

  it('test_namespace_update_non_visible_admin: an admin may', () => {
    const req = request({ is_admin: true });
    let namespace = namespace_controller.show(req, NAMESPACE2);
    namespace.protected = false;
    namespace = namespace_controller.update(req, namespace, NAMESPACE2);
    expect(namespace.protected).toBe(false);
    assertNotificationLog('metadef_namespace.update', [{ namespace: NAMESPACE2, protected: false }]);
    expect(namespace_controller.show(req, NAMESPACE2).protected).toBe(false);
  });

  it('test_namespace_update_name: renames, the event names the old name', () => {
    const req = request();
    let namespace = namespace_controller.show(req, NAMESPACE1);
    namespace.namespace = NAMESPACE4;
    namespace = namespace_controller.update(req, namespace, NAMESPACE1);
    expect(namespace.namespace).toBe(NAMESPACE4);
    assertNotificationLog('metadef_namespace.update', [{ namespace: NAMESPACE4, namespace_old: NAMESPACE1 }]);
    expect(namespace_controller.show(req, NAMESPACE4).namespace).toBe(NAMESPACE4);
    raises(HTTPNotFound, () => namespace_controller.show(req, NAMESPACE1));
  });

  it('test_namespace_update_with_4byte_character: 400', () => {
    const req = request();
    const namespace = namespace_controller.show(req, NAMESPACE1);
    namespace.namespace = SQUAD_CAR;
    raises(HTTPBadRequest, () => namespace_controller.update(req, namespace, NAMESPACE1));
  });

  it('test_namespace_update_name_conflict: renaming onto an existing name is 409', () => {
    const req = request();
    const namespace = namespace_controller.show(req, NAMESPACE1);
    namespace.namespace = NAMESPACE2;
    raises(HTTPConflict, () => namespace_controller.update(req, namespace, NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_property_index: lists the namespace\'s properties by name', () => {
    const output = property_controller.index(request(), NAMESPACE3);
    expect(keySet(output.properties)).toEqual(new Set([PROPERTY1, PROPERTY2]));
  });

  it('test_property_index_empty: none', () => {
    expect((property_controller.index(request({ tenant: TENANT2 }), NAMESPACE2).properties as Map<string, unknown>).size).toBe(0);
  });

  it('test_property_index_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => property_controller.index(request({ tenant: TENANT2 }), NAMESPACE4));
  });

  it('test_property_show: shows it by name', () => {
    expect(property_controller.show(request(), NAMESPACE3, PROPERTY1).name).toBe(PROPERTY1);
  });

  it('test_property_show_specific_resource_type: a prefixed name is found without its prefix', () => {
    const output = property_controller.show(request(), NAMESPACE6, `${PREFIX1}${PROPERTY4}`, new Map([['resource_type', RESOURCE_TYPE4]]));
    expect(output.name).toBe(PROPERTY4);
  });

  it('test_property_show_prefix_mismatch: a name without the prefix is 404', () => {
    raises(HTTPNotFound, () => property_controller.show(request(), NAMESPACE6, PROPERTY4, new Map([['resource_type', RESOURCE_TYPE4]])));
  });

  it('test_property_show_non_existing_resource_type: an unknown resource type is 404', () => {
    raises(HTTPNotFound, () => property_controller.show(request(), NAMESPACE2, PROPERTY1, new Map([['resource_type', 'test']])));
  });

  it('test_property_show_non_existing: 404', () => {
    raises(HTTPNotFound, () => property_controller.show(request(), NAMESPACE2, PROPERTY1));
  });

  it('test_property_show_non_visible: in another project\'s private namespace, 404', () => {
    raises(HTTPNotFound, () => property_controller.show(request({ tenant: TENANT2 }), NAMESPACE1, PROPERTY1));
  });

  it('test_property_show_non_visible_admin: an admin sees it', () => {
    expect(property_controller.show(request({ tenant: TENANT2, is_admin: true }), NAMESPACE1, PROPERTY1).name).toBe(PROPERTY1);
  });

  it('test_property_delete: the owner deletes it, metadef_property.delete is sent', () => {
    const req = request({ tenant: TENANT3 });
    property_controller.delete(req, NAMESPACE3, PROPERTY1);
    assertNotificationLog('metadef_property.delete', [{ name: PROPERTY1, namespace: NAMESPACE3 }]);
    raises(HTTPNotFound, () => property_controller.show(req, NAMESPACE3, PROPERTY1));
  });

  it('test_property_delete_disabled_notification: no event when disabled', () => {
    config(w.settings, { disabled_notifications: ['metadef_property.delete'] });
    const req = request({ tenant: TENANT3 });
    property_controller.delete(req, NAMESPACE3, PROPERTY1);
    assertNotificationsLog([]);
    raises(HTTPNotFound, () => property_controller.show(req, NAMESPACE3, PROPERTY1));
  });

  it('test_property_delete_other_owner: 403', () => {
    raises(HTTPForbidden, () => property_controller.delete(request(), NAMESPACE3, PROPERTY1));
    assertNotificationsLog([]);
  });

  it('test_property_delete_other_owner_admin: an admin may', () => {
    const req = request({ is_admin: true });
    property_controller.delete(req, NAMESPACE3, PROPERTY1);
    assertNotificationLog('metadef_property.delete', [{ name: PROPERTY1, namespace: NAMESPACE3 }]);
    raises(HTTPNotFound, () => property_controller.show(req, NAMESPACE3, PROPERTY1));
  });

  it('test_property_delete_non_existing: 404', () => {
    raises(HTTPNotFound, () => property_controller.delete(request(), NAMESPACE5, PROPERTY2));
    assertNotificationsLog([]);
  });

  it('test_property_delete_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => property_controller.delete(request(), NAMESPACE4, PROPERTY1));
    assertNotificationsLog([]);
  });

  it('test_property_delete_non_visible: 404', () => {
    raises(HTTPNotFound, () => property_controller.delete(request({ tenant: TENANT2 }), NAMESPACE1, PROPERTY1));
    assertNotificationsLog([]);
  });

  it('test_property_delete_admin_protected: in a protected namespace, 403 even for an admin', () => {
    raises(HTTPForbidden, () => property_controller.delete(request({ is_admin: true }), NAMESPACE1, PROPERTY1));
    assertNotificationsLog([]);
  });

  it('test_property_create: creates, metadef_property.create is sent', () => {
    const req = request();
    let property = property_controller.create(req, NAMESPACE1, newProperty(PROPERTY2));
    expect([property.name, property.type, property.title]).toEqual([PROPERTY2, 'string', 'title']);
    assertNotificationLog('metadef_property.create', [{ name: PROPERTY2, namespace: NAMESPACE1 }]);
    property = property_controller.show(req, NAMESPACE1, PROPERTY2);
    expect([property.name, property.type, property.title]).toEqual([PROPERTY2, 'string', 'title']);
  });

  it('test_property_create_overlimit_name: a name over 80 characters is a 400 naming maxLength', () => {
    const req = jsonRequest({ name: 'a'.repeat(81), type: 'string', title: 'fake' }, { path: '/metadefs/namespaces/Namespace3/properties' });
    const exc = raises(HTTPBadRequest, () => property_deserializer.create(req));
    expect(exc.explanation).toContain("Failed validating 'maxLength' in schema['properties']['name']");
  });

  it('test_property_create_with_4byte_character: 400', () => {
    raises(HTTPBadRequest, () => property_controller.create(request(), NAMESPACE1, newProperty(SQUAD_CAR)));
  });

  it('test_property_create_with_operators: keeps the operators', () => {
    const req = request();
    const p = newProperty(PROPERTY2);
    p.operators = ['<or>'];
    let property = property_controller.create(req, NAMESPACE1, p);
    expect([property.name, property.type, property.title, property.operators]).toEqual([PROPERTY2, 'string', 'title', ['<or>']]);
    property = property_controller.show(req, NAMESPACE1, PROPERTY2);
    expect([property.name, property.type, property.title, property.operators]).toEqual([PROPERTY2, 'string', 'title', ['<or>']]);
  });

  it('test_property_create_conflict: an existing name is 409', () => {
    raises(HTTPConflict, () => property_controller.create(request(), NAMESPACE1, newProperty(PROPERTY1)));
    assertNotificationsLog([]);
  });

  it('test_property_create_non_visible_namespace: 403', () => {
    raises(HTTPForbidden, () => property_controller.create(request({ tenant: TENANT2 }), NAMESPACE1, newProperty(PROPERTY1)));
    assertNotificationsLog([]);
  });

  it('test_property_create_non_visible_namespace_admin: an admin may', () => {
    const req = request({ tenant: TENANT2, is_admin: true });
    let property = property_controller.create(req, NAMESPACE1, newProperty(PROPERTY2));
    expect([property.name, property.type, property.title]).toEqual([PROPERTY2, 'string', 'title']);
    assertNotificationLog('metadef_property.create', [{ name: PROPERTY2, namespace: NAMESPACE1 }]);
    property = property_controller.show(req, NAMESPACE1, PROPERTY2);
    expect([property.name, property.type, property.title]).toEqual([PROPERTY2, 'string', 'title']);
  });

  it('test_property_create_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => property_controller.create(request(), NAMESPACE4, newProperty(PROPERTY1)));
    assertNotificationsLog([]);
  });

  it('test_property_create_duplicate: the same property twice is 409', () => {
    const req = request();
    const property = newProperty('new-property');
    expect(property_controller.create(req, NAMESPACE1, property).name).toBe('new-property');
    raises(HTTPConflict, () => property_controller.create(req, NAMESPACE1, property));
  });

  it('test_property_update: changes type and title', () => {
    const req = request({ tenant: TENANT3 });
    let property = property_controller.show(req, NAMESPACE3, PROPERTY1);
    property.name = PROPERTY1;
    property.type = 'string123';
    property.title = 'title123';
    property = property_controller.update(req, NAMESPACE3, PROPERTY1, property);
    expect([property.name, property.type, property.title]).toEqual([PROPERTY1, 'string123', 'title123']);
    assertNotificationLog('metadef_property.update', [{ name: PROPERTY1, namespace: NAMESPACE3, type: 'string123', title: 'title123' }]);
    property = property_controller.show(req, NAMESPACE3, PROPERTY1);
    expect([property.name, property.type, property.title]).toEqual([PROPERTY1, 'string123', 'title123']);
  });

  it('test_property_update_name: renames, the event names the old name', () => {
    const req = request({ tenant: TENANT3 });
    let property = property_controller.show(req, NAMESPACE3, PROPERTY1);
    property.name = PROPERTY3;
    property.type = 'string';
    property.title = 'title';
    property = property_controller.update(req, NAMESPACE3, PROPERTY1, property);
    expect([property.name, property.type, property.title]).toEqual([PROPERTY3, 'string', 'title']);
    assertNotificationLog('metadef_property.update', [
      { name: PROPERTY3, name_old: PROPERTY1, namespace: NAMESPACE3, type: 'string', title: 'title' },
    ]);
    property = property_controller.show(req, NAMESPACE3, PROPERTY2);
    expect([property.name, property.type, property.title]).toEqual([PROPERTY2, 'string', 'title']);
  });

  it('test_property_update_conflict: renaming onto an existing name is 409', () => {
    const req = request({ tenant: TENANT3 });
    const property = property_controller.show(req, NAMESPACE3, PROPERTY1);
    property.name = PROPERTY2;
    property.type = 'string';
    property.title = 'title';
    raises(HTTPConflict, () => property_controller.update(req, NAMESPACE3, PROPERTY1, property));
    assertNotificationsLog([]);
  });

  it('test_property_update_with_overlimit_name: a name over 80 characters is a 400 naming maxLength', () => {
    const req = jsonRequest({ name: 'a'.repeat(81), type: 'string', title: 'fake' });
    const exc = raises(HTTPBadRequest, () => property_deserializer.create(req));
    expect(exc.explanation).toContain("Failed validating 'maxLength' in schema['properties']['name']");
  });

  it('test_property_update_with_4byte_character: 400', () => {
    const req = request({ tenant: TENANT3 });
    const property = property_controller.show(req, NAMESPACE3, PROPERTY1);
    property.name = SQUAD_CAR;
    property.type = 'string';
    property.title = 'title';
    raises(HTTPBadRequest, () => property_controller.update(req, NAMESPACE3, PROPERTY1, property));
  });

  it('test_property_update_non_existing: 404', () => {
    raises(HTTPNotFound, () => property_controller.update(request({ tenant: TENANT3 }), NAMESPACE5, PROPERTY1, newProperty(PROPERTY1)));
    assertNotificationsLog([]);
  });

  it('test_property_update_namespace_non_existing: 404', () => {
    raises(HTTPNotFound, () => property_controller.update(request({ tenant: TENANT3 }), NAMESPACE4, PROPERTY1, newProperty(PROPERTY1)));
    assertNotificationsLog([]);
  });

  it('test_object_index: lists the namespace\'s objects', () => {
    expect(nameSet(object_controller.index(request(), NAMESPACE3).to_dict()['objects'])).toEqual(new Set([OBJECT1, OBJECT2]));
  });

  it('test_object_index_zero_limit: limit=0 is a 400', () => {
    const req = getFakeWsgiRequest({ path: '/metadefs/namespaces/Namespace3/objects?limit=0' });
    raises(HTTPBadRequest, () => deserializer.index(req));
  });

  it('test_object_index_empty: none', () => {
    expect((object_controller.index(request(), NAMESPACE5).to_dict()['objects'] as unknown[]).length).toBe(0);
  });

  it('test_object_index_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => object_controller.index(request(), NAMESPACE4));
  });

  it('test_object_show: shows it by name', () => {
    expect(object_controller.show(request(), NAMESPACE3, OBJECT1).name).toBe(OBJECT1);
  });

  it('test_object_show_non_existing: 404', () => {
    raises(HTTPNotFound, () => object_controller.show(request(), NAMESPACE5, OBJECT1));
  });

  it('test_object_show_non_visible: 404', () => {
    raises(HTTPNotFound, () => object_controller.show(request({ tenant: TENANT2 }), NAMESPACE1, OBJECT1));
  });

  it('test_object_show_non_visible_admin: an admin sees it', () => {
    expect(object_controller.show(request({ tenant: TENANT2, is_admin: true }), NAMESPACE1, OBJECT1).name).toBe(OBJECT1);
  });

  it('test_object_delete: the owner deletes it, metadef_object.delete is sent', () => {
    const req = request({ tenant: TENANT3 });
    object_controller.delete(req, NAMESPACE3, OBJECT1);
    assertNotificationLog('metadef_object.delete', [{ name: OBJECT1, namespace: NAMESPACE3 }]);
    raises(HTTPNotFound, () => object_controller.show(req, NAMESPACE3, OBJECT1));
  });

  it('test_object_delete_disabled_notification: no event when disabled', () => {
    config(w.settings, { disabled_notifications: ['metadef_object.delete'] });
    const req = request({ tenant: TENANT3 });
    object_controller.delete(req, NAMESPACE3, OBJECT1);
    assertNotificationsLog([]);
    raises(HTTPNotFound, () => object_controller.show(req, NAMESPACE3, OBJECT1));
  });

  it('test_object_delete_other_owner: 403', () => {
    raises(HTTPForbidden, () => object_controller.delete(request(), NAMESPACE3, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_object_delete_other_owner_admin: an admin may', () => {
    const req = request({ is_admin: true });
    object_controller.delete(req, NAMESPACE3, OBJECT1);
    assertNotificationLog('metadef_object.delete', [{ name: OBJECT1, namespace: NAMESPACE3 }]);
    raises(HTTPNotFound, () => object_controller.show(req, NAMESPACE3, OBJECT1));
  });

  it('test_object_delete_non_existing: 404', () => {
    raises(HTTPNotFound, () => object_controller.delete(request(), NAMESPACE5, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_object_delete_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => object_controller.delete(request(), NAMESPACE4, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_object_delete_non_visible: 404', () => {
    raises(HTTPNotFound, () => object_controller.delete(request({ tenant: TENANT2 }), NAMESPACE1, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_object_delete_admin_protected: in a protected namespace, 403 even for an admin', () => {
    raises(HTTPForbidden, () => object_controller.delete(request({ is_admin: true }), NAMESPACE1, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_object_create: creates, metadef_object.create is sent with no properties', () => {
    const req = request();
    let object = object_controller.create(req, newObject(OBJECT2), NAMESPACE1);
    expect([object.name, object.required, object.properties]).toEqual([OBJECT2, [], new Map()]);
    assertNotificationLog('metadef_object.create', [{ name: OBJECT2, namespace: NAMESPACE1, properties: [] }]);
    object = object_controller.show(req, NAMESPACE1, OBJECT2);
    expect([object.name, object.required, object.properties]).toEqual([OBJECT2, [], new Map()]);
  });

  it('test_object_create_invalid_properties: a property key the property schema does not know is a 400', () => {
    const body = {
      name: 'My Object',
      description: 'object1 description.',
      properties: { property1: { type: 'integer', title: 'property', description: 'property description', 'test-key': 'test-value' } },
    };
    const req = jsonRequest(body, { path: '/metadefs/namespaces/Namespace3/objects' });
    raises(HTTPBadRequest, () => deserializer.create(req));
  });

  it('test_object_create_overlimit_name: a name over 80 characters is a 400 naming maxLength', () => {
    const req = jsonRequest({ name: 'a'.repeat(81) }, { path: '/metadefs/namespaces/Namespace3/objects' });
    const exc = raises(HTTPBadRequest, () => deserializer.create(req));
    expect(exc.explanation).toContain("Failed validating 'maxLength' in schema['properties']['name']");
  });

  it('test_object_create_duplicate: the same object twice is 409', () => {
    const req = request();
    const object = newObject('New-Object');
    expect(object_controller.create(req, object, NAMESPACE3).name).toBe('New-Object');
    raises(HTTPConflict, () => object_controller.create(req, object, NAMESPACE3));
  });

  it('test_object_create_conflict: an existing name is 409', () => {
    raises(HTTPConflict, () => object_controller.create(request(), newObject(OBJECT1), NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_object_create_with_4byte_character: 400', () => {
    raises(HTTPBadRequest, () => object_controller.create(request(), newObject(SQUAD_CAR), NAMESPACE1));
  });

  it('test_object_create_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => object_controller.create(request(), newObject(PROPERTY1), NAMESPACE4));
    assertNotificationsLog([]);
  });

  it('test_object_create_non_visible_namespace: 403', () => {
    raises(HTTPForbidden, () => object_controller.create(request({ tenant: TENANT2 }), newObject(OBJECT1), NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_object_create_non_visible_namespace_admin: an admin may', () => {
    const req = request({ tenant: TENANT2, is_admin: true });
    let object = object_controller.create(req, newObject(OBJECT2), NAMESPACE1);
    expect([object.name, object.required, object.properties]).toEqual([OBJECT2, [], new Map()]);
    assertNotificationLog('metadef_object.create', [{ name: OBJECT2, namespace: NAMESPACE1 }]);
    object = object_controller.show(req, NAMESPACE1, OBJECT2);
    expect([object.name, object.required, object.properties]).toEqual([OBJECT2, [], new Map()]);
  });

  it('test_object_create_missing_properties: without properties, shows an empty dict', () => {
    const req = request();
    let object = object_controller.create(req, newObject(OBJECT2, false), NAMESPACE1);
    expect([object.name, object.required]).toEqual([OBJECT2, []]);
    assertNotificationLog('metadef_object.create', [{ name: OBJECT2, namespace: NAMESPACE1, properties: [] }]);
    object = object_controller.show(req, NAMESPACE1, OBJECT2);
    expect([object.name, object.required, object.properties]).toEqual([OBJECT2, [], new Map()]);
  });

  it('test_object_update: changes the description', () => {
    const req = request({ tenant: TENANT3 });
    let object = object_controller.show(req, NAMESPACE3, OBJECT1);
    object.name = OBJECT1;
    object.description = 'description';
    object = object_controller.update(req, object, NAMESPACE3, OBJECT1);
    expect([object.name, object.description]).toEqual([OBJECT1, 'description']);
    assertNotificationLog('metadef_object.update', [{ name: OBJECT1, namespace: NAMESPACE3, description: 'description' }]);
    expect(object_controller.show(req, NAMESPACE3, OBJECT1).name).toBe(OBJECT1);
  });

  it('test_object_update_name: renames, the event names the old name', () => {
    const req = request();
    let object = object_controller.show(req, NAMESPACE1, OBJECT1);
    object.name = OBJECT2;
    object = object_controller.update(req, object, NAMESPACE1, OBJECT1);
    expect(object.name).toBe(OBJECT2);
    assertNotificationLog('metadef_object.update', [{ name: OBJECT2, name_old: OBJECT1, namespace: NAMESPACE1 }]);
    expect(object_controller.show(req, NAMESPACE1, OBJECT2).name).toBe(OBJECT2);
  });

  it('test_object_update_with_4byte_character: 400', () => {
    const req = request();
    const object = object_controller.show(req, NAMESPACE1, OBJECT1);
    object.name = SQUAD_CAR;
    raises(HTTPBadRequest, () => object_controller.update(req, object, NAMESPACE1, OBJECT1));
  });

  it('test_object_update_with_overlimit_name: a name over 80 characters is a 400 naming maxLength', () => {
    const req = jsonRequest({ properties: {}, name: 'a'.repeat(81), required: [] });
    const exc = raises(HTTPBadRequest, () => deserializer.update(req));
    expect(exc.explanation).toContain("Failed validating 'maxLength' in schema['properties']['name']");
  });

  it('test_object_update_conflict: renaming onto an existing name is 409', () => {
    const req = request({ tenant: TENANT3 });
    const object = object_controller.show(req, NAMESPACE3, OBJECT1);
    object.name = OBJECT2;
    raises(HTTPConflict, () => object_controller.update(req, object, NAMESPACE3, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_object_update_non_existing: 404', () => {
    raises(HTTPNotFound, () => object_controller.update(request({ tenant: TENANT3 }), newObject(OBJECT1), NAMESPACE5, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_object_update_namespace_non_existing: 404', () => {
    raises(HTTPNotFound, () => object_controller.update(request({ tenant: TENANT3 }), newObject(OBJECT1), NAMESPACE4, OBJECT1));
    assertNotificationsLog([]);
  });

  it('test_resource_type_index: lists every resource type', () => {
    expect(nameSet(rt_controller.index(request()).resource_types)).toEqual(new Set([RESOURCE_TYPE1, RESOURCE_TYPE2, RESOURCE_TYPE4]));
  });

  it('test_resource_type_show: lists the namespace\'s associations', () => {
    expect(nameSet(rt_controller.show(request(), NAMESPACE3).resource_type_associations)).toEqual(new Set([RESOURCE_TYPE1]));
  });

  it('test_resource_type_show_empty: none', () => {
    expect((rt_controller.show(request(), NAMESPACE5).resource_type_associations as unknown[]).length).toBe(0);
  });

  it('test_resource_type_show_non_visible: 404', () => {
    raises(HTTPNotFound, () => rt_controller.show(request(), NAMESPACE2));
  });

  it('test_resource_type_show_non_visible_admin: an admin sees them', () => {
    const output = rt_controller.show(request({ tenant: TENANT2, is_admin: true }), NAMESPACE2);
    expect(nameSet(output.resource_type_associations)).toEqual(new Set([RESOURCE_TYPE1, RESOURCE_TYPE2]));
  });

  it('test_resource_type_show_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => rt_controller.show(request(), NAMESPACE4));
  });

  it('test_resource_type_association_delete: the owner dissociates, metadef_resource_type.delete is sent', () => {
    const req = request({ tenant: TENANT3 });
    rt_controller.delete(req, NAMESPACE3, RESOURCE_TYPE1);
    assertNotificationLog('metadef_resource_type.delete', [{ name: RESOURCE_TYPE1, namespace: NAMESPACE3 }]);
    expect((rt_controller.show(req, NAMESPACE3).resource_type_associations as unknown[]).length).toBe(0);
  });

  it('test_resource_type_association_delete_disabled_notification: no event when disabled', () => {
    config(w.settings, { disabled_notifications: ['metadef_resource_type.delete'] });
    const req = request({ tenant: TENANT3 });
    rt_controller.delete(req, NAMESPACE3, RESOURCE_TYPE1);
    assertNotificationsLog([]);
    expect((rt_controller.show(req, NAMESPACE3).resource_type_associations as unknown[]).length).toBe(0);
  });

  it('test_resource_type_association_delete_other_owner: 403', () => {
    raises(HTTPForbidden, () => rt_controller.delete(request(), NAMESPACE3, RESOURCE_TYPE1));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_delete_other_owner_admin: an admin may', () => {
    const req = request({ is_admin: true });
    rt_controller.delete(req, NAMESPACE3, RESOURCE_TYPE1);
    assertNotificationLog('metadef_resource_type.delete', [{ name: RESOURCE_TYPE1, namespace: NAMESPACE3 }]);
    expect((rt_controller.show(req, NAMESPACE3).resource_type_associations as unknown[]).length).toBe(0);
  });

  it('test_resource_type_association_delete_non_existing: 404', () => {
    raises(HTTPNotFound, () => rt_controller.delete(request(), NAMESPACE1, RESOURCE_TYPE2));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_delete_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => rt_controller.delete(request(), NAMESPACE4, RESOURCE_TYPE1));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_delete_non_visible: 404', () => {
    raises(HTTPNotFound, () => rt_controller.delete(request({ tenant: TENANT3 }), NAMESPACE1, RESOURCE_TYPE1));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_delete_protected_admin: in a protected namespace, 403 even for an admin', () => {
    raises(HTTPForbidden, () => rt_controller.delete(request({ is_admin: true }), NAMESPACE1, RESOURCE_TYPE1));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_create: associates, metadef_resource_type.create is sent', () => {
    const req = request();
    const rt = rt_controller.create(req, newAssociation(RESOURCE_TYPE2, 'pref'), NAMESPACE1);
    expect([rt.name, rt.prefix]).toEqual([RESOURCE_TYPE2, 'pref']);
    assertNotificationLog('metadef_resource_type.create', [{ name: RESOURCE_TYPE2, namespace: NAMESPACE1 }]);
    expect(nameSet(rt_controller.show(req, NAMESPACE1).resource_type_associations)).toEqual(new Set([RESOURCE_TYPE1, RESOURCE_TYPE2]));
  });

  it('test_resource_type_association_create_conflict: an existing association is 409', () => {
    raises(HTTPConflict, () => rt_controller.create(request(), newAssociation(RESOURCE_TYPE1, 'pref'), NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_create_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => rt_controller.create(request(), newAssociation(RESOURCE_TYPE1, 'pref'), NAMESPACE4));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_create_non_existing_resource_type: the sqlalchemy driver creates the new resource type (the simple driver answers 404)', () => {
    const req = request();
    const rt = rt_controller.create(req, newAssociation(RESOURCE_TYPE3, 'pref'), NAMESPACE1);
    expect(rt.name).toBe(RESOURCE_TYPE3);
    assertNotificationLog('metadef_resource_type.create', [{ name: RESOURCE_TYPE3, namespace: NAMESPACE1 }]);
    expect(nameSet(rt_controller.index(req).resource_types)).toContain(RESOURCE_TYPE3);
  });

  it('test_resource_type_association_create_non_visible_namespace: 403', () => {
    raises(HTTPForbidden, () => rt_controller.create(request({ tenant: TENANT2 }), newAssociation(RESOURCE_TYPE2, 'pref'), NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_resource_type_association_create_non_visible_namesp_admin: an admin may', () => {
    const req = request({ tenant: TENANT2, is_admin: true });
    const rt = rt_controller.create(req, newAssociation(RESOURCE_TYPE2, 'pref'), NAMESPACE1);
    expect([rt.name, rt.prefix]).toEqual([RESOURCE_TYPE2, 'pref']);
    assertNotificationLog('metadef_resource_type.create', [{ name: RESOURCE_TYPE2, namespace: NAMESPACE1 }]);
    expect(nameSet(rt_controller.show(req, NAMESPACE1).resource_type_associations)).toEqual(new Set([RESOURCE_TYPE1, RESOURCE_TYPE2]));
  });

  it('test_tag_index: lists the namespace\'s tags', () => {
    expect(nameSet(tag_controller.index(request(), NAMESPACE3).to_dict()['tags'])).toEqual(new Set([TAG1, TAG2]));
  });

  it('test_tag_index_empty: none', () => {
    expect((tag_controller.index(request(), NAMESPACE5).to_dict()['tags'] as unknown[]).length).toBe(0);
  });

  it('test_tag_index_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => tag_controller.index(request(), NAMESPACE4));
  });

  it('test_tag_show: shows it by name', () => {
    expect(tag_controller.show(request(), NAMESPACE3, TAG1).name).toBe(TAG1);
  });

  it('test_tag_show_non_existing: 404', () => {
    raises(HTTPNotFound, () => tag_controller.show(request(), NAMESPACE5, TAG1));
  });

  it('test_tag_show_non_visible: 404', () => {
    raises(HTTPNotFound, () => tag_controller.show(request({ tenant: TENANT2 }), NAMESPACE1, TAG1));
  });

  it('test_tag_show_non_visible_admin: an admin sees it', () => {
    expect(tag_controller.show(request({ tenant: TENANT2, is_admin: true }), NAMESPACE1, TAG1).name).toBe(TAG1);
  });

  it('test_tag_delete: the owner deletes it, metadef_tag.delete is sent', () => {
    const req = request({ tenant: TENANT3 });
    tag_controller.delete(req, NAMESPACE3, TAG1);
    assertNotificationLog('metadef_tag.delete', [{ name: TAG1, namespace: NAMESPACE3 }]);
    raises(HTTPNotFound, () => tag_controller.show(req, NAMESPACE3, TAG1));
  });

  it('test_tag_delete_disabled_notification: no event when disabled', () => {
    config(w.settings, { disabled_notifications: ['metadef_tag.delete'] });
    const req = request({ tenant: TENANT3 });
    tag_controller.delete(req, NAMESPACE3, TAG1);
    assertNotificationsLog([]);
    raises(HTTPNotFound, () => tag_controller.show(req, NAMESPACE3, TAG1));
  });

  it('test_tag_delete_other_owner: 403', () => {
    raises(HTTPForbidden, () => tag_controller.delete(request(), NAMESPACE3, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_delete_other_owner_admin: an admin may', () => {
    const req = request({ is_admin: true });
    tag_controller.delete(req, NAMESPACE3, TAG1);
    assertNotificationLog('metadef_tag.delete', [{ name: TAG1, namespace: NAMESPACE3 }]);
    raises(HTTPNotFound, () => tag_controller.show(req, NAMESPACE3, TAG1));
  });

  it('test_tag_delete_non_existing: 404', () => {
    raises(HTTPNotFound, () => tag_controller.delete(request(), NAMESPACE5, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_delete_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => tag_controller.delete(request(), NAMESPACE4, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_delete_non_visible: 404', () => {
    raises(HTTPNotFound, () => tag_controller.delete(request({ tenant: TENANT2 }), NAMESPACE1, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_delete_admin_protected: in a protected namespace, 403 even for an admin', () => {
    raises(HTTPForbidden, () => tag_controller.delete(request({ is_admin: true }), NAMESPACE1, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_create: creates, metadef_tag.create is sent', () => {
    const req = request();
    expect(tag_controller.create(req, NAMESPACE1, TAG2).name).toBe(TAG2);
    assertNotificationLog('metadef_tag.create', [{ name: TAG2, namespace: NAMESPACE1 }]);
    expect(tag_controller.show(req, NAMESPACE1, TAG2).name).toBe(TAG2);
  });

  it('test_tag_create_overlimit_name: a name over 80 characters is a 400 naming maxLength', () => {
    const exc = raises(HTTPBadRequest, () => tag_controller.create(request(), NAMESPACE1, 'a'.repeat(81)));
    expect(exc.explanation).toContain("Failed validating 'maxLength' in schema['properties']['name']");
  });

  it('test_tag_create_with_4byte_character: 400', () => {
    raises(HTTPBadRequest, () => tag_controller.create(request(), NAMESPACE1, SQUAD_CAR));
  });

  it('test_tag_create_tags: creates the list, one event each', () => {
    const metadef_tags = new MetadefTags();
    metadef_tags.tags = _db_tags_fixture();
    const output = tag_controller.create_tags(request(), metadef_tags, NAMESPACE1).to_dict();
    expect(nameSet(output['tags'])).toEqual(new Set([TAG1, TAG2, TAG3]));
    assertNotificationLog('metadef_tag.create', [
      { name: TAG1, namespace: NAMESPACE1 }, { name: TAG2, namespace: NAMESPACE1 }, { name: TAG3, namespace: NAMESPACE1 },
    ]);
  });

  it('test_tag_create_duplicate_tags: a name twice in the list is 409, no event', () => {
    const metadef_tags = new MetadefTags();
    metadef_tags.tags = _db_tags_fixture([TAG4, TAG5, TAG4]);
    raises(HTTPConflict, () => tag_controller.create_tags(request(), metadef_tags, NAMESPACE1));
    assertNotificationsLog([]);
  });

  it('test_tag_create_duplicate_with_pre_existing_tags: a failed replacement keeps the tags there were', () => {
    const req = request();
    let metadef_tags = new MetadefTags();
    metadef_tags.tags = _db_tags_fixture([TAG1, TAG2, TAG3]);
    let output = tag_controller.create_tags(req, metadef_tags, NAMESPACE1).to_dict();
    expect(nameSet(output['tags'])).toEqual(new Set([TAG1, TAG2, TAG3]));
    assertNotificationLog('metadef_tag.create', [
      { name: TAG1, namespace: NAMESPACE1 }, { name: TAG2, namespace: NAMESPACE1 }, { name: TAG3, namespace: NAMESPACE1 },
    ]);
    metadef_tags = new MetadefTags();
    metadef_tags.tags = _db_tags_fixture([TAG4, TAG5, TAG4]);
    raises(HTTPConflict, () => tag_controller.create_tags(req, metadef_tags, NAMESPACE1));
    assertNotificationsLog([]);
    output = tag_controller.index(req, NAMESPACE1).to_dict();
    expect(nameSet(output['tags'])).toEqual(new Set([TAG1, TAG2, TAG3]));
  });

  it('test_tag_create_conflict: an existing name is 409', () => {
    raises(HTTPConflict, () => tag_controller.create(request(), NAMESPACE1, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_create_non_existing_namespace: 404', () => {
    raises(HTTPNotFound, () => tag_controller.create(request(), NAMESPACE4, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_create_non_visible_namespace: 403', () => {
    raises(HTTPForbidden, () => tag_controller.create(request({ tenant: TENANT2 }), NAMESPACE1, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_create_non_visible_namespace_admin: an admin may', () => {
    const req = request({ tenant: TENANT2, is_admin: true });
    expect(tag_controller.create(req, NAMESPACE1, TAG2).name).toBe(TAG2);
    assertNotificationLog('metadef_tag.create', [{ name: TAG2, namespace: NAMESPACE1 }]);
    expect(tag_controller.show(req, NAMESPACE1, TAG2).name).toBe(TAG2);
  });

  it('test_tag_update: renames the tag', () => {
    const req = request({ tenant: TENANT3 });
    let tag = tag_controller.show(req, NAMESPACE3, TAG1);
    tag.name = TAG3;
    tag = tag_controller.update(req, tag, NAMESPACE3, TAG1);
    expect(tag.name).toBe(TAG3);
    assertNotificationLog('metadef_tag.update', [{ name: TAG3, namespace: NAMESPACE3 }]);
    expect(tag_controller.show(req, NAMESPACE3, TAG3).name).toBe(TAG3);
  });

  it('test_tag_update_name: the event names the old name', () => {
    const req = request();
    let tag = tag_controller.show(req, NAMESPACE1, TAG1);
    tag.name = TAG2;
    tag = tag_controller.update(req, tag, NAMESPACE1, TAG1);
    expect(tag.name).toBe(TAG2);
    assertNotificationLog('metadef_tag.update', [{ name: TAG2, name_old: TAG1, namespace: NAMESPACE1 }]);
    expect(tag_controller.show(req, NAMESPACE1, TAG2).name).toBe(TAG2);
  });

  it('test_tag_update_with_4byte_character: 400', () => {
    const req = request();
    const tag = tag_controller.show(req, NAMESPACE1, TAG1);
    tag.name = SQUAD_CAR;
    raises(HTTPBadRequest, () => tag_controller.update(req, tag, NAMESPACE1, TAG1));
  });

  it('test_tag_update_with_name_overlimit: a name over 80 characters is a 400 naming maxLength', () => {
    const req = jsonRequest({ properties: {}, name: 'a'.repeat(81), required: [] });
    const exc = raises(HTTPBadRequest, () => deserializer.update(req));
    expect(exc.explanation).toContain("Failed validating 'maxLength' in schema['properties']['name']");
  });

  it('test_tag_update_conflict: renaming onto an existing name is 409', () => {
    const req = request({ tenant: TENANT3 });
    const tag = tag_controller.show(req, NAMESPACE3, TAG1);
    tag.name = TAG2;
    raises(HTTPConflict, () => tag_controller.update(req, tag, NAMESPACE3, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_update_non_existing: 404', () => {
    const tag = new MetadefTag();
    tag.name = TAG1;
    raises(HTTPNotFound, () => tag_controller.update(request({ tenant: TENANT3 }), tag, NAMESPACE5, TAG1));
    assertNotificationsLog([]);
  });

  it('test_tag_update_namespace_non_existing: 404', () => {
    const tag = new MetadefTag();
    tag.name = TAG1;
    raises(HTTPNotFound, () => tag_controller.update(request({ tenant: TENANT3 }), tag, NAMESPACE4, TAG1));
    assertNotificationsLog([]);
  });
});

describe('TestMetadefNamespaceResponseSerializers', () => {
  it('test_delete_tags: answers 204', () => {
    const serializer = new namespaces.ResponseSerializer(null);
    const response = { status_int: 200 } as unknown as Parameters<namespaces.ResponseSerializer['delete_tags']>[0];
    serializer.delete_tags(response);
    expect(response.status_int).toBe(204);
  });
});
