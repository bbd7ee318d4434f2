// The legacy model's metadef API over HTTP against the real Glance 16.0.0,
// on the doubts the port had to settle beyond the recorded examples
// (examples/http/3NN-*): oslo.db paging by a boolean sort key with a
// marker, SQLite's natural order of objects after deletes, WSME coercions
// and a non-ASCII default, writes into loaded definitions. Each trace in
// fixtures/metadef-http was recorded with the reference runner:
//   /usr/bin/python3 ../shared/oracle/run.py NAME.scenario.json > NAME.trace.json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyModel } from '../../../src/legacy/model.js';
import { isPyDict, pyJsonLoads, type PyJson } from '../../../src/lib/pyjson.js';
import { runHttpScenario } from '../../../src/shared/http-runner.js';
import { validateHttpScenario } from '../../../src/shared/http-scenario.js';
import { describeDifference, firstDifference } from '../../../src/shared/trace-diff.js';

const DIR = join(import.meta.dirname, 'fixtures/metadef-http');
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.scenario.json'))
  .map((f) => f.replace(/\.scenario\.json$/, ''));

describe('the legacy metadef API against traces of the real Glance', () => {
  it.each(NAMES)('%s replays identically', (name) => {
    const text = readFileSync(join(DIR, `${name}.scenario.json`), 'utf8');
    const scenario = validateHttpScenario(pyJsonLoads(text), name);
    const recorded = pyJsonLoads(readFileSync(join(DIR, `${name}.trace.json`), 'utf8'));
    const { trace } = runHttpScenario(scenario, text, legacyModel, { file: name });
    const expected = isPyDict(recorded) ? (recorded.get('steps') as PyJson[]) : [];
    const d = firstDifference({ steps: expected }, { steps: trace.get('steps') as PyJson[] });
    expect(d === null ? null : describeDifference(d)).toBeNull();
    expect(expected.length).toBeGreaterThan(0);
  });
});
