import { describe, expect, it } from 'vitest';
import { resolve, ROUTES } from '../../../src/domain/http/routes.js';

describe('the route table', () => {
  it('resolves a path and method to its action and path variables', () => {
    const found = resolve('/images/abc/tags/blue', 'PUT');
    expect(found.kind).toBe('route');
    if (found.kind !== 'route') return;
    expect(found.route.action).toBe('tags.update');
    expect(found.vars).toEqual({ image_id: 'abc', tag_value: 'blue' });
  });

  it("answers a known path with another method as 405, its Allow header the path's methods in table order", () => {
    expect(resolve('/images/abc', 'POST')).toEqual({ kind: 'method-not-allowed', allow: 'GET, PATCH, DELETE' });
    expect(resolve('/images', 'DELETE')).toEqual({ kind: 'method-not-allowed', allow: 'GET, POST' });
  });

  it('finds no route for an unknown path or the empty path', () => {
    expect(resolve('/nothing', 'GET')).toEqual({ kind: 'no-route' });
    expect(resolve('', 'GET')).toEqual({ kind: 'no-route' });
  });

  it('quirk #42: only the task schema documents take a body they do not expect; other schemas refuse one', () => {
    const schemaRoutes = ROUTES.filter((r) => r.action === 'schemas.document');
    const unexpected = schemaRoutes.filter((r) => r.body === 'unexpected').map((r) => r.document);
    expect(unexpected).toEqual(['task', 'tasks']);
    expect(schemaRoutes.filter((r) => r.body === 'rejected').length).toBe(schemaRoutes.length - 2);
  });

  it('lists every route once per path and method', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
