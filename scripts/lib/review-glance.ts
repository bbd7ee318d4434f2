/**
 * How many of Glance's own test cases each layer has ported or explained,
 * at the base and now, file by file: the review fails when a layer's count
 * drops. A test file counts toward the layer whose Glance tests it ports
 * (LAYER_GLANCE_TESTS); the v2 resource tests toward the use cases, once in
 * test/legacy and once at the use-case level on both models; Glance tests
 * outside scripts/glance-tests.ts's inventory (the functional db tests, the
 * wsgi tests, ...) by their `it('test_...')` titles and `// not ported:` lines.
 */
import { GLANCE_TEST_FILES, portedFileFor, portStatus, type Inventory } from './glance-tests.js';
import { LAYER_GLANCE_TESTS, USE_CASE_GLANCE_TESTS } from './layer-map.js';

export const USE_CASES = 'use cases (v2 controllers)';
export const USE_CASES_BOTH = 'use cases on both models (test/usecases)';
export const OTHER = 'other ported Glance tests';

/** The ported or explained Glance cases one test file holds. */
export interface PortedFile {
  readonly file: string;
  readonly group: string;
  /** Whether the checkout has the file (an inventoried file is listed either way). */
  readonly exists: boolean;
  /** `Class.test_name`, once per case (a name twice when two cases share it). */
  readonly cases: readonly string[];
}

export interface GroupDrop {
  readonly group: string;
  readonly base: number;
  readonly now: number;
  /** The files whose count dropped, with the cases they lost. */
  readonly files: ReadonlyArray<{ readonly file: string; readonly base: number; readonly now: number; readonly deleted: boolean; readonly lost: readonly string[] }>;
}

const useCaseFileFor = (glanceFile: string) => `test/usecases/${glanceFile.replace(/^v2\//, '').replace(/\.py$/, '.test.ts')}`;

function groupOfGlanceFile(glanceFile: string): string {
  for (const [layer, files] of Object.entries(LAYER_GLANCE_TESTS)) if (files.includes(glanceFile)) return layer;
  return USE_CASE_GLANCE_TESTS.includes(glanceFile) ? USE_CASES : OTHER;
}

function groupOfOtherFile(file: string): string {
  if (file.startsWith('test/legacy/db/')) return 'db';
  if (file.startsWith('test/legacy/v2/')) return USE_CASES;
  return OTHER;
}

/** Cases of a file outside the inventory: its `it('test_...')` titles under their describe, and `// not ported:` lines. */
export function titledCases(source: string): string[] {
  const cases: string[] = [];
  let current = '';
  for (const m of source.matchAll(/\b(describe|it)\(\s*['"`](\w+)/g)) {
    const [, kind, title = ''] = m;
    if (kind === 'describe') current = title;
    else if (title.startsWith('test_')) cases.push(`${current}.${title}`);
  }
  for (const m of source.matchAll(/^\/\/ not ported: (\w+)\.(test_\w+)/gm)) cases.push(`${m[1]}.${m[2]}`);
  return cases;
}

/**
 * Every test file that ports Glance cases, from a checkout's sources
 * (path -> text, for the files under test/legacy and test/usecases).
 */
export function portedFiles(sources: ReadonlyMap<string, string>, inventory: Inventory): PortedFile[] {
  const out: PortedFile[] = [];
  const inventoried = new Set<string>();
  for (const glanceFile of GLANCE_TEST_FILES) {
    const cases = inventory[glanceFile] ?? [];
    const places: Array<[string, string]> = [[portedFileFor(glanceFile), groupOfGlanceFile(glanceFile)]];
    if (USE_CASE_GLANCE_TESTS.includes(glanceFile)) places.push([useCaseFileFor(glanceFile), USE_CASES_BOTH]);
    for (const [file, group] of places) {
      inventoried.add(file);
      const status = portStatus(glanceFile, cases, sources.get(file) ?? null);
      out.push({ file, group, exists: sources.has(file), cases: [...status.ported, ...status.notPorted.map((n) => n.name)] });
    }
  }
  for (const [file, source] of sources) {
    if (inventoried.has(file) || !file.startsWith('test/legacy/') || !file.endsWith('.test.ts')) continue;
    const cases = titledCases(source);
    if (cases.length) out.push({ file, group: groupOfOtherFile(file), exists: true, cases });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** Cases in `base` that `now` has fewer of, by name (as a multiset). */
function lostCases(base: readonly string[], now: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const c of now) left.set(c, (left.get(c) ?? 0) + 1);
  const lost: string[] = [];
  for (const c of base) {
    const n = left.get(c) ?? 0;
    if (n > 0) left.set(c, n - 1);
    else lost.push(c);
  }
  return lost;
}

/** The groups whose count of ported or explained cases is lower now than at the base. */
export function groupDrops(base: readonly PortedFile[], now: readonly PortedFile[]): GroupDrop[] {
  const total = (files: readonly PortedFile[], group: string) => files.filter((f) => f.group === group).reduce((a, f) => a + f.cases.length, 0);
  const groups = [...new Set(base.map((f) => f.group))];
  const drops: GroupDrop[] = [];
  for (const group of groups) {
    const [b, n] = [total(base, group), total(now, group)];
    if (n >= b) continue;
    const files = base
      .filter((f) => f.group === group)
      .map((f) => {
        const current = now.find((x) => x.file === f.file);
        const nowCases = current?.cases ?? [];
        return { file: f.file, base: f.cases.length, now: nowCases.length, deleted: !(current?.exists ?? false), lost: lostCases(f.cases, nowCases) };
      })
      .filter((f) => f.now < f.base);
    drops.push({ group, base: b, now: n, files });
  }
  return drops;
}
