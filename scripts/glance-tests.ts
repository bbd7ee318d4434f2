/**
 * The Glance 16.0.0 unit tests glance-peel ports, and how far the port got.
 *
 * The inventory of Glance's test cases (class and method names only) is
 * committed in test/legacy/glance-test-inventory.json, so this runs on a
 * fresh clone; `--refresh` rebuilds it from a Glance 16.0.0 export
 * ($GLANCE_SRC, default /tmp/glance-16).
 *
 *   npx tsx scripts/glance-tests.ts            # table on stdout
 *   npx tsx scripts/glance-tests.ts --write    # also rewrites the table in ROADMAP.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allStatuses, glanceCases, glancePath, GLANCE_TEST_FILES, INVENTORY, markdownTable, replaceBetweenMarkers, useCaseStatuses, type Inventory,
} from './lib/glance-tests.js';

const ROOT = join(import.meta.dirname, '..');

function refresh(): void {
  const src = process.env.GLANCE_SRC ?? '/tmp/glance-16';
  const inventory: Inventory = {};
  for (const f of GLANCE_TEST_FILES) inventory[f] = glanceCases(readFileSync(join(src, glancePath(f)), 'utf8'));
  writeFileSync(INVENTORY, JSON.stringify(inventory, null, 1) + '\n');
}

if (process.argv.includes('--refresh')) refresh();
const table = markdownTable(allStatuses(), useCaseStatuses());
process.stdout.write(table + '\n');
if (process.argv.includes('--write')) {
  const roadmap = join(ROOT, 'ROADMAP.md');
  writeFileSync(roadmap, replaceBetweenMarkers(readFileSync(roadmap, 'utf8'), 'ported-tests', table));
}
