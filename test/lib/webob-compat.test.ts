// The conversions under webob, against CPython 3.11 and webob 1.8.6.
// __fixtures__/webob-compat.json was recorded with /usr/bin/python3: strict
// UTF-8 decoding (and its error messages) of chosen and random byte strings,
// int() of text, webob.compat.parse_qsl_text and url_unquote, and 400
// generated Accept and 150 Accept-Language values through
// create_accept_header / create_accept_language_header (class,
// acceptable_offers, best_match). Errors are [exception class, str(e)].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotImplementedError_, PyException } from '../../src/lib/python.js';
import { parseQslText, pyDecode, pyInt10, urlUnquote, utf8Decode } from '../../src/lib/webob/compat.js';
import { createAcceptHeader, createAcceptLanguageHeader } from '../../src/lib/webob/acceptparse.js';

type Result = { ok: unknown } | { error: [string, string] };
interface Fixture {
  utf8: Array<[string, Result]>;
  int: Array<[string, Result]>;
  parse_qsl_text: Array<[string, Result]>;
  url_unquote: Array<[string, Result]>;
  accept: Array<[string, Record<string, unknown>]>;
  accept_language: Array<[string, Record<string, unknown>]>;
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-compat.json'), 'utf8')) as Fixture;

function attempt(f: () => unknown): Result {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

describe('strict UTF-8 decoding as CPython reports it', () => {
  it(`decodes or refuses ${fixture.utf8.length} byte strings with the same message`, () => {
    for (const [hex, expected] of fixture.utf8) expect(attempt(() => utf8Decode(Buffer.from(hex, 'hex'))), hex).toEqual(expected);
  });
});

describe("Python's int() of text", () => {
  for (const [text, expected] of fixture.int) {
    it(`int(${JSON.stringify(text)})`, () => {
      expect(attempt(() => String(pyInt10(text)))).toEqual(expected);
    });
  }
});

describe('webob.compat.parse_qsl_text and url_unquote', () => {
  for (const [qs, expected] of fixture.parse_qsl_text) {
    it(`parse_qsl_text(${JSON.stringify(qs)})`, () => {
      expect(attempt(() => parseQslText(qs))).toEqual(expected);
    });
  }
  for (const [path, expected] of fixture.url_unquote) {
    it(`url_unquote(${JSON.stringify(path)})`, () => {
      expect(attempt(() => urlUnquote(path))).toEqual(expected);
    });
  }
});

describe('Accept headers as acceptparse reads them (400 generated values)', () => {
  it('classify, rank offers and pick the best match as webob does', () => {
    for (const [value, expected] of fixture.accept) {
      const h = createAcceptHeader(value);
      expect({
        class: h.constructor.name,
        offers1: h.acceptableOffers(['text/html', 'application/json']),
        offers2: h.acceptableOffers(['application/json', 'text/plain', 'image/png', 'text/html;level=1', 'x/y']),
        best: h.bestMatch(['application/json']),
        best2: h.bestMatch(['text/html', 'application/json', 'text/plain']),
      }, JSON.stringify(value)).toEqual(expected);
    }
  });
});

describe('Accept-Language headers as acceptparse reads them (150 generated values)', () => {
  it('classify, test true or false and pick the best match as webob does', () => {
    for (const [value, expected] of fixture.accept_language) {
      const h = createAcceptLanguageHeader(value);
      expect({
        class: h.constructor.name,
        bool: h.truthy(),
        best: h.bestMatch(['en_US', 'fr', 'zh_Hant_TW']),
        best2: h.bestMatch(['de', 'en'], 'none'),
      }, JSON.stringify(value)).toEqual(expected);
    }
  });
});

describe('pyDecode: bytes.decode(charset) under CPython codec names', () => {
  // Expected values printed by /usr/bin/python3 for b'caf\xc3\xa9'.decode(charset).
  const body = Buffer.from('caf\u00c3\u00a9', 'latin1');
  const cases: Array<[string, Result]> = [
    ['UTF8', { ok: 'caf\u00e9' }],
    ['Latin-1', { ok: 'caf\u00c3\u00a9' }],
    ['us-ascii', { error: ['UnicodeDecodeError', "'ascii' codec can't decode byte 0xc3 in position 3: ordinal not in range(128)"] }],
    ['ISO_8859-1', { ok: 'caf\u00c3\u00a9' }],
    ['U8', { ok: 'caf\u00e9' }],
    ['bogus', { error: ['LookupError', 'unknown encoding: bogus'] }],
    ['ANSI_X3.4-1968', { error: ['UnicodeDecodeError', "'ascii' codec can't decode byte 0xc3 in position 3: ordinal not in range(128)"] }],
  ];
  for (const [charset, expected] of cases) {
    it(`decodes with ${charset} as CPython does`, () => {
      expect(attempt(() => pyDecode(body, charset))).toEqual(expected);
    });
  }
  it('refuses a codec CPython has but the port does not, rather than decoding it wrongly', () => {
    expect(() => pyDecode(body, 'utf-16')).toThrow(NotImplementedError_);
  });
});
