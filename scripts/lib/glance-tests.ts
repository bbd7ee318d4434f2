/** The Glance 16.0.0 unit tests glance-peel ports, and how far the port got (`scripts/glance-tests.ts` is the entry). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GLANCE_TEST_FILES = [
  'test_domain.py', 'test_domain_proxy.py', 'test_context.py', 'test_db.py',
  'test_store_image.py', 'test_store_location.py', 'test_quota.py', 'test_policy.py',
  'test_notifier.py', 'test_auth.py', 'test_schema.py', 'api/test_property_protections.py',
  'common/test_property_utils.py', 'v2/test_images_resource.py',
  'v2/test_image_data_resource.py', 'v2/test_image_actions_resource.py',
  'v2/test_image_tags_resource.py', 'v2/test_image_members_resource.py',
  'v2/test_tasks_resource.py',
  'common/test_wsgi.py', 'test_context_middleware.py', 'v2/test_schemas_resource.py',
  'v2/test_discovery_image_import.py',
  'test_db_metadef.py', 'v2/test_metadef_resources.py', 'functional/db/base_metadef.py',
] as const;

/** A file's path in Glance: under glance/tests/unit, or glance/tests for a 'functional/' one. */
export function glancePath(glanceFile: string): string {
  return glanceFile.startsWith('functional/') ? `glance/tests/${glanceFile}` : `glance/tests/unit/${glanceFile}`;
}

/** Ported files not at the path the Glance file's name gives. */
const PORTED_FILE_OVERRIDES: Readonly<Record<string, string>> = {
  'functional/db/base_metadef.py': 'test/legacy/db/metadef_base.test.ts',
};

/** v2 test files of HTTP documents, with no use case to port them to again. */
// The metadef resources have no use-case port yet: the flat model serves them (src/domain/metadefs), and generated
// metadef scenarios and the 3xx examples compare both models, but Glance's 167 cases are ported on legacy only.
const NOT_AT_USE_CASE_LEVEL: ReadonlySet<string> = new Set(['v2/test_schemas_resource.py', 'v2/test_discovery_image_import.py', 'v2/test_metadef_resources.py']);

const ROOT = join(import.meta.dirname, '../..');
export const INVENTORY = join(ROOT, 'test/legacy/glance-test-inventory.json');
export type Inventory = Record<string, string[]>;

/** `Class.test_method` for every test method Glance defines in a file. */
export function glanceCases(python: string): string[] {
  const cases: string[] = [];
  let cls = '';
  for (const line of python.split('\n')) {
    const c = /^class (\w+)/.exec(line);
    if (c) cls = c[1] ?? '';
    const t = /^ {4}def (test_\w+)\(/.exec(line);
    if (t && cls) cases.push(`${cls}.${t[1]}`);
  }
  return cases;
}

export function portedFileFor(glanceFile: string): string {
  const override = PORTED_FILE_OVERRIDES[glanceFile];
  if (override !== undefined) return override;
  return join('test/legacy', glanceFile.replace(/\.py$/, '.test.ts'));
}

export interface PortStatus {
  readonly file: string;
  readonly cases: number;
  readonly ported: string[];
  readonly notPorted: Array<{ name: string; reason: string }>;
  readonly missing: string[];
  readonly unknown: string[];
}

/**
 * Matches the ported file's `it('test_x...` titles and `// not ported:`
 * lines to the inventory. An `it` belongs to the nearest `describe('Class'`
 * above it whose title is a Glance test class of that file, since several
 * Glance classes reuse method names.
 */
export function portStatus(glanceFile: string, cases: string[], source: string | null): PortStatus {
  const classes = new Set(cases.map((c) => c.split('.')[0] ?? ''));
  const its = new Set<string>();
  const notPorted = new Map<string, string>();
  if (source !== null) {
    let current = '';
    for (const m of source.matchAll(/\b(describe|it)\(\s*['"`](\w+)/g)) {
      const [, kind, title] = m;
      if (kind === 'describe' && title !== undefined && classes.has(title)) current = title;
      if (kind === 'it' && title?.startsWith('test_')) its.add(`${current}.${title}`);
    }
    for (const m of source.matchAll(/^\/\/ not ported: (\w+)\.(test_\w+)\s*[-\u2014:]\s*(.+)$/gm)) notPorted.set(`${m[1]}.${m[2]}`, m[3] ?? '');
  }
  const ported: string[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  const missing: string[] = [];
  for (const c of cases) {
    if (notPorted.has(c)) skipped.push({ name: c, reason: notPorted.get(c) ?? '' });
    else if (its.has(c)) ported.push(c);
    else missing.push(c);
  }
  const known = new Set(cases);
  const unknown = [...its].filter((m) => !known.has(m));
  return { file: glanceFile, cases: cases.length, ported, notPorted: skipped, missing, unknown };
}

export function loadInventory(): Inventory {
  return JSON.parse(readFileSync(INVENTORY, 'utf8')) as Inventory;
}

export function allStatuses(locate: (glanceFile: string) => string = portedFileFor): PortStatus[] {
  const inventory = loadInventory();
  return GLANCE_TEST_FILES.map((f) => {
    const path = join(ROOT, locate(f));
    return portStatus(f, inventory[f] ?? [], existsSync(path) ? readFileSync(path, 'utf8') : null);
  });
}

/** The v2 resource tests ported a second time at the use-case level, run on both models. */
export function useCaseStatuses(): PortStatus[] {
  return allStatuses((f) => join('test/usecases', f.replace(/^v2\//, '').replace(/\.py$/, '.test.ts'))).filter((s) => s.file.startsWith('v2/') && !NOT_AT_USE_CASE_LEVEL.has(s.file));
}

export function markdownTable(statuses: PortStatus[], useCases: PortStatus[] = []): string {
  const both = new Map(useCases.map((u) => [u.file, u.ported.length]));
  const rows = statuses.map((s) => `| ${glancePath(s.file)} | ${s.cases} | ${s.ported.length} | ${s.notPorted.length} | ${s.missing.length} | ${s.missing.length === 0 ? 'yes' : 'no'} | ${both.has(s.file) ? both.get(s.file) : '-'} |`);
  const sum = (f: (s: PortStatus) => number) => statuses.reduce((a, s) => a + f(s), 0);
  const total = [sum((s) => s.cases), sum((s) => s.ported.length), sum((s) => s.notPorted.length), sum((s) => s.missing.length)];
  return [
    '| Glance test file | cases | ported (test/legacy) | not ported (reason in the file) | not yet looked at | accounted for | also at use-case level, both models (test/usecases) |',
    '|---|---:|---:|---:|---:|---|---:|',
    ...rows,
    `| **total** | ${total.join(' | ')} | | ${useCases.reduce((a, u) => a + u.ported.length, 0)} |`,
  ].join('\n');
}

export function replaceBetweenMarkers(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`markers ${start} ... ${end} not found`);
  return text.slice(0, i + start.length) + '\n' + body + '\n' + text.slice(j);
}
