/**
 * legacyModel as the runner drives it: the query string rebuilt for index
 * links, how errors become outcomes, and a few answers that only the model
 * (controller + serializer + WSGI drain) produces.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyModel, outcomeOfError, queryOf } from '../../src/legacy/model.js';
import { NotFound } from '../../src/legacy/exception.js';
import { HTTPNoContent, HTTPNotFound } from '../../src/legacy/webob.js';
import { createSchema } from '../../src/shared/db/schema.js';
import { settingsFrom } from '../../src/shared/settings.js';
import { createStore } from '../../src/shared/store/index.js';
import { NotificationSink, SeededIds, StepClock, type Caller, type ModelSession, type World } from '../../src/shared/world.js';

const ALICE: Caller = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
const IMAGE_ID = '11111111-1111-4111-8000-000000000001';

describe('legacyModel', () => {
  let root: string;
  let db: Database.Database;
  let world: World;
  let session: ModelSession;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'peel-model-'));
    db = new Database(':memory:');
    createSchema(db);
    world = {
      settings: settingsFrom({}), db, store: createStore(root), clock: new StepClock(), ids: new SeededIds(3),
      notifications: new NotificationSink(),
    };
    session = legacyModel.open!(world);
  });
  afterEach(() => {
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  const create = () => session.step(ALICE, 'image.create', {
    image: { id: IMAGE_ID, name: 'one', disk_format: 'raw', container_format: 'bare' },
  });

  it('image.create answers 201 with the image view and sends image.create', () => {
    const outcome = create();
    expect(outcome.status).toBe(201);
    expect(outcome.body).toMatchObject({ id: IMAGE_ID, owner: 'p-alice', status: 'queued', visibility: 'shared' });
    expect(world.notifications.since(0).map((n) => n.event_type)).toEqual(['image.create']);
  });

  it('an anonymous write answers 403 "Read-only access"', () => {
    expect(session.step(null, 'image.create', { image: {} })).toMatchObject({ status: 403, error: 'Read-only access' });
  });

  it('image.download of an image without data answers 204 and no body', () => {
    create();
    const outcome = session.step(ALICE, 'image.download', { image_id: IMAGE_ID });
    expect(outcome.status).toBe(204);
    expect(outcome).not.toHaveProperty('body');
    expect(outcome).not.toHaveProperty('error');
  });

  it('upload then download round-trips the bytes and sends image.send after the drain', () => {
    create();
    expect(session.step(ALICE, 'image.upload', { image_id: IMAGE_ID, data: 'hello' }).status).toBe(204);
    const seen = world.notifications.count;
    const outcome = session.step(ALICE, 'image.download', { image_id: IMAGE_ID });
    expect(outcome).toMatchObject({ status: 200, body: { data_b64: Buffer.from('hello').toString('base64') } });
    expect(world.notifications.since(seen).map((n) => n.event_type)).toEqual(['image.send']);
  });

  it('member.create answers 200, not 201', () => {
    session.step(ALICE, 'image.create', { image: { id: IMAGE_ID, visibility: 'shared' } });
    expect(session.step(ALICE, 'member.create', { image_id: IMAGE_ID, member_id: 'p-bob' }).status).toBe(200);
  });

  it('task.create without tasks_api_access answers a bare 403', () => {
    const outcome = session.step(ALICE, 'task.create', { task: { type: 'import', input: {} } });
    expect(outcome).toMatchObject({ status: 403, error: 'Access was denied to this resource.' });
  });

  it('image.index builds first/next links from the reconstructed query string', () => {
    create();
    const outcome = session.step(ALICE, 'image.index', { limit: 1, sort_key: ['name'], filters: { name: 'one' } });
    expect(outcome.body).toMatchObject({
      first: '/v2/images?limit=1&sort_key=name&name=one',
      next: `/v2/images?limit=1&sort_key=name&name=one&marker=${IMAGE_ID}`,
    });
  });
});

describe('queryOf', () => {
  it('orders limit, marker, sort keys, sort dirs, member_status, then filters (tags as repeated tag)', () => {
    const q = queryOf('image.index', {
      filters: { tags: ['a', 'b'], name: 'x' }, member_status: 'all', sort_dir: ['asc', 'desc'], sort_key: ['name', 'id'],
      marker: 'm', limit: 3,
    });
    expect(q).toEqual([
      ['limit', '3'], ['marker', 'm'], ['sort_key', 'name'], ['sort_key', 'id'], ['sort_dir', 'asc'], ['sort_dir', 'desc'],
      ['member_status', 'all'], ['tag', 'a'], ['tag', 'b'], ['name', 'x'],
    ]);
  });

  it('task.index takes single sort values and no member_status; other ops have no query', () => {
    expect(queryOf('task.index', { sort_key: 'id', sort_dir: 'asc' })).toEqual([['sort_key', 'id'], ['sort_dir', 'asc']]);
    expect(queryOf('image.show', { image_id: 'x' })).toEqual([]);
  });
});

describe('outcomeOfError', () => {
  it('a webob error gives its status and trace text', () => {
    expect(outcomeOfError(new HTTPNotFound({ explanation: 'gone' }))).toEqual({ status: 404, error: 'gone', errorClass: 'HTTPNotFound' });
  });

  it('a webob status below 400 carries no error', () => {
    expect(outcomeOfError(new HTTPNoContent())).toEqual({ status: 204, errorClass: 'HTTPNoContent' });
  });

  it('any other exception is a bare 500 naming the Python class', () => {
    expect(outcomeOfError(new NotFound())).toEqual({
      status: 500, error: 'The server has either erred or is incapable of performing the requested operation.', errorClass: 'NotFound',
    });
    expect(outcomeOfError(new RangeError('x')).errorClass).toBe('JS:RangeError');
  });
});
