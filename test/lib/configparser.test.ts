import { describe, expect, it } from 'vitest';
import {
  ConfigParser,
  ConfigParserError,
  DuplicateSectionError,
  InterpolationDepthError,
  InterpolationMissingOptionError,
  InterpolationSyntaxError,
  MissingSectionHeaderError,
  NoOptionError,
  NoSectionError,
  ParsingError,
  pyStrip,
} from '../../src/lib/configparser.js';

interface PyOutcome {
  readonly read_error?: readonly [string, string];
  readonly sections: readonly string[];
  readonly values: Readonly<Record<string, string | readonly [string, string]>>;
}
interface Case {
  readonly name: string;
  readonly text: string;
  readonly legacy: PyOutcome;
  readonly py311: PyOutcome;
}

/**
 * What /usr/bin/python3 (CPython 3.11.2) answered for each text with
 * `read_string` then `get` of every option of every section: `legacy` with
 * SECTCRE set back to the pre-3.10 `\[(?P<header>[^]]+)\]`, `py311` as shipped.
 */
const PYTHON: readonly Case[] = [
  {"name": "basic", "text": "[a]\nkey = value\nOther: Thing\n\n[b]\nx=1\n", "legacy": {"sections": ["a", "b"], "values": {"a/key": "value", "a/other": "Thing", "b/x": "1"}}, "py311": {"sections": ["a", "b"], "values": {"a/key": "value", "a/other": "Thing", "b/x": "1"}}},
  {"name": "sectcre_bracket", "text": "[^[0-9]]\ncreate = fake-role\nupdate = r\ndelete = r\n", "legacy": {"sections": ["^[0-9"], "values": {"^[0-9/create": "fake-role", "^[0-9/update": "r", "^[0-9/delete": "r"}}, "py311": {"sections": ["^[0-9]"], "values": {"^[0-9]/create": "fake-role", "^[0-9]/update": "r", "^[0-9]/delete": "r"}}},
  {"name": "comments", "text": "# top\n; semi\n[s]\n  # indented comment\nk = v # not a comment\nj = v ; nor this\n", "legacy": {"sections": ["s"], "values": {"s/k": "v # not a comment", "s/j": "v ; nor this"}}, "py311": {"sections": ["s"], "values": {"s/k": "v # not a comment", "s/j": "v ; nor this"}}},
  {"name": "continuation", "text": "[s]\nk = first\n  second\n\n  third\n\nnext = 2\n", "legacy": {"sections": ["s"], "values": {"s/k": "first\nsecond\n\nthird", "s/next": "2"}}, "py311": {"sections": ["s"], "values": {"s/k": "first\nsecond\n\nthird", "s/next": "2"}}},
  {"name": "continuation_tabs", "text": "[s]\nk = a\n\tb\n  # c\n  d\n", "legacy": {"sections": ["s"], "values": {"s/k": "a\nb\nd"}}, "py311": {"sections": ["s"], "values": {"s/k": "a\nb\nd"}}},
  {"name": "dup_section", "text": "[s]\na=1\n[s]\nb=2\n", "legacy": {"read_error": ["DuplicateSectionError", "While reading from '<string>' [line  3]: section 's' already exists"], "sections": ["s"], "values": {"s/a": ["AttributeError", "'list' object has no attribute 'find'"]}}, "py311": {"read_error": ["DuplicateSectionError", "While reading from '<string>' [line  3]: section 's' already exists"], "sections": ["s"], "values": {"s/a": ["AttributeError", "'list' object has no attribute 'find'"]}}},
  {"name": "dup_option", "text": "[s]\nA=1\na=2\n", "legacy": {"read_error": ["DuplicateOptionError", "While reading from '<string>' [line  3]: option 'a' in section 's' already exists"], "sections": ["s"], "values": {"s/a": ["AttributeError", "'list' object has no attribute 'find'"]}}, "py311": {"read_error": ["DuplicateOptionError", "While reading from '<string>' [line  3]: option 'a' in section 's' already exists"], "sections": ["s"], "values": {"s/a": ["AttributeError", "'list' object has no attribute 'find'"]}}},
  {"name": "no_header", "text": "a = 1\n[s]\n", "legacy": {"read_error": ["MissingSectionHeaderError", "File contains no section headers.\nfile: '<string>', line: 1\n'a = 1\\n'"], "sections": [], "values": {}}, "py311": {"read_error": ["MissingSectionHeaderError", "File contains no section headers.\nfile: '<string>', line: 1\n'a = 1\\n'"], "sections": [], "values": {}}},
  {"name": "parse_error", "text": "[s]\nnovalue\nok = 1\nalso bad\n", "legacy": {"read_error": ["ParsingError", "Source contains parsing errors: '<string>'\n\t[line  2]: 'novalue\\n'\n\t[line  4]: 'also bad\\n'"], "sections": ["s"], "values": {"s/ok": "1"}}, "py311": {"read_error": ["ParsingError", "Source contains parsing errors: '<string>'\n\t[line  2]: 'novalue\\n'\n\t[line  4]: 'also bad\\n'"], "sections": ["s"], "values": {"s/ok": "1"}}},
  {"name": "empty_option", "text": "[s]\n= x\n", "legacy": {"read_error": ["ParsingError", "Source contains parsing errors: '<string>'\n\t[line  2]: '= x\\n'"], "sections": ["s"], "values": {"s/": "x"}}, "py311": {"read_error": ["ParsingError", "Source contains parsing errors: '<string>'\n\t[line  2]: '= x\\n'"], "sections": ["s"], "values": {"s/": "x"}}},
  {"name": "defaults", "text": "[DEFAULT]\nread = admin\n[s]\ncreate = x\n[DEFAULT]\nupdate = y\n", "legacy": {"sections": ["s"], "values": {"s/create": "x", "s/read": "admin", "s/update": "y"}}, "py311": {"sections": ["s"], "values": {"s/create": "x", "s/read": "admin", "s/update": "y"}}},
  {"name": "interp", "text": "[s]\na = %(b)s-x\nb = B\npct = 100%%\nbad = 5%\nbadref = %(b\nmissing = %(nope)s\nloop = %(loop)s\n", "legacy": {"sections": ["s"], "values": {"s/a": "B-x", "s/b": "B", "s/pct": "100%", "s/bad": ["InterpolationSyntaxError", "'%' must be followed by '%' or '(', found: '%'"], "s/badref": ["InterpolationSyntaxError", "bad interpolation variable reference '%(b'"], "s/missing": ["InterpolationMissingOptionError", "Bad value substitution: option 'missing' in section 's' contains an interpolation key 'nope' which is not a valid option name. Raw value: '%(nope)s'"], "s/loop": ["InterpolationDepthError", "Recursion limit exceeded in value substitution: option 'loop' in section 's' contains an interpolation key which cannot be substituted in 10 steps. Raw value: '%(loop)s'"]}}, "py311": {"sections": ["s"], "values": {"s/a": "B-x", "s/b": "B", "s/pct": "100%", "s/bad": ["InterpolationSyntaxError", "'%' must be followed by '%' or '(', found: '%'"], "s/badref": ["InterpolationSyntaxError", "bad interpolation variable reference '%(b'"], "s/missing": ["InterpolationMissingOptionError", "Bad value substitution: option 'missing' in section 's' contains an interpolation key 'nope' which is not a valid option name. Raw value: '%(nope)s'"], "s/loop": ["InterpolationDepthError", "Recursion limit exceeded in value substitution: option 'loop' in section 's' contains an interpolation key which cannot be substituted in 10 steps. Raw value: '%(loop)s'"]}}},
  {"name": "crlf", "text": "[s]\r\nk = v\r\n", "legacy": {"sections": ["s"], "values": {"s/k": "v"}}, "py311": {"sections": ["s"], "values": {"s/k": "v"}}},
  {"name": "colon_first", "text": "[s]\na:b=c\nx = y: z\n", "legacy": {"sections": ["s"], "values": {"s/a": "b=c", "s/x": "y: z"}}, "py311": {"sections": ["s"], "values": {"s/a": "b=c", "s/x": "y: z"}}},
  {"name": "empty_brackets", "text": "[]\n", "legacy": {"read_error": ["MissingSectionHeaderError", "File contains no section headers.\nfile: '<string>', line: 1\n'[]\\n'"], "sections": [], "values": {}}, "py311": {"read_error": ["MissingSectionHeaderError", "File contains no section headers.\nfile: '<string>', line: 1\n'[]\\n'"], "sections": [], "values": {}}},
  {"name": "header_trailing", "text": "[s] trailing\nk=v\n[t]]\nk=v\n", "legacy": {"sections": ["s", "t"], "values": {"s/k": "v", "t/k": "v"}}, "py311": {"sections": ["s", "t]"], "values": {"s/k": "v", "t]/k": "v"}}},
  {"name": "upper_keys", "text": "[S]\nCreate = A,B\n", "legacy": {"sections": ["S"], "values": {"S/create": "A,B"}}, "py311": {"sections": ["S"], "values": {"S/create": "A,B"}}},
  {"name": "unicode_space", "text": "[s]\nk = \u001cv\u001c\n", "legacy": {"sections": ["s"], "values": {"s/k": "v"}}, "py311": {"sections": ["s"], "values": {"s/k": "v"}}},
  {"name": "value_empty", "text": "[s]\nk =\nj=\n", "legacy": {"sections": ["s"], "values": {"s/k": "", "s/j": ""}}, "py311": {"sections": ["s"], "values": {"s/k": "", "s/j": ""}}}
];

function observe(text: string, legacySectionHeaders: boolean): PyOutcome {
  const parser = new ConfigParser({ legacySectionHeaders });
  let readError: [string, string] | undefined;
  try {
    parser.readString(text);
  } catch (e) {
    if (!(e instanceof ConfigParserError)) throw e;
    readError = [e.pyName, e.message];
  }
  const values: Record<string, string | readonly [string, string]> = {};
  for (const s of parser.sections()) {
    for (const o of parser.options(s)) {
      try {
        values[`${s}/${o}`] = parser.get(s, o);
      } catch (e) {
        if (!(e instanceof ConfigParserError)) throw e;
        values[`${s}/${o}`] = [e.pyName, e.message];
      }
    }
  }
  return readError === undefined ? { sections: parser.sections(), values } : { read_error: readError, sections: parser.sections(), values };
}

describe('ConfigParser against CPython', () => {
  for (const c of PYTHON) {
    for (const mode of ['legacy', 'py311'] as const) {
      it(`${c.name} (${mode} section headers) reads as CPython does`, () => {
        const got = observe(c.text, mode === 'legacy');
        const want = c[mode];
        expect(got.read_error).toEqual(want.read_error);
        expect(got.sections).toEqual(want.sections);
        // After a read that raised midway CPython leaves values unjoined lists
        // (get then fails with AttributeError); only clean reads compare values.
        if (want.read_error === undefined) expect(got.values).toEqual(want.values);
      });
    }
  }
});

describe('ConfigParser API as property_utils uses it', () => {
  const parser = (): ConfigParser => {
    const p = new ConfigParser();
    p.readString('[DEFAULT]\nread = admin\n[s]\ncreate = %(who)s\n');
    return p;
  };

  it('get raises NoSectionError and NoOptionError with the lower-cased option', () => {
    const p = parser();
    expect(() => p.get('nope', 'x')).toThrow(NoSectionError);
    expect(() => p.get('nope', 'x')).toThrow("No section: 'nope'");
    expect(() => p.get('s', 'Missing')).toThrow(NoOptionError);
    expect(() => p.get('s', 'Missing')).toThrow("No option 'missing' in section: 's'");
  });

  it('get falls back to DEFAULT, takes vars and a fallback', () => {
    const p = parser();
    expect(p.get('s', 'READ')).toBe('admin');
    expect(p.get('DEFAULT', 'read')).toBe('admin');
    expect(p.get('s', 'create', { vars: { WHO: 'me' } })).toBe('me');
    expect(p.get('nope', 'x', { fallback: 'fb' })).toBe('fb');
    expect(p.options('s')).toEqual(['create', 'read']);
    expect(p.get('s', 'create', { raw: true })).toBe('%(who)s');
  });

  it('interpolation errors keep their Python classes', () => {
    const p = new ConfigParser();
    p.readString('[s]\nbad = 5%\nref = %(b\nmissing = %(nope)s\nloop = %(loop)s\n');
    expect(() => p.get('s', 'bad')).toThrow(InterpolationSyntaxError);
    expect(() => p.get('s', 'ref')).toThrow(InterpolationSyntaxError);
    expect(() => p.get('s', 'missing')).toThrow(InterpolationMissingOptionError);
    expect(() => p.get('s', 'loop')).toThrow(InterpolationDepthError);
  });

  it('add_section refuses DEFAULT and an existing section', () => {
    const p = parser();
    expect(() => p.addSection('DEFAULT')).toThrow("Invalid section name: 'DEFAULT'");
    expect(() => p.addSection('s')).toThrow(DuplicateSectionError);
    expect(() => p.addSection('s')).toThrow("Section 's' already exists");
  });

  it('a second read merges into existing sections; duplicates count per source', () => {
    const p = new ConfigParser();
    p.readString('[a]\nx=1\n');
    p.readString('[a]\ny=2\n');
    expect(p.sections()).toEqual(['a']);
    expect([p.get('a', 'x'), p.get('a', 'y')]).toEqual(['1', '2']);
    expect(() => p.readString('[a]\ny=3\n[a]\n')).toThrow("While reading from '<string>' [line  3]: section 'a' already exists");
  });

  it('readFile translates CRLF and CR as a text-mode file read does', () => {
    const p = new ConfigParser();
    p.readFile('[s]\r\nk = a\r  b\r\n', 'property-protections.conf');
    expect(p.get('s', 'k')).toBe('a\nb');
    expect(() => new ConfigParser().readFile('k = v\n', 'x.conf')).toThrow(MissingSectionHeaderError);
    expect(() => new ConfigParser().readFile('[s]\nnovalue\n', 'x.conf')).toThrow(ParsingError);
    expect(() => new ConfigParser().readFile('[s]\nnovalue\n', 'x.conf')).toThrow("Source contains parsing errors: 'x.conf'\n\t[line  2]: 'novalue\\n'");
  });

  it('strips with the CPython whitespace set, unlike String.prototype.trim', () => {
    expect(pyStrip('\x1c\x85 a \ufeff')).toBe('a \ufeff');
  });
});
