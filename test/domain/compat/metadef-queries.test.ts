import { describe, expect, it } from 'vitest';
import { namespaceListLimit, tagListParam } from '../../../src/domain/compat/metadef-queries.js';
import { ValueError } from '../../../src/lib/python.js';
import { settings } from '../__test-helpers__/actors.js';
import { raised } from '../__test-helpers__/failures.js';
import { recorded } from '../__test-helpers__/recorded.js';

const deployment = settings();

describe("the catalog listings' queries (ledger #60)", () => {
  it('quirk #60: the namespace listing runs int(limit) before validating it, so text escapes as ValueError', () => {
    // Fixture metadef-quirks step 7 (limit=), step 8 (limit=x with a bad sort_dir too); example 337 step 11 (limit=1.5): all 500.
    for (const [source, step] of [['metadef-quirks', 7], ['metadef-quirks', 8], [337, 11]] as const) expect(recorded(source, step).status).toBe(500);
    const e = raised(() => namespaceListLimit('', deployment));
    expect(e).toBeInstanceOf(ValueError);
    expect((e as ValueError).message).toBe("invalid literal for int() with base 10: ''");
    expect(raised(() => namespaceListLimit('x', deployment))).toBeInstanceOf(ValueError);
    expect(raised(() => namespaceListLimit('1.5', deployment))).toBeInstanceOf(ValueError);
  });

  it('reads the namespace limit as an int capped at api_limit_max, limit_param_default when not given', () => {
    expect(namespaceListLimit('5', deployment)).toBe(5);
    expect(namespaceListLimit('-1', deployment)).toBe(-1);
    expect(namespaceListLimit(null, deployment)).toBe(deployment.limit_param_default);
    expect(namespaceListLimit('5000', deployment)).toBe(deployment.api_limit_max);
  });

  it('quirk #60: the tag listing ignores an empty marker or limit, and takes "0" as given', () => {
    // Fixture metadef-quirks step 5 (limit=&marker=: every tag), step 6 (limit=0: an empty page).
    expect(recorded('metadef-quirks', 5).json).toEqual({ tags: [{ name: 'a' }, { name: 'b' }] });
    expect(recorded('metadef-quirks', 6).json).toEqual({ tags: [] });
    expect(tagListParam('')).toBeNull();
    expect(tagListParam(null)).toBeNull();
    expect(tagListParam('0')).toBe('0');
    expect(tagListParam('b')).toBe('b');
  });
});
