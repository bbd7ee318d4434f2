/**
 * Python's `configparser.ConfigParser`, the parts glance/common/property_utils.py
 * relies on: reading INI text (sections in file order, `key = value` and
 * `key: value`, lower-cased keys, full-line comments, continuation lines,
 * the DEFAULT section), strict-mode duplicate errors, BasicInterpolation of
 * `%` on get, and the exceptions with CPython's exact messages.
 *
 * Glance 16.0.0 ran on Python 2.7 and 3.5, whose section-header pattern stops
 * at the first ']'. CPython 3.10 changed that (bpo-45277 era, see Glance
 * commit 800ba9645 "Fix tests on Python3.10"). The old pattern is the default
 * here because Glance's own tests depend on it; `legacySectionHeaders: false`
 * gives the 3.10+ behaviour.
 */
import { PyException, ValueError, pyRepr } from './python.js';

export const DEFAULTSECT = 'DEFAULT';
export const MAX_INTERPOLATION_DEPTH = 10;

// ---------------------------------------------------------------- exceptions

/** configparser.Error: `str(e)` is the message it was built with. */
export class ConfigParserError extends PyException {
  override get pyName(): string {
    return this.constructor === ConfigParserError ? 'Error' : this.constructor.name;
  }
}

export class NoSectionError extends ConfigParserError {
  constructor(readonly section: string) {
    super(`No section: ${pyRepr(section)}`);
  }
}

/** "While reading from <source> [line NN]: <what> already exists", or the bare form. */
function alreadyExists(what: string, source: string | null, lineno: number | null): string {
  if (source === null) return `${what.charAt(0).toUpperCase()}${what.slice(1)} already exists`;
  const line = lineno === null ? '' : ` [line ${String(lineno).padStart(2)}]`;
  return `While reading from ${pyRepr(source)}${line}: ${what} already exists`;
}

export class DuplicateSectionError extends ConfigParserError {
  constructor(
    readonly section: string,
    readonly source: string | null = null,
    readonly lineno: number | null = null,
  ) {
    super(alreadyExists(`section ${pyRepr(section)}`, source, lineno));
  }
}

export class DuplicateOptionError extends ConfigParserError {
  constructor(
    readonly section: string,
    readonly option: string,
    readonly source: string | null = null,
    readonly lineno: number | null = null,
  ) {
    super(alreadyExists(`option ${pyRepr(option)} in section ${pyRepr(section)}`, source, lineno));
  }
}

export class NoOptionError extends ConfigParserError {
  constructor(
    readonly option: string,
    readonly section: string,
  ) {
    super(`No option ${pyRepr(option)} in section: ${pyRepr(section)}`);
  }
}

export class InterpolationError extends ConfigParserError {
  constructor(
    readonly option: string,
    readonly section: string,
    msg: string,
  ) {
    super(msg);
  }
}

export class InterpolationMissingOptionError extends InterpolationError {
  constructor(option: string, section: string, rawval: string, readonly reference: string) {
    super(
      option,
      section,
      `Bad value substitution: option ${pyRepr(option)} in section ${pyRepr(section)} contains ` +
        `an interpolation key ${pyRepr(reference)} which is not a valid option name. ` +
        `Raw value: ${pyRepr(rawval)}`,
    );
  }
}

export class InterpolationSyntaxError extends InterpolationError {}

export class InterpolationDepthError extends InterpolationError {
  constructor(option: string, section: string, rawval: string) {
    super(
      option,
      section,
      `Recursion limit exceeded in value substitution: option ${pyRepr(option)} ` +
        `in section ${pyRepr(section)} contains an interpolation key which ` +
        `cannot be substituted in ${MAX_INTERPOLATION_DEPTH} steps. Raw value: ${pyRepr(rawval)}`,
    );
  }
}

export class ParsingError extends ConfigParserError {
  readonly errors: Array<[number, string]> = [];
  constructor(readonly source: string) {
    super(`Source contains parsing errors: ${pyRepr(source)}`);
  }
  append(lineno: number, line: string): void {
    this.errors.push([lineno, line]);
    this.message += `\n\t[line ${String(lineno).padStart(2)}]: ${line}`;
  }
}

export class MissingSectionHeaderError extends ParsingError {
  constructor(
    source: string,
    readonly lineno: number,
    readonly line: string,
  ) {
    super(source);
    this.message = `File contains no section headers.\nfile: ${pyRepr(source)}, line: ${lineno}\n${pyRepr(line)}`;
  }
}

// ------------------------------------------------------- Python str helpers

/** Characters for which CPython's `str.isspace()` is true (also `\s` in `re`). */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

export function isPySpace(ch: string): boolean {
  return PY_SPACE.test(ch);
}

/** `str.strip()` with CPython's whitespace set (JS trim() differs: \x1c-\x1f, \x85, \ufeff). */
export function pyStrip(s: string): string {
  return pyRstrip(pyLstrip(s));
}
export function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && isPySpace(s.charAt(i))) i++;
  return s.slice(i);
}
export function pyRstrip(s: string): string {
  let j = s.length;
  while (j > 0 && isPySpace(s.charAt(j - 1))) j--;
  return s.slice(0, j);
}

/** Lines with their terminators, as iterating a text stream yields them. */
function splitLinesKeepEnds(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.filter((l) => l !== '');
}

// -------------------------------------------------------------- the parser

type RawValue = string | string[];
type Section = Map<string, RawValue>;

export interface ConfigParserOptions {
  /** Strict mode (the default): duplicates within one source raise. */
  readonly strict?: boolean;
  /**
   * Section headers end at the first ']' (Python <= 3.9, what Glance 16 ran
   * on). false: CPython 3.10+'s greedy `\[(?P<header>.+)\]`.
   */
  readonly legacySectionHeaders?: boolean;
}

export interface GetOptions {
  readonly raw?: boolean;
  readonly vars?: Readonly<Record<string, string>>;
  /** Returned instead of raising NoSectionError/NoOptionError when given. */
  readonly fallback?: string | null;
}

/** An empty parser's content after reading one text: option values are joined text by then. */
interface ReadText {
  readonly defaults: ReadonlyArray<readonly [string, string]>;
  readonly sections: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>;
}

const READ_TEXTS = new Map<string, ReadText>();
const READ_TEXTS_MAX = 256;

/**
 * configparser.ConfigParser with its default options: delimiters '=' and ':',
 * comment prefixes '#' and ';' (whole lines only), empty lines allowed in
 * values, no valueless options, BasicInterpolation.
 *
 * @see Lib/configparser.py RawConfigParser._read
 */
export class ConfigParser {
  private readonly sectionMap = new Map<string, Section>();
  private readonly defaultsMap: Section = new Map();
  private readonly strict: boolean;
  private readonly legacyHeaders: boolean;
  readonly defaultSection = DEFAULTSECT;

  constructor(options: ConfigParserOptions = {}) {
    this.strict = options.strict ?? true;
    this.legacyHeaders = options.legacySectionHeaders ?? true;
  }

  /** `parser.read(filename)` of a file holding `text`: universal newlines. */
  readFile(text: string, filename: string): void {
    this.readText(text.replace(/\r\n?/g, '\n'), filename);
  }

  /** `parser.read_string(text, source)`: lines end at '\n' only. */
  readString(text: string, source = '<string>'): void {
    this.readText(text, source);
  }

  /**
   * Reads `text` (its lines end at '\n'). What an empty parser holds after
   * reading a text without error depends on the text and the options only
   * (the source name appears in errors alone), so it is remembered:
   * property protections parse the same file for every request.
   */
  private readText(text: string, source: string): void {
    const fresh = this.sectionMap.size === 0 && this.defaultsMap.size === 0;
    const key = `${this.strict ? 's' : 'l'}${this.legacyHeaders ? 'o' : 'n'}${text}`;
    const read = fresh ? READ_TEXTS.get(key) : undefined;
    if (read !== undefined) {
      for (const [k, v] of read.defaults) this.defaultsMap.set(k, v);
      for (const [name, options] of read.sections) this.sectionMap.set(name, new Map(options));
      return;
    }
    this.readLines(splitLinesKeepEnds(text), source);
    if (!fresh) return;
    if (READ_TEXTS.size >= READ_TEXTS_MAX) READ_TEXTS.clear();
    READ_TEXTS.set(key, {
      defaults: [...this.defaultsMap] as Array<[string, string]>,
      sections: [...this.sectionMap].map(([name, options]) => [name, [...options] as Array<[string, string]>]),
    });
  }

  /** Section names in file order, without DEFAULT. */
  sections(): string[] {
    return [...this.sectionMap.keys()];
  }

  hasSection(section: string): boolean {
    return this.sectionMap.has(section);
  }

  addSection(section: string): void {
    if (section === this.defaultSection) throw new ValueError(`Invalid section name: ${pyRepr(section)}`);
    if (this.sectionMap.has(section)) throw new DuplicateSectionError(section);
    this.sectionMap.set(section, new Map());
  }

  removeSection(section: string): boolean {
    return this.sectionMap.delete(section);
  }

  options(section: string): string[] {
    const sect = this.sectionMap.get(section);
    if (sect === undefined) throw new NoSectionError(section);
    const keys = new Set(sect.keys());
    for (const k of this.defaultsMap.keys()) keys.add(k);
    return [...keys];
  }

  hasOption(section: string | null, option: string): boolean {
    const opt = this.optionxform(option);
    if (!section || section === this.defaultSection) return this.defaultsMap.has(opt);
    const sect = this.sectionMap.get(section);
    if (sect === undefined) return false;
    return sect.has(opt) || this.defaultsMap.has(opt);
  }

  optionxform(option: string): string {
    return option.toLowerCase();
  }

  /** `parser.get(section, option, raw=..., vars=..., fallback=...)`. */
  get(section: string, option: string, opts: GetOptions = {}): string {
    const hasFallback = Object.prototype.hasOwnProperty.call(opts, 'fallback');
    let chain: Section[];
    try {
      chain = this.unifyValues(section, opts.vars);
    } catch (e) {
      if (e instanceof NoSectionError && hasFallback) return opts.fallback as string;
      throw e;
    }
    const key = this.optionxform(option);
    const value = lookup(chain, key);
    if (value === undefined) {
      if (hasFallback) return opts.fallback as string;
      throw new NoOptionError(key, section);
    }
    const text = joinValue(value);
    if (opts.raw) return text;
    return this.interpolate(section, key, text, chain);
  }

  private unifyValues(section: string, vars: Readonly<Record<string, string>> | undefined): Section[] {
    let sect = this.sectionMap.get(section);
    if (sect === undefined) {
      if (section !== this.defaultSection) throw new NoSectionError(section);
      sect = new Map();
    }
    const varMap: Section = new Map();
    for (const [k, v] of Object.entries(vars ?? {})) varMap.set(this.optionxform(k), v);
    return [varMap, sect, this.defaultsMap];
  }

  // --------------------------------------------------- BasicInterpolation

  private interpolate(section: string, option: string, value: string, chain: Section[]): string {
    const accum: string[] = [];
    this.interpolateSome(option, accum, value, section, chain, 1);
    return accum.join('');
  }

  private interpolateSome(option: string, accum: string[], rest: string, section: string, chain: Section[], depth: number): void {
    const rawval = this.get(section, option, { raw: true, fallback: rest });
    if (depth > MAX_INTERPOLATION_DEPTH) throw new InterpolationDepthError(option, section, rawval);
    while (rest) {
      const p = rest.indexOf('%');
      if (p < 0) {
        accum.push(rest);
        return;
      }
      if (p > 0) {
        accum.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest.slice(1, 2);
      if (c === '%') {
        accum.push('%');
        rest = rest.slice(2);
      } else if (c === '(') {
        const m = /^%\(([^)]+)\)s/.exec(rest);
        if (m === null) {
          throw new InterpolationSyntaxError(option, section, `bad interpolation variable reference ${pyRepr(rest)}`);
        }
        const name = this.optionxform(m[1] as string);
        rest = rest.slice(m[0].length);
        const raw = lookup(chain, name);
        if (raw === undefined) throw new InterpolationMissingOptionError(option, section, rawval, name);
        const v = joinValue(raw);
        if (v.includes('%')) this.interpolateSome(option, accum, v, section, chain, depth + 1);
        else accum.push(v);
      } else {
        throw new InterpolationSyntaxError(
          option,
          section,
          `'%' must be followed by '%' or '(', found: ${pyRepr(rest)}`,
        );
      }
    }
  }

  // -------------------------------------------------------------- reading

  private readLines(lines: readonly string[], source: string): void {
    const state = new ReadState(source);
    lines.forEach((line, i) => this.readLine(state, line, i + 1));
    this.joinMultilineValues();
    if (state.error !== null) throw state.error;
  }

  private readLine(st: ReadState, line: string, lineno: number): void {
    // Only whole-line comments: inline_comment_prefixes is None by default.
    const isComment = /^[#;]/.test(pyStrip(line));
    const value = isComment ? '' : pyStrip(line);
    if (!value) {
      this.addEmptyLine(st, isComment);
      return;
    }
    const indent = firstNonSpace(line);
    if (st.cursect !== null && st.optname && indent > st.indentLevel) {
      (st.cursect.get(st.optname) as string[]).push(value);
      return;
    }
    st.indentLevel = indent;
    const header = this.matchSectionHeader(value);
    if (header !== null) this.enterSection(st, header, lineno);
    else if (st.cursect === null) throw new MissingSectionHeaderError(st.source, lineno, line);
    else this.readOption(st, value, line, lineno);
  }

  private addEmptyLine(st: ReadState, isComment: boolean): void {
    // empty_lines_in_values: a blank line (not a comment) joins the current value.
    if (isComment || st.cursect === null || !st.optname) return;
    const current = st.cursect.get(st.optname);
    if (Array.isArray(current)) current.push('');
  }

  private matchSectionHeader(value: string): string | null {
    const m = this.legacyHeaders ? /^\[([^\]]+)\]/.exec(value) : /^\[([^\n]+)\]/.exec(value);
    return m === null ? null : (m[1] as string);
  }

  private enterSection(st: ReadState, name: string, lineno: number): void {
    st.sectname = name;
    const existing = this.sectionMap.get(name);
    if (existing !== undefined) {
      if (this.strict && st.added.has(sectionKey(name))) throw new DuplicateSectionError(name, st.source, lineno);
      st.cursect = existing;
      st.added.add(sectionKey(name));
    } else if (name === this.defaultSection) {
      st.cursect = this.defaultsMap;
    } else {
      st.cursect = new Map();
      this.sectionMap.set(name, st.cursect);
      st.added.add(sectionKey(name));
    }
    // So sections can't start with a continuation line.
    st.optname = null;
  }

  private readOption(st: ReadState, value: string, line: string, lineno: number): void {
    const delim = value.search(/[=:]/);
    if (delim < 0) {
      st.recordError(lineno, line);
      return;
    }
    const rawName = value.slice(0, delim);
    // NOTE(quirk): CPython records an empty option name as an error and still stores it under ''.
    if (!pyRstrip(rawName)) st.recordError(lineno, line);
    const optname = this.optionxform(pyRstrip(rawName));
    if (this.strict && st.added.has(optionKey(st.sectname, optname))) {
      throw new DuplicateOptionError(st.sectname ?? '', optname, st.source, lineno);
    }
    st.added.add(optionKey(st.sectname, optname));
    st.optname = optname;
    (st.cursect as Section).set(optname, [pyStrip(value.slice(delim + 1))]);
  }

  private joinMultilineValues(): void {
    for (const sect of [this.defaultsMap, ...this.sectionMap.values()]) {
      for (const [name, val] of sect) sect.set(name, joinValue(val));
    }
  }
}

class ReadState {
  cursect: Section | null = null;
  sectname: string | null = null;
  optname: string | null = null;
  indentLevel = 0;
  error: ParsingError | null = null;
  readonly added = new Set<string>();
  constructor(readonly source: string) {}

  recordError(lineno: number, line: string): void {
    this.error ??= new ParsingError(this.source);
    this.error.append(lineno, pyRepr(line));
  }
}

function sectionKey(name: string): string {
  return `s\u0000${name}`;
}
function optionKey(section: string | null, option: string): string {
  return `o\u0000${section ?? ''}\u0000${option}`;
}

function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) if (!isPySpace(line.charAt(i))) return i;
  return 0;
}

function joinValue(value: RawValue): string {
  return Array.isArray(value) ? pyRstrip(value.join('\n')) : value;
}

function lookup(chain: readonly Section[], key: string): RawValue | undefined {
  for (const m of chain) if (m.has(key)) return m.get(key);
  return undefined;
}
