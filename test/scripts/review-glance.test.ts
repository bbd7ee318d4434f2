/**
 * The review's count of ported or explained Glance test cases per layer:
 * a drop names the layer, the file and the cases lost; cases moved within
 * a layer or turned into explained ones are not a drop.
 */
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../scripts/lib/glance-tests.js';
import { groupDrops, OTHER, portedFiles, titledCases, USE_CASES, USE_CASES_BOTH } from '../../scripts/lib/review-glance.js';

const inventory: Inventory = {
  'test_quota.py': ['TestImageQuota.test_quota_allowed', 'TestImageQuota.test_quota_exceeded', 'TestImageTagQuota.test_add_tag'],
  'test_policy.py': ['TestPolicyEnforcer.test_policy_file'],
  'v2/test_image_tags_resource.py': ['TestImageTagsController.test_create_tag'],
};

const quota = [
  "describe('TestImageQuota', () => {",
  "  it('test_quota_allowed', () => {});",
  "  it('test_quota_exceeded', () => {});",
  '});',
  "describe('TestImageTagQuota', () => {",
  "  it('test_add_tag', () => {});",
  '});',
].join('\n');

const sources = (entries: Record<string, string>) => new Map(Object.entries(entries));
const countOf = (files: ReturnType<typeof portedFiles>, file: string) => files.find((f) => f.file === file)?.cases.length;

describe('ported Glance cases per file and layer', () => {
  it('counts an inventoried file toward the layer its Glance tests characterize', () => {
    const files = portedFiles(sources({ 'test/legacy/test_quota.test.ts': quota }), inventory);
    expect(files.find((f) => f.file === 'test/legacy/test_quota.test.ts')).toEqual({
      file: 'test/legacy/test_quota.test.ts', group: 'quota', exists: true,
      cases: ['TestImageQuota.test_quota_allowed', 'TestImageQuota.test_quota_exceeded', 'TestImageTagQuota.test_add_tag'],
    });
    expect(files.find((f) => f.file === 'test/legacy/test_policy.test.ts')).toMatchObject({ group: 'policy', exists: false, cases: [] });
  });

  it('counts the v2 resource tests twice: in test/legacy and at the use-case level on both models', () => {
    const tags = "describe('TestImageTagsController', () => { it('test_create_tag', () => {}); });";
    const files = portedFiles(sources({ 'test/legacy/v2/test_image_tags_resource.test.ts': tags, 'test/usecases/test_image_tags_resource.test.ts': tags }), inventory);
    expect(files.find((f) => f.file === 'test/legacy/v2/test_image_tags_resource.test.ts')).toMatchObject({ group: USE_CASES, cases: ['TestImageTagsController.test_create_tag'] });
    expect(files.find((f) => f.file === 'test/usecases/test_image_tags_resource.test.ts')).toMatchObject({ group: USE_CASES_BOTH, cases: ['TestImageTagsController.test_create_tag'] });
  });

  it('counts files outside the inventory by their test_ titles and not-ported lines', () => {
    const source = "// not ported: DBPurgeTests.test_db_purge - purge is not part of the port\ndescribe('DriverTests', () => {\n  it('test_image_create', () => {});\n  it('helper behaviour', () => {});\n});";
    expect(titledCases(source)).toEqual(['DriverTests.test_image_create', 'DBPurgeTests.test_db_purge']);
    const files = portedFiles(sources({ 'test/legacy/db/functional_base.test.ts': source, 'test/legacy/common/helpers.test.ts': "it('formats', () => {});" }), inventory);
    expect(files.find((f) => f.file === 'test/legacy/db/functional_base.test.ts')).toMatchObject({ group: 'db', cases: ['DriverTests.test_image_create', 'DBPurgeTests.test_db_purge'] });
    expect(files.some((f) => f.file === 'test/legacy/common/helpers.test.ts')).toBe(false);
    expect(portedFiles(sources({ 'test/legacy/common/test_wsgi.test.ts': "describe('X', () => { it('test_a', () => {}); });" }), inventory).find((f) => f.file === 'test/legacy/common/test_wsgi.test.ts')?.group).toBe(OTHER);
  });
});

describe('drops', () => {
  const base = portedFiles(sources({ 'test/legacy/test_quota.test.ts': quota }), inventory);

  it('a deleted file is a drop of its layer, naming the file and the cases lost', () => {
    const now = portedFiles(sources({}), inventory);
    expect(groupDrops(base, now)).toEqual([
      {
        group: 'quota', base: 3, now: 0,
        files: [{ file: 'test/legacy/test_quota.test.ts', base: 3, now: 0, deleted: true, lost: ['TestImageQuota.test_quota_allowed', 'TestImageQuota.test_quota_exceeded', 'TestImageTagQuota.test_add_tag'] }],
      },
    ]);
  });

  it('a case removed from a file is a drop naming that case', () => {
    const now = portedFiles(sources({ 'test/legacy/test_quota.test.ts': quota.replace("  it('test_quota_exceeded', () => {});\n", '') }), inventory);
    expect(groupDrops(base, now)).toEqual([
      { group: 'quota', base: 3, now: 2, files: [{ file: 'test/legacy/test_quota.test.ts', base: 3, now: 2, deleted: false, lost: ['TestImageQuota.test_quota_exceeded'] }] },
    ]);
    expect(countOf(now, 'test/legacy/test_quota.test.ts')).toBe(2);
  });

  it('a case turned into an explained one is not a drop', () => {
    const explained = `// not ported: TestImageQuota.test_quota_exceeded - the port has no quota driver\n${quota.replace("  it('test_quota_exceeded', () => {});\n", '')}`;
    expect(groupDrops(base, portedFiles(sources({ 'test/legacy/test_quota.test.ts': explained }), inventory))).toEqual([]);
  });

  it('cases moved between files of one layer are not a drop', () => {
    const db = (titles: string[]) => `describe('DriverTests', () => {\n${titles.map((t) => `  it('${t}', () => {});`).join('\n')}\n});`;
    const before = portedFiles(sources({ 'test/legacy/db/a.test.ts': db(['test_x', 'test_y']) }), inventory);
    const after = portedFiles(sources({ 'test/legacy/db/a.test.ts': db(['test_x']), 'test/legacy/db/b.test.ts': db(['test_y']) }), inventory);
    expect(groupDrops(before, after)).toEqual([]);
    expect(groupDrops(after, portedFiles(sources({ 'test/legacy/db/a.test.ts': db(['test_x']) }), inventory))).toEqual([
      { group: 'db', base: 2, now: 1, files: [{ file: 'test/legacy/db/b.test.ts', base: 1, now: 0, deleted: true, lost: ['DriverTests.test_y'] }] },
    ]);
  });
});
