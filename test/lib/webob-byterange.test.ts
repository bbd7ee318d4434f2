// webob.byterange against webob 1.8.6. __fixtures__/webob-byterange.json was
// recorded with /usr/bin/python3 (Debian 12's python3-webob): Range.parse of
// odd header values with range_for_length / content_range for a 10-byte body,
// and ContentRange.parse; errors are [exception class, str(e)].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/lib/python.js';
import { ContentRange, Range } from '../../src/lib/webob/byterange.js';

type Result = { ok: unknown } | { error: [string, string] };
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-byterange.json'), 'utf8')) as {
  range: Array<[string, Result]>;
  content_range: Array<[string, Result]>;
};

function attempt(f: () => unknown): Result {
  try {
    return { ok: f() ?? null };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

describe('Range.parse as webob reads the Range header', () => {
  for (const [value, expected] of fixture.range) {
    it(JSON.stringify(value), () => {
      const got = attempt(() => {
        const r = Range.parse(value);
        if (r === null) return null;
        return {
          start: r.start,
          end: r.end,
          str: r.toString(),
          for10: attempt(() => r.range_for_length(10)),
          cr10: attempt(() => r.content_range(10)?.toString() ?? null),
          forNone: attempt(() => r.range_for_length(null)),
        };
      });
      expect(got).toEqual(expected);
    });
  }
});

describe('ContentRange.parse', () => {
  for (const [value, expected] of fixture.content_range) {
    it(JSON.stringify(value), () => {
      const got = attempt(() => {
        const r = ContentRange.parse(value);
        return r === null ? null : { start: r.start, stop: r.stop, length: r.length, str: r.toString() };
      });
      expect(got).toEqual(expected);
    });
  }
});
