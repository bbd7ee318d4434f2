/**
 * ISO 8601 parsing against Python: test/lib/__fixtures__/iso8601-cases.json
 * was recorded with Debian 12's /usr/bin/python3 and its iso8601 package
 * (iso8601.parse_date, then astimezone(UTC) without tzinfo, printed with
 * microseconds; ParseError and OverflowError named), the calls Glance's
 * timeutils.parse_isotime and normalize_time make.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeTime, parseIsotime } from '../../src/lib/iso8601.js';
import { OverflowError, ValueError } from '../../src/lib/python.js';

interface Case {
  readonly text: string;
  readonly utc?: string;
  readonly error?: 'ParseError' | 'OverflowError';
}

const CASES = JSON.parse(readFileSync(new URL('./__fixtures__/iso8601-cases.json', import.meta.url), 'utf8')) as Case[];

function pythonView(text: string): Omit<Case, 'text'> {
  let parsed;
  try {
    parsed = parseIsotime(text);
  } catch (e) {
    if (e instanceof ValueError) return { error: 'ParseError' };
    throw e;
  }
  try {
    const { at, micro } = normalizeTime(parsed);
    const stamp = at.toISOString().replace('T', ' ').slice(0, 19);
    return { utc: `${stamp}.${String(micro).padStart(6, '0')}` };
  } catch (e) {
    if (e instanceof OverflowError) return { error: 'OverflowError' };
    throw e;
  }
}

describe('ISO 8601 as iso8601.parse_date and normalize_time read it', () => {
  it.each(CASES.map((c) => [c.text, c] as const))('%s', (text, expected) => {
    const { text: _t, ...want } = expected;
    expect(pythonView(text)).toEqual(want);
  });
});
