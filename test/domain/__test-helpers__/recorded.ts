/**
 * Answers recorded from Glance 16.0.0 by the reference runner
 * (/work/shared/oracle/run.py), read from a format-2 trace: an example of
 * examples/http/ named by its number, or a fixture beside the tests
 * (test/domain/compat/fixtures/, each recorded with
 * `/usr/bin/python3 /work/shared/oracle/run.py X.scenario.json > X.trace.json`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RecordedStep {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
}

function tracePath(source: number | string): string {
  if (typeof source === 'string') return `${ROOT}test/domain/compat/fixtures/${source}.trace.json`;
  const name = readdirSync(`${ROOT}examples/http`).find((f) => f.startsWith(`${source}-`) && f.endsWith('.trace.json'));
  if (name === undefined) throw new Error(`no recorded example ${source}`);
  return `${ROOT}examples/http/${name}`;
}

/** Step `step` (from 0) of a recorded example (by number) or fixture (by name). */
export function recorded(source: number | string, step: number): RecordedStep {
  const trace = JSON.parse(readFileSync(tracePath(source), 'utf8')) as { steps: RecordedStep[] };
  const found = trace.steps[step];
  if (found === undefined) throw new Error(`no step ${step} in ${source}`);
  return found;
}

/** The explanation of a recorded error page ("<status line>\n\n<explanation>\n\n   "). */
export function recordedExplanation(source: number | string, step: number): string {
  const text = recorded(source, step).text;
  if (text === undefined) throw new Error(`step ${step} of ${source} is no error page`);
  return text.split('\n\n')[1] ?? '';
}
