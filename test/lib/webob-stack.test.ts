// The webob and Routes ports under Glance's own HTTP code, end to end:
// __fixtures__/webob-stack-N.scenario.json are format-2 scenarios aimed at
// the libraries' quirks (invalid UTF-8 and non-latin-1 query text, latin-1
// route values, the _method override, invalid Accept headers, HEAD, 501,
// a trailing newline, Location, Content-MD5, Range, form bodies in params,
// multipart forms);
// webob-stack-N.trace.json are the traces the reference runner recorded for
// them from the real Glance 16.0.0 (`/usr/bin/python3
// ../shared/oracle/run.py webob-stack-N.scenario.json`). The legacy model
// must answer each step exactly so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyJsonLoads } from '../../src/lib/pyjson.js';
import { runHttpScenario } from '../../src/shared/http-runner.js';
import { validateHttpScenario } from '../../src/shared/http-scenario.js';
import { httpTraceText } from '../../src/shared/http-trace.js';
import { loadModel } from '../../src/shared/models.js';

const FIXTURES = join(import.meta.dirname, '__fixtures__');

describe('webob and Routes quirks through the legacy model, as the real Glance answers them', () => {
  for (const n of [1, 2, 3]) {
    it(`webob-stack-${n}: every step as recorded from Glance 16.0.0`, async () => {
      const file = join(FIXTURES, `webob-stack-${n}.scenario.json`);
      const text = readFileSync(file, 'utf8');
      const scenario = validateHttpScenario(pyJsonLoads(text), file);
      const { trace } = runHttpScenario(scenario, text, await loadModel('legacy'), { file });
      const recorded = pyJsonLoads(readFileSync(join(FIXTURES, `webob-stack-${n}.trace.json`), 'utf8'));
      expect(httpTraceText(trace), `reproduce: npx tsx src/cli.ts replay --model legacy ${file}`).toBe(httpTraceText(recorded));
    });
  }
});
