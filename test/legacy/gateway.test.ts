/**
 * The Gateway's composition: which layers wrap what, in which order, and the
 * `omit` option. Glance 16.0.0 has no unit test of gateway.py; these pin the
 * order of shared/legacy-map.md section 1 against the real layer classes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Gateway, type OmittableLayer } from '../../src/legacy/gateway.js';
import * as authorization from '../../src/legacy/authorization.js';
import * as db from '../../src/legacy/db.js';
import * as domain from '../../src/legacy/domain.js';
import * as location from '../../src/legacy/location.js';
import * as notifier from '../../src/legacy/notifier.js';
import * as policy from '../../src/legacy/policy.js';
import * as property_protections from '../../src/legacy/property-protections.js';
import * as quota from '../../src/legacy/quota.js';
import { ImagesController } from '../../src/legacy/api/v2/images.js';
import { Forbidden } from '../../src/legacy/exception.js';
import { PROPERTY_PROTECTIONS_CONF } from './__test-helpers__/property-protections.js';
import { TENANT1, UUID1, createImages, dbFixture, getFakeContext, getFakeRequest, v2World, type V2World } from './__test-helpers__/v2-fixtures.js';

/** The next object inward, whatever the layer calls it. */
function inner(x: object): object | undefined {
  const o = x as Record<string, unknown>;
  for (const key of ['base', 'member_repo', 'repo', 'image_repo']) {
    const v = o[key];
    if (v !== null && typeof v === 'object') return v;
  }
  return undefined;
}

function chain(x: object): object[] {
  const out: object[] = [];
  for (let cur: object | undefined = x; cur !== undefined; cur = inner(cur)) out.push(cur);
  return out;
}

type AnyClass = abstract new (...args: never[]) => unknown;

/** Asserts `x`'s wrappers are exactly `classes`, outermost first. */
function expectLayers(x: object, classes: AnyClass[]): void {
  const found = chain(x);
  expect(found).toHaveLength(classes.length);
  found.forEach((obj, i) => expect(obj).toBeInstanceOf(classes[i] as AnyClass));
}

describe('Gateway', () => {
  let w: V2World;
  const gateway = (omit?: OmittableLayer): Gateway => new Gateway({ ...w.deps(), ...(omit ? { omit } : {}) });

  beforeEach(() => {
    w = v2World();
    createImages(w, [dbFixture(UUID1, { owner: TENANT1, visibility: 'shared', disk_format: 'raw', container_format: 'bare' })]);
  });
  afterEach(() => w.close());

  it('get_repo: authorization, notifier, policy, quota, location, db', () => {
    expectLayers(gateway().get_repo(getFakeContext()), [
      authorization.ImageRepoProxy, notifier.ImageRepoProxy, policy.ImageRepoProxy, quota.ImageRepoProxy,
      location.ImageRepoProxy, db.ImageRepo,
    ]);
  });

  it('get_repo().get: the image is wrapped in the same order, down to domain.Image', () => {
    expectLayers(gateway().get_repo(getFakeContext()).get(UUID1), [
      authorization.ImageProxy, notifier.ImageProxy, policy.ImageProxy, quota.ImageProxy, location.ImageProxy,
      db.ImageProxy, domain.Image,
    ]);
  });

  it('get_repo: property protections sit under authorization only when a rules file is set', () => {
    w.settings.property_protections = PROPERTY_PROTECTIONS_CONF;
    const layers = chain(gateway().get_repo(getFakeContext()));
    expect(layers[0]).toBeInstanceOf(authorization.ImageRepoProxy);
    expect(layers[1]).toBeInstanceOf(property_protections.ProtectedImageRepoProxy);
    expect(layers[2]).toBeInstanceOf(notifier.ImageRepoProxy);
  });

  it('get_image_factory: authorization, notifier, policy, quota, location, domain', () => {
    expectLayers(gateway().get_image_factory(getFakeContext()), [
      authorization.ImageFactoryProxy, notifier.ImageFactoryProxy, policy.ImageFactoryProxy, quota.ImageFactoryProxy,
      location.ImageFactoryProxy, domain.ImageFactory,
    ]);
  });

  it('get_member_repo: authorization, notifier, policy, location, db (no quota)', () => {
    const g = gateway();
    const image = g.get_repo(getFakeContext()).get(UUID1);
    expectLayers(g.get_member_repo(image, getFakeContext()), [
      authorization.ImageMemberRepoProxy, notifier.ImageMemberRepoProxy, policy.ImageMemberRepoProxy,
      location.ImageMemberRepoProxy, db.ImageMemberRepo,
    ]);
  });

  it('get_image_member_factory: authorization, policy, quota, domain (no notifier)', () => {
    expectLayers(gateway().get_image_member_factory(getFakeContext()), [
      authorization.ImageMemberFactoryProxy, policy.ImageMemberFactoryProxy, quota.ImageMemberFactoryProxy,
      domain.ImageMemberFactory,
    ]);
  });

  it('get_task_factory, get_task_repo and get_task_stub_repo: authorization, notifier, policy', () => {
    const g = gateway();
    expectLayers(g.get_task_factory(getFakeContext()), [
      authorization.TaskFactoryProxy, notifier.TaskFactoryProxy, policy.TaskFactoryProxy, domain.TaskFactory,
    ]);
    expectLayers(g.get_task_repo(getFakeContext()), [
      authorization.TaskRepoProxy, notifier.TaskRepoProxy, policy.TaskRepoProxy, db.TaskRepo,
    ]);
    expectLayers(g.get_task_stub_repo(getFakeContext()), [
      authorization.TaskStubRepoProxy, notifier.TaskStubRepoProxy, policy.TaskStubRepoProxy, db.TaskRepo,
    ]);
  });

  it('get_task_executor_factory: builds an executor factory over the task repo, image repo and image factory', () => {
    const factory = gateway().get_task_executor_factory(getFakeContext()) as domain.TaskExecutorFactory;
    expect(factory).toBeInstanceOf(domain.TaskExecutorFactory);
    expect(factory.task_repo).toBeInstanceOf(authorization.TaskRepoProxy);
    expect(factory.image_repo).toBeInstanceOf(authorization.ImageRepoProxy);
    expect(factory.image_factory).toBeInstanceOf(authorization.ImageFactoryProxy);
  });

  it('omit: the named layer is left out of every stack, the others keep their order', () => {
    expectLayers(gateway('notifier').get_repo(getFakeContext()), [
      authorization.ImageRepoProxy, policy.ImageRepoProxy, quota.ImageRepoProxy, location.ImageRepoProxy, db.ImageRepo,
    ]);
    expectLayers(gateway('authorization').get_task_repo(getFakeContext()), [
      notifier.TaskRepoProxy, policy.TaskRepoProxy, db.TaskRepo,
    ]);
    w.settings.property_protections = PROPERTY_PROTECTIONS_CONF;
    expect(chain(gateway('property_protections').get_repo(getFakeContext()))[1]).toBeInstanceOf(notifier.ImageRepoProxy);
  });

  it('omit notifier: a controller built on it sends no notification', () => {
    const controller = new ImagesController({ ...w.deps(), omit: 'notifier' });
    controller.create(getFakeRequest(), { name: 'quiet' }, {}, []);
    expect(w.notifier.get_logs()).toEqual([]);
  });

  it('omit authorization: the factory no longer checks the owner a non-admin asks for', () => {
    expect(() => gateway().get_image_factory(getFakeContext()).new_image({ owner: 'someone-else' })).toThrow(Forbidden);
    expect(gateway('authorization').get_image_factory(getFakeContext()).new_image({ owner: 'someone-else' }).owner).toBe('someone-else');
  });
});
