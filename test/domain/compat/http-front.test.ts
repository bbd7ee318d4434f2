import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS_OWNER_IS_TENANT, buildsPropertyRulesFirst, catalogContextFailure, requestIdTooLong, routeMatchingMethod, serializing, TASK_SCHEMA_BODY, unexpectedBody, UnserializableResult, unusableContext,
} from '../../../src/domain/compat/http-front.js';
import { DomainError } from '../../../src/domain/errors.js';
import { environFromUrl, exc, Request } from '../../../src/lib/webob/index.js';

const request = (target: string, options: { method?: string; content_type?: string; body?: string } = {}): Request =>
  new Request(environFromUrl(target), {
    ...(options.method === undefined ? {} : { method: options.method }),
    ...(options.content_type === undefined ? {} : { content_type: options.content_type }),
    ...(options.body === undefined ? {} : { body: Buffer.from(options.body) }),
  });

describe("the HTTP front's accidents (ledger #42-#45)", () => {
  it('quirk #42: the task schema documents take a body they cannot use; it reaches the action as a keyword (TypeError, 500)', () => {
    expect(TASK_SCHEMA_BODY).toBe('unexpected');
    expect(unexpectedBody('task')).toMatchObject({ kind: 'TypeError', status: 500, message: "task() got an unexpected keyword argument 'body'" });
  });

  it('quirk #43: a request id longer than 64 code points makes the context unusable; 64 is fine', () => {
    expect(requestIdTooLong('r'.repeat(64))).toBe(false);
    expect(requestIdTooLong('r'.repeat(65))).toBe(true);
    expect(requestIdTooLong('😀'.repeat(64))).toBe(false);
    expect(requestIdTooLong(undefined)).toBe(false);
  });

  it('quirk #43: reading the unusable context fails as an AttributeError on the error Glance stored', () => {
    expect(unusableContext()).toMatchObject({ kind: 'AttributeError', status: 500, message: "'HTTPRequestHeaderFieldsTooLarge' object has no attribute 'read_only'" });
  });

  it('quirk #43: only the image and member readers build the property rules before the context is read; writers are @utils.mutating', () => {
    for (const a of ['images.index', 'images.show', 'data.download', 'members.index', 'members.show']) expect(buildsPropertyRulesFirst(a)).toBe(true);
    for (const a of ['images.create', 'images.update', 'data.upload', 'tags.update', 'members.create', 'actions.deactivate', 'tasks.index', 'metadef_namespaces.index']) {
      expect(buildsPropertyRulesFirst(a)).toBe(false);
    }
  });

  it("quirk #43: the catalog controllers turn the unusable context into their own bare 500, with the policy check's text on the resource-type listings; namespace create does not", () => {
    const failure = unusableContext();
    expect(catalogContextFailure('metadef_namespaces.create', failure)).toBe(failure);
    expect(catalogContextFailure('metadef_objects.create', failure)).toMatchObject({ kind: 'HTTPInternalServerError', status: 500, message: '' });
    for (const a of ['metadef_resource_types.index', 'metadef_resource_types.show']) {
      expect(catalogContextFailure(a, failure)).toMatchObject({ kind: 'HTTPInternalServerError', message: "'HTTPRequestHeaderFieldsTooLarge' object has no attribute 'to_policy_values'" });
    }
  });

  it("quirk #44: the anonymous context keeps owner_is_tenant's default", () => {
    expect(ANONYMOUS_OWNER_IS_TENANT).toBe(true);
  });

  it('quirk #45: _method in the query picks the route (upper-cased, last value) while the request keeps its own method', () => {
    const req = request('/v2/images?_method=delete&_method=patch');
    expect(routeMatchingMethod(req)).toBe('PATCH');
    expect(req.method).toBe('GET');
  });

  it('quirk #45: a form POST body can override the method too; an empty override or another body cannot', () => {
    expect(routeMatchingMethod(request('/v2/images', { method: 'POST', content_type: 'application/x-www-form-urlencoded', body: '_method=put' }))).toBe('PUT');
    expect(routeMatchingMethod(request('/v2/images?_method=', { method: 'POST' }))).toBe('POST');
    expect(routeMatchingMethod(request('/v2/images', { method: 'POST', content_type: 'application/json', body: '{"_method": "put"}' }))).toBe('POST');
  });
});

describe('serializing (ledger #69)', () => {
  it('turns what a serializer raises into an unserializable result, as wsgi.Resource swallows it and webob then fails calling the image', () => {
    const boom = new Error("'str' object has no attribute '__call__'");
    let caught: unknown;
    try {
      serializing(() => {
        throw boom;
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnserializableResult);
    expect((caught as UnserializableResult).raisedBySerializer).toBe(boom);
    expect((caught as UnserializableResult).message).toBe("'ImageProxy' object is not callable");
  });

  it('lets webob HTTP errors and controller-made failures through, as Resource translates those', () => {
    expect(() => serializing(() => { throw new exc.HTTPForbidden(); })).toThrow(exc.HTTPForbidden);
    expect(() => serializing(() => { throw new DomainError('HTTPConflict', 'x'); })).toThrow(DomainError);
    expect(serializing(() => 7)).toBe(7);
  });
});
