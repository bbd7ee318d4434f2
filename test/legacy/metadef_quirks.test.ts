// The quirks the metadef port keeps (each marked NOTE(quirk) in the source),
// named one by one. Each was checked against the real Glance 16.0.0 with
// the reference runner (see test/legacy/v2/fixtures/metadef-http and
// examples/http/3NN-*), or follows from the code path Glance runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as namespaces from '../../src/legacy/api/v2/metadef-namespaces.js';
import * as objects from '../../src/legacy/api/v2/metadef-objects.js';
import * as tags from '../../src/legacy/api/v2/metadef-tags.js';
import { Namespace, Namespaces } from '../../src/legacy/api/v2/model/metadef-namespace.js';
import { MetadefObject, MetadefObjects } from '../../src/legacy/api/v2/model/metadef-object.js';
import { PropertyType } from '../../src/legacy/api/v2/model/metadef-property-type.js';
import { ImmutableMetadefObjectProxy } from '../../src/legacy/authorization.js';
import { Gateway } from '../../src/legacy/gateway.js';
import { format_metadef_object_notification } from '../../src/legacy/notifier.js';
import { MetadefDuplicateObject } from '../../src/legacy/exception.js';
import { HTTPForbidden, HTTPInternalServerError } from '../../src/legacy/webob.js';
import { AttributeError, ValueError } from '../../src/lib/python.js';
import { jsonBody, getFakeWsgiRequest, responseFor } from './__test-helpers__/wsgi-request.js';
import { TENANT1, TENANT2, getFakeRequest, v2World, type V2World } from './__test-helpers__/v2-fixtures.js';

let w: V2World;
const member = getFakeRequest();
const admin = getFakeRequest({ is_admin: true });

beforeEach(() => {
  w = v2World();
});
afterEach(() => w.close());

function createNamespaces(names: string[], kwargs: Record<string, unknown> = {}): void {
  for (const namespace of names) {
    w.clock.tick();
    w.api.metadefNamespaceCreate(admin.context, { namespace, owner: TENANT1, visibility: 'public', ...kwargs });
  }
}

describe('metadef db api quirks', () => {
  it('sort_key=id still sorts by created_at first (the key is not moved to the front)', () => {
    createNamespaces(['n-late']);
    w.clock.set(new Date(Date.UTC(2000, 0, 1)));
    createNamespaces(['n-early']);
    const page = w.api.metadefNamespaceGetAll(admin.context, { sort_key: 'id', sort_dir: 'asc' });
    // ids: n-late is 1, n-early is 2; created_at puts n-early first.
    expect(page.map((n) => n.namespace)).toEqual(['n-early', 'n-late']);
  });

  it('a resource_types filter that matches nothing answers an empty page before the marker is looked up', () => {
    createNamespaces(['n1']);
    const page = w.api.metadefNamespaceGetAll(admin.context, {
      marker: 9999, sort_key: 'created_at', filters: new Map([['resource_types', 'Nothing::Here']]),
    });
    expect(page).toEqual([]);
  });

  it('deleting or updating a resource type through the db api raises AttributeError: get answers a dict', () => {
    w.api.metadefResourceTypeCreate(admin.context, { name: 'RT', protected: false });
    expect(() => w.api.metadefResourceTypeDelete(admin.context, 'RT')).toThrow(AttributeError);
    expect(w.api.metadefResourceTypeGetAll(admin.context).map((r) => r.name)).toEqual(['RT']);
  });

  it('replacing a namespace\'s tags with an empty list looks nothing up, not even the namespace', () => {
    expect(w.api.metadefTagCreateTags(member.context, 'no-such-namespace', [])).toEqual([]);
  });

  it('a rename onto an existing object name is reported with the stored (old) name', () => {
    createNamespaces(['n1']);
    w.api.metadefObjectCreate(admin.context, 'n1', { name: 'a', json_schema: new Map() });
    const b = w.api.metadefObjectCreate(admin.context, 'n1', { name: 'b', json_schema: new Map() });
    expect(() => w.api.metadefObjectUpdate(admin.context, 'n1', b.id, { name: 'a' })).toThrow(MetadefDuplicateObject);
    try {
      w.api.metadefObjectUpdate(admin.context, 'n1', b.id, { name: 'a' });
    } catch (e) {
      expect((e as MetadefDuplicateObject).msg).toContain('same name=b in namespace=n1');
    }
  });
});

describe('metadef layer quirks', () => {
  it('any project may add objects to a public namespace it does not own: the factory checks the caller\'s owner', () => {
    createNamespaces(['shared']);
    const other = getFakeRequest({ tenant: TENANT2 });
    const controller = new objects.MetadefObjectsController(w.deps());
    const o = new MetadefObject();
    o.name = 'intruder';
    expect(controller.create(other, o, 'shared').name).toBe('intruder');
  });

  it('the immutable object proxy has no namespace attribute', () => {
    createNamespaces(['shared']);
    w.api.metadefObjectCreate(admin.context, 'shared', { name: 'o', json_schema: new Map() });
    const repo = new Gateway(w.deps()).get_metadef_object_repo(getFakeRequest({ tenant: TENANT2 }).context);
    const proxy = repo.get('shared', 'o');
    expect(proxy).toBeInstanceOf(ImmutableMetadefObjectProxy);
    expect(() => proxy.namespace).toThrow(AttributeError);
  });

  it('an object notification sends a 0 minimum as None and a property\'s items unserialised', () => {
    const property = new PropertyType({ type: 'array', title: 't', minimum: 0 });
    const payload = format_metadef_object_notification(
      { namespace: 'n', name: 'o', required: [], description: null, properties: new Map([['p', property]]), created_at: new Date(0), updated_at: new Date(0), object_id: 1, delete: () => undefined },
      w.clock,
    );
    const sent = (payload['properties'] as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    expect(sent['minimum']).toBeNull();
    expect(sent['items']).toBeNull();
  });

  it('emptying a protected namespace of its objects is refused as deleting it would be', () => {
    createNamespaces(['locked'], { protected: true });
    const controller = new namespaces.NamespaceController(w.deps());
    expect(() => controller.delete_objects(admin, 'locked')).toThrow(HTTPForbidden);
  });

  it('a namespace whose property default is not ASCII is created, then the answer fails (a 500 that leaves it)', () => {
    const controller = new namespaces.NamespaceController(w.deps());
    const ns = new Namespace();
    ns.namespace = 'kept';
    ns.properties = new Map([['p', new PropertyType({ type: 'string', title: 't', default: 'café' })]]);
    expect(() => controller.create(member, ns)).toThrow(HTTPInternalServerError);
    expect(controller.show(member, 'kept').namespace).toBe('kept');
  });

  it('an update answers the updated_at read before the save', () => {
    createNamespaces(['n1']);
    const controller = new namespaces.NamespaceController(w.deps());
    const before = controller.show(admin, 'n1').updated_at;
    w.clock.tick(60_000);
    const user_ns = new Namespace();
    user_ns.namespace = 'n1';
    user_ns.display_name = 'changed';
    expect(controller.update(admin, user_ns, 'n1').updated_at).toBe(before);
    expect(controller.show(admin, 'n1').updated_at).not.toBe(before);
  });
});

describe('metadef HTTP-side quirks', () => {
  it('a namespace listing limit that is not an integer escapes the deserializer as ValueError (a 500)', () => {
    const d = new namespaces.RequestDeserializer(w.settings);
    expect(() => d.index(getFakeWsgiRequest({ path: '/metadefs/namespaces?limit=abc', method: 'GET' }))).toThrow(ValueError);
  });

  it('the tags listing accepts limit=0 (an empty page) where the objects listing refuses it', () => {
    expect(new tags.RequestDeserializer().index(getFakeWsgiRequest({ path: '/x?limit=0', method: 'GET' }))['limit']).toBe(0);
    expect(() => new objects.RequestDeserializer().index(getFakeWsgiRequest({ path: '/x?limit=0', method: 'GET' }))).toThrow();
  });

  it('a namespace shown with any query parameter but resource_type fails with KeyError (a 500)', () => {
    createNamespaces(['n1']);
    const controller = new namespaces.NamespaceController(w.deps());
    expect(() => controller.show(admin, 'n1', new Map([['foo', 'bar']]))).toThrow(HTTPInternalServerError);
  });

  it('the objects listing links its schema without a leading slash', () => {
    const response = responseFor();
    new objects.ResponseSerializer().index(response, Object.assign(new MetadefObjects(), { objects: [] }));
    expect((jsonBody(response) as Map<string, unknown>).get('schema')).toBe('v2/schemas/metadefs/objects');
  });

  it('the namespaces listing links first and next from the query, marker last', () => {
    const req = getFakeWsgiRequest({ path: '/v2/metadefs/namespaces?marker=m&limit=1&sort_dir=asc', method: 'GET' });
    const response = responseFor(req);
    const result = new Namespaces();
    result.namespaces = [];
    result.next = 'n2';
    new namespaces.ResponseSerializer().index(response, result);
    const body = jsonBody(response) as Map<string, unknown>;
    expect(body.get('first')).toBe('/v2/metadefs/namespaces?limit=1&sort_dir=asc');
    expect(body.get('next')).toBe('/v2/metadefs/namespaces?limit=1&sort_dir=asc&marker=n2');
  });
});
