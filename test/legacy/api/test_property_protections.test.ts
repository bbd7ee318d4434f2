import { beforeEach, describe, expect, it } from 'vitest';
import { pyEquals } from '../../../src/lib/pycollections.js';
import { KeyError } from '../../../src/lib/python.js';
import { RequestContext } from '../../../src/legacy/context.js';
import { ImageFactory, type Image } from '../../../src/legacy/domain.js';
import { ReservedProperty } from '../../../src/legacy/exception.js';
import type { Enforcer } from '../../../src/legacy/policy.js';
import {
  ExtraPropertiesProxy,
  ProtectedImageFactoryProxy,
  ProtectedImageProxy,
  ProtectedImageRepoProxy,
} from '../../../src/legacy/property-protections.js';
import { PropertyRules, type PropertyRulesContext } from '../../../src/legacy/property-utils.js';
import type { ImageLike, ListKwargs, RepoLike } from '../../../src/legacy/proxy.js';
import { domainDeps } from '../__test-helpers__/domain-deps.js';
import { protectionSettings, testEnforcer } from '../__test-helpers__/property-protections.js';

const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
const TENANT2 = '2c014f32-55eb-467d-8fcb-4bd706012f81';

let policy: Enforcer;
let property_rules: PropertyRules;

function context(roles: string[], tenant: string | null = null): RequestContext {
  return new RequestContext({ roles, tenant, policy_enforcer: policy });
}

function imageFactory(): ImageFactory {
  const deps = domainDeps();
  return new ImageFactory(deps.clock, deps.ids, deps.settings);
}

/** set_property_protections(); policy.Enforcer(); PropertyRules(self.policy) */
function setUpProtections(): void {
  policy = testEnforcer();
  property_rules = new PropertyRules(protectionSettings(), policy);
}

/** TestProtectedImageRepoProxy.ImageRepoStub */
class ImageRepoStub implements RepoLike<ImageLike> {
  constructor(readonly fixtures: ImageLike[]) {}
  get(image_id: string): ImageLike {
    const found = this.fixtures.find((f) => f.image_id === image_id);
    if (found === undefined) throw new Error(image_id);
    return found;
  }
  list(_kwargs?: ListKwargs): ImageLike[] {
    return this.fixtures;
  }
  add(image: ImageLike): void {
    this.fixtures.push(image);
  }
  save(): void {}
  remove(): void {}
}

describe('TestProtectedImageRepoProxy', () => {
  let fixtures: Image[];
  let image_repo: ProtectedImageRepoProxy;

  beforeEach(() => {
    setUpProtections();
    const factory = imageFactory();
    const extra_props = { spl_create_prop: 'c', spl_read_prop: 'r', spl_update_prop: 'u', spl_delete_prop: 'd', forbidden: 'prop' };
    const extra_props_2 = { spl_read_prop: 'r', forbidden: 'prop' };
    fixtures = [
      factory.new_image({ image_id: '1', owner: TENANT1, extra_properties: extra_props }),
      factory.new_image({ owner: TENANT2, visibility: 'public' }),
      factory.new_image({ image_id: '3', owner: TENANT1, extra_properties: extra_props_2 }),
    ];
    image_repo = new ProtectedImageRepoProxy(new ImageRepoStub(fixtures), context(['spl_role']), property_rules);
  });

  it('test_get_image: the image comes back with the readable properties only', () => {
    const props = image_repo.get('1').extra_properties;
    expect(props.getItem('spl_create_prop')).toBe('c');
    expect(props.getItem('spl_read_prop')).toBe('r');
    expect(props.getItem('spl_update_prop')).toBe('u');
    expect(props.getItem('spl_delete_prop')).toBe('d');
    expect(props.keys()).not.toContain('forbidden');
  });

  it('test_list_image: every listed image is filtered the same way', () => {
    const images = image_repo.list();
    expect(images).toHaveLength(3);
    const first = images[0]?.extra_properties;
    expect(first?.getItem('spl_create_prop')).toBe('c');
    expect(first?.getItem('spl_read_prop')).toBe('r');
    expect(first?.getItem('spl_update_prop')).toBe('u');
    expect(first?.getItem('spl_delete_prop')).toBe('d');
    expect(first?.keys()).not.toContain('forbidden');
    expect(pyEquals(images[1]?.extra_properties, new Map())).toBe(true);
    const third = images[2]?.extra_properties;
    expect(third?.getItem('spl_read_prop')).toBe('r');
    expect(third?.keys()).not.toContain('forbidden');
  });
});

describe('TestProtectedImageProxy', () => {
  beforeEach(setUpProtections);

  it('test_read_image_with_extra_prop: a property the caller may not read is dropped', () => {
    // TestProtectedImageProxy.ImageStub: an object with only extra_properties.
    const image = { extra_properties: { spl_read_prop: 'read', spl_fake_prop: 'prop' } } as unknown as ImageLike;
    const result = new ProtectedImageProxy(image, context(['spl_role']), property_rules);
    expect(result.extra_properties.getItem('spl_read_prop')).toBe('read');
    expect(result.extra_properties.keys()).not.toContain('spl_fake_prop');
  });
});

describe('TestExtraPropertiesProxy', () => {
  beforeEach(setUpProtections);

  const proxyOf = (props: Record<string, unknown>, roles: string[]): ExtraPropertiesProxy =>
    new ExtraPropertiesProxy(context(roles), props, property_rules);

  it('test_read_extra_property_as_admin_role: admin reads a property', () => {
    expect(proxyOf({ foo: 'bar', ping: 'pong' }, ['admin']).getItem('foo')).toBe('bar');
  });

  it('test_read_extra_property_as_unpermitted_role: an unreadable property raises KeyError', () => {
    const props = proxyOf({ foo: 'bar', ping: 'pong' }, ['unpermitted_role']);
    expect(() => props.getItem('foo')).toThrow(KeyError);
  });

  it('test_update_extra_property_as_permitted_role_after_read: admin updates a property', () => {
    const props = proxyOf({ foo: 'bar', ping: 'pong' }, ['admin']);
    props.setItem('foo', 'par');
    expect(props.getItem('foo')).toBe('par');
  });

  it('test_update_extra_property_as_unpermitted_role_after_read: read-only for the role means ReservedProperty on update', () => {
    const props = proxyOf({ spl_read_prop: 'bar' }, ['spl_role']);
    expect(() => props.setItem('spl_read_prop', 'par')).toThrow(ReservedProperty);
  });

  it('test_update_reserved_extra_property: a create-only property cannot be updated', () => {
    const props = proxyOf({ spl_create_prop: 'bar' }, ['spl_role']);
    expect(() => props.setItem('spl_create_prop', 'par')).toThrow(ReservedProperty);
    expect(() => props.setItem('spl_create_prop', 'par')).toThrow("Attribute 'spl_create_prop' is reserved.");
  });

  it('test_update_empty_extra_property: an empty-string value is updated like any other', () => {
    const props = proxyOf({ foo: '' }, ['admin']);
    props.setItem('foo', 'bar');
    expect(props.getItem('foo')).toBe('bar');
  });

  it('test_create_extra_property_admin: admin creates a property', () => {
    const props = proxyOf({}, ['admin']);
    props.setItem('boo', 'doo');
    expect(props.getItem('boo')).toBe('doo');
  });

  it('test_create_reserved_extra_property: a role without create gets ReservedProperty', () => {
    expect(() => proxyOf({}, ['spl_role']).setItem('boo', 'doo')).toThrow(ReservedProperty);
  });

  it('test_delete_extra_property_as_admin_role: a deleted property is gone', () => {
    const props = proxyOf({ foo: 'bar' }, ['admin']);
    props.delItem('foo');
    expect(() => props.getItem('foo')).toThrow(KeyError);
  });

  it('test_delete_nonexistant_extra_property_as_admin_role: deleting an absent key raises KeyError', () => {
    expect(() => proxyOf({}, ['admin']).delItem('foo')).toThrow(KeyError);
  });

  it('test_delete_reserved_extra_property: a readable property without delete rights is reserved', () => {
    const props = proxyOf({ spl_read_prop: 'r' }, ['spl_role']);
    expect(props.getItem('spl_read_prop')).toBe('r');
    expect(() => props.delItem('spl_read_prop')).toThrow(ReservedProperty);
  });

  it('test_delete_nonexistant_extra_property: the absent-key check comes before any rule (even with a bogus context)', () => {
    // Glance passes a list of roles as the context here; it is never consulted.
    const bogus = ['spl_role'] as unknown as PropertyRulesContext;
    const props = new ExtraPropertiesProxy(bogus, {}, property_rules);
    expect(() => props.delItem('spl_read_prop')).toThrow(KeyError);
  });

  it('test_delete_empty_extra_property: an empty-string property can be deleted', () => {
    const props = proxyOf({ foo: '' }, ['admin']);
    props.delItem('foo');
    expect(props.contains('foo')).toBe(false);
  });
});

describe('TestProtectedImageFactoryProxy', () => {
  let factory: ImageFactory;
  beforeEach(() => {
    setUpProtections();
    factory = imageFactory();
  });

  const protectedFactory = (roles: string[]): ProtectedImageFactoryProxy =>
    new ProtectedImageFactoryProxy(factory, context(roles, TENANT1), property_rules);

  it('test_create_image_no_extra_prop: no extra properties, none on the image', () => {
    const image = protectedFactory(['spl_role']).new_image({ extra_properties: {} });
    expect(pyEquals(image.extra_properties, new Map())).toBe(true);
  });

  it('test_create_image_extra_prop: a creatable property is kept', () => {
    const image = protectedFactory(['spl_role']).new_image({ extra_properties: { spl_create_prop: 'c' } });
    expect(pyEquals(image.extra_properties, new Map([['spl_create_prop', 'c']]))).toBe(true);
  });

  it('test_create_image_extra_prop_reserved_property: one property the role may not create refuses the image', () => {
    expect(() => protectedFactory(['spl_role']).new_image({ extra_properties: { foo: 'bar', spl_create_prop: 'c' } })).toThrow(
      ReservedProperty,
    );
  });

  it('test_create_image_extra_prop_admin: admin may create any property', () => {
    const image = protectedFactory(['admin']).new_image({ extra_properties: { foo: 'bar', spl_create_prop: 'c' } });
    expect(pyEquals(image.extra_properties, new Map([['foo', 'bar'], ['spl_create_prop', 'c']]))).toBe(true);
  });

  it('test_create_image_extra_prop_invalid_role: an unknown role may create nothing', () => {
    expect(() => protectedFactory(['imaginary-role']).new_image({ extra_properties: { foo: 'bar', spl_create_prop: 'c' } })).toThrow(
      ReservedProperty,
    );
  });
});

describe('property protections quirks kept from Glance 16', () => {
  beforeEach(setUpProtections);

  it('ProtectedImageProxy assigns the filtered proxy to the inner image: the domain image loses unreadable keys', () => {
    const image = imageFactory().new_image({ owner: TENANT1, extra_properties: { spl_read_prop: 'r', forbidden: 'x' } });
    new ProtectedImageProxy(image, context(['spl_role']), property_rules);
    expect(image.extra_properties).toBeInstanceOf(ExtraPropertiesProxy);
    expect(image.extra_properties.toMap()).toEqual(new Map([['spl_read_prop', 'r']]));
  });

  it('a create-only key is stored but unreadable: it then hides from get, in and items-style reads', () => {
    const text = '[create_only]\ncreate = member\nread = admin\nupdate = admin\ndelete = admin\n[.*]\ncreate = @\nread = @\nupdate = @\ndelete = @\n';
    const rules = new PropertyRules(protectionSettings(false, { property_protections: text }), policy);
    const props = new ExtraPropertiesProxy(context(['member']), {}, rules);
    props.setItem('create_only', 'v');
    expect(props.keys()).toEqual(['create_only']);
    expect(props.contains('create_only')).toBe(false);
    expect(props.get('create_only', 'fallback')).toBe('fallback');
    expect(() => props.items()).toThrow(KeyError);
    // Setting it again: the read fails, so it counts as a create and is allowed.
    props.setItem('create_only', 'w');
    expect(props.toMap().get('create_only')).toBe('w');
  });

  it('setting a present key whose value is None is silently ignored', () => {
    const props = new ExtraPropertiesProxy(context(['admin']), { foo: null }, property_rules);
    props.setItem('foo', 'bar');
    expect(props.getItem('foo')).toBeNull();
  });

  it('an unreadable key raises a bare KeyError (empty message)', () => {
    const props = new ExtraPropertiesProxy(context(['member']), {}, property_rules);
    let thrown: unknown = null;
    try {
      props.getItem('foo');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KeyError);
    expect((thrown as KeyError).message).toBe('');
  });

  it('pop and setdefault go through the guarded item methods', () => {
    const props = new ExtraPropertiesProxy(context(['spl_role']), { spl_read_prop: 'r' }, property_rules);
    expect(() => props.pop('spl_read_prop')).toThrow(ReservedProperty);
    expect(props.pop('absent', 'd')).toBe('d');
    expect(() => props.setdefault('boo', 'x')).toThrow(ReservedProperty);
  });

  it('the repo proxy helper lacks property_rules, so wrapping a returned image fails as in Python', () => {
    const image = imageFactory().new_image({ owner: TENANT1 });
    const returning: RepoLike<ImageLike> = {
      get: () => image,
      list: () => [image],
      add: (i: ImageLike) => i,
      save: () => undefined,
      remove: () => undefined,
    };
    const repo = new ProtectedImageRepoProxy(returning, context(['admin']), property_rules);
    expect(() => repo.add(repo.get('any'))).toThrow("__init__() missing 1 required positional argument: 'property_rules'");
  });

  it('extra_properties=None is refused the way None.keys() is', () => {
    const f = new ProtectedImageFactoryProxy(imageFactory(), context(['admin'], TENANT1), property_rules);
    expect(() => f.new_image({ extra_properties: null })).toThrow("'NoneType' object has no attribute 'keys'");
  });
});
