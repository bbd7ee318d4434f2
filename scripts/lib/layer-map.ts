/**
 * Which ops each layer takes part in, which Glance test files characterize
 * it, and which layers and ops a changed file concerns. The roadmap uses
 * the first two to judge a layer; the review uses all three to aim its
 * extra equivalence runs at what a change touched.
 */
import { LAYERS, layerOfFile, type LayerName } from '../../src/legacy/layers.js';
import { OPS, type OpName } from '../../src/shared/world.js';

const IMAGE_OPS = OPS.filter((op) => op.startsWith('image.'));
const MEMBER_OPS = OPS.filter((op) => op.startsWith('member.'));
const TAG_OPS = OPS.filter((op) => op.startsWith('tag.'));
const TASK_OPS = OPS.filter((op) => op.startsWith('task.'));

/**
 * The ops whose answer a layer can decide, from the gateway's wrapping
 * (legacy-map.md §1) and what each proxy overrides.
 */
export const LAYER_OPS: Record<LayerName, readonly OpName[]> = {
  authorization: OPS,
  'property protections': ['image.create', 'image.show', 'image.index', 'image.update'],
  notifier: ['image.create', 'image.update', 'image.delete', 'image.upload', 'image.download', 'image.deactivate', 'image.reactivate', ...TAG_OPS, 'member.create', 'member.update', 'member.delete', 'task.create'],
  policy: OPS,
  quota: ['image.create', 'image.update', 'image.upload', 'tag.update', 'member.create'],
  location: ['image.create', 'image.show', 'image.index', 'image.update', 'image.delete', 'image.upload', 'image.download', 'member.create', 'member.delete'],
  db: OPS,
  'domain core': OPS,
};

/** Glance 16.0.0 unit test files (scripts/glance-tests.ts names) that characterize each layer. */
export const LAYER_GLANCE_TESTS: Record<LayerName, readonly string[]> = {
  authorization: ['test_auth.py'],
  'property protections': ['api/test_property_protections.py', 'common/test_property_utils.py'],
  notifier: ['test_notifier.py'],
  policy: ['test_policy.py'],
  quota: ['test_quota.py'],
  location: ['test_store_image.py', 'test_store_location.py'],
  db: ['test_db.py', 'test_db_metadef.py', 'functional/db/base_metadef.py'],
  'domain core': ['test_domain.py', 'test_domain_proxy.py', 'test_context.py'],
};

/** The Glance tests of the HTTP plumbing in front of the onion (HTTP_PLUMBING in src/legacy/layers.ts). */
export const HTTP_PLUMBING_GLANCE_TESTS: readonly string[] = [
  'common/test_wsgi.py', 'test_context_middleware.py', 'v2/test_schemas_resource.py', 'v2/test_discovery_image_import.py',
];

/**
 * What the plumbing decides: every request goes through it, so every op,
 * the routes format 1 has no op for, and the refusals before any route
 * (as scripts/coverage-equivalence-run.ts names them).
 */
export const HTTP_PLUMBING_OPS: readonly string[] = [
  ...OPS, 'images.import', 'data.stage', 'tasks.delete', 'schemas.document', 'info.import', 'no route', 'method not allowed',
];

/** The controller (use case) tests; they concern every layer at once. */
export const USE_CASE_GLANCE_TESTS: readonly string[] = [
  'v2/test_images_resource.py', 'v2/test_image_data_resource.py', 'v2/test_image_actions_resource.py',
  'v2/test_image_tags_resource.py', 'v2/test_image_members_resource.py', 'v2/test_tasks_resource.py',
  'v2/test_metadef_resources.py',
];

/**
 * The Glance tests that characterize each layer's metadef classes: the db
 * repos and db api have their own (test_db_metadef.py, the functional
 * base_metadef.py); Glance tests the metadef authorization, notifier,
 * policy and domain proxies only through the controllers
 * (v2/test_metadef_resources.py: visibility, policy denials,
 * notifications, protected deletes).
 */
export const METADEF_GLANCE_TESTS: Partial<Record<LayerName, readonly string[]>> = {
  authorization: ['v2/test_metadef_resources.py'],
  notifier: ['v2/test_metadef_resources.py'],
  policy: ['v2/test_metadef_resources.py'],
  db: ['test_db_metadef.py', 'functional/db/base_metadef.py'],
  'domain core': ['v2/test_metadef_resources.py'],
};

/** Ops of files outside the layer table: controllers and the flat model, by name. */
const FILE_OPS: ReadonlyArray<readonly [RegExp, readonly OpName[]]> = [
  [/src\/legacy\/api\/v2\/images\.ts$/, ['image.create', 'image.show', 'image.index', 'image.update', 'image.delete']],
  [/src\/legacy\/api\/v2\/image-data\.ts$/, ['image.upload', 'image.download']],
  [/src\/legacy\/api\/v2\/image-actions\.ts$/, ['image.deactivate', 'image.reactivate']],
  [/src\/legacy\/api\/v2\/image-tags\.ts$/, TAG_OPS],
  [/src\/legacy\/api\/v2\/image-members\.ts$/, MEMBER_OPS],
  [/src\/legacy\/api\/v2\/tasks\.ts$/, TASK_OPS],
  [/src\/domain\/images\/data\.ts$/, ['image.upload', 'image.download']],
  [/src\/domain\/images\/tags\.ts$/, TAG_OPS],
  [/src\/domain\/images\/lifecycle\.ts$/, ['image.delete', 'image.deactivate', 'image.reactivate']],
  [/src\/domain\/images\/listing\.ts$/, ['image.index']],
  [/src\/domain\/images\/locations\.ts$/, ['image.update', 'image.show', 'image.index', 'image.download']],
  [/src\/domain\/images\//, IMAGE_OPS],
  [/src\/domain\/members\//, MEMBER_OPS],
  [/src\/domain\/tasks\//, TASK_OPS],
];

/** Files that every op goes through: a change there concerns them all. */
const EVERY_OP = /^src\/(shared|lib|domain\/(rules|model|context|actor|errors|notify|links|paging))|^src\/legacy\/(gateway|model|context|exception|webob|utils|api-common)/;

export interface TouchedArea {
  readonly layers: readonly LayerName[];
  readonly ops: readonly OpName[];
  /** Touched files that change what a model does (sources, generators, ledger). */
  readonly behavioural: readonly string[];
}

export function touchedArea(files: readonly string[]): TouchedArea {
  const layers = new Set<LayerName>();
  const ops = new Set<OpName>();
  const behavioural: string[] = [];
  for (const file of files) {
    const layer = layerOfFile(file);
    if (layer) {
      layers.add(layer);
      LAYER_OPS[layer].forEach((op) => ops.add(op));
    }
    const named = FILE_OPS.find(([re]) => re.test(file));
    named?.[1].forEach((op) => ops.add(op));
    if (!layer && !named && EVERY_OP.test(file)) OPS.forEach((op) => ops.add(op));
    if (/^src\//.test(file) || file === 'divergence-ledger.json' || file.startsWith('test/characterization/')) behavioural.push(file);
  }
  return { layers: LAYERS.map((l) => l.name).filter((n) => layers.has(n)), ops: OPS.filter((op) => ops.has(op)), behavioural };
}
