// The legacy model's HTTP entry against the real Glance 16.0.0 on the
// plumbing this port owns (ContextMiddleware, wsgi.Router/Resource, the
// JSON (de)serializers): scenarios in fixtures/http, each trace recorded
// with the reference runner:
//   /usr/bin/python3 ../shared/oracle/run.py NAME.scenario.json > NAME.trace.json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyModel } from '../../src/legacy/model.js';
import { isPyDict, pyJsonLoads, type PyJson } from '../../src/lib/pyjson.js';
import { runHttpScenario } from '../../src/shared/http-runner.js';
import { validateHttpScenario } from '../../src/shared/http-scenario.js';
import { describeDifference, firstDifference } from '../../src/shared/trace-diff.js';

const DIR = join(import.meta.dirname, 'fixtures/http');
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.scenario.json'))
  .map((f) => f.replace(/\.scenario\.json$/, ''));

describe('the legacy HTTP plumbing against traces of the real Glance', () => {
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
