/**
 * Python's `re.compile(pattern).search(text)` for str patterns, as
 * glance/common/property_utils.py uses it on the section names of the
 * property protections file.
 *
 * The pattern is parsed with CPython 3.11's `re._parser` rules (same
 * accepted syntax, same `re.error` messages and positions for what Python
 * rejects) and translated to a JavaScript RegExp (flag `v`) that matches what
 * Python matches. What JavaScript cannot express is translated by hand:
 * `^`/`$`/`\A`/`\Z` (Python's `$` also matches before a final newline),
 * `.` (only '\n' excluded), `\w`/`\d`/`\s`/`\b` with Python's Unicode
 * classes, `{,n}`, possessive quantifiers and atomic groups (lookahead plus
 * back-reference), scoped flags `(?i:...)` and IGNORECASE (Python's simple
 * lower-case mapping plus its extra equivalences, not JavaScript's case
 * folding: `(?i)i` matches 'İ' and 'ı' in Python).
 *
 * Two constructs have no faithful JavaScript form and raise
 * PyReUnsupportedError instead of silently matching differently: the
 * conditional group `(?(1)yes|no)`, and a back-reference that may run after
 * its group did not take part in the match (JavaScript then matches the
 * empty string, Python fails), or that runs under IGNORECASE. `\N{name}`
 * needs the Unicode name table and is unsupported too.
 *
 * Character data comes from V8's ICU (Unicode 15+) where CPython 3.11 has
 * Unicode 14: characters added since differ in case mapping and categories.
 * A possessive repeat of a zero-width assertion (`(?!b)*+`) follows the
 * obvious semantics; CPython 3.11's sre can consume a character there (a
 * CPython bug found by differential fuzzing, not reproduced).
 */
import { PyException, ValueError, pyStringRepr } from './python.js';

// ----------------------------------------------------------------- errors

/** `re.error`: `str(e)` is "<msg> at position <pos>" (plus line/column for multi-line patterns). */
export class PyReError extends PyException {
  readonly lineno: number | null = null;
  readonly colno: number | null = null;
  constructor(
    readonly msg: string,
    readonly pattern: string | null = null,
    readonly pos: number | null = null,
  ) {
    super(msg);
    if (pattern !== null && pos !== null) {
      const before = [...pattern].slice(0, pos).join('');
      const lineno = before.split('\n').length;
      const colno = pos - (before.lastIndexOf('\n') < 0 ? 0 : [...before.slice(0, before.lastIndexOf('\n') + 1)].length) + 1;
      this.lineno = lineno;
      this.colno = colno;
      this.message = pattern.includes('\n')
        ? `${msg} at position ${pos} (line ${lineno}, column ${colno})`
        : `${msg} at position ${pos}`;
    }
  }
  override get pyName(): string {
    return 'error';
  }
}

/** Python's OverflowError (a repeat count at or above MAXREPEAT). */
export class PyOverflowError extends PyException {
  override get pyName(): string {
    return 'OverflowError';
  }
}

/** A pattern Python accepts but this translation cannot match faithfully. */
export class PyReUnsupportedError extends PyException {}

// --------------------------------------------------------------- flags

export const FLAG = {
  IGNORECASE: 2,
  LOCALE: 4,
  MULTILINE: 8,
  DOTALL: 16,
  UNICODE: 32,
  VERBOSE: 64,
  ASCII: 256,
} as const;

const INLINE_FLAGS: Readonly<Record<string, number>> = {
  i: FLAG.IGNORECASE,
  L: FLAG.LOCALE,
  m: FLAG.MULTILINE,
  s: FLAG.DOTALL,
  x: FLAG.VERBOSE,
  a: FLAG.ASCII,
  u: FLAG.UNICODE,
};
const TYPE_FLAGS = FLAG.ASCII | FLAG.LOCALE | FLAG.UNICODE;
const MAXREPEAT = 4294967295;
const MAXWIDTH = 2 ** 64 - 1;

// ------------------------------------------------------------------ AST

type Category = 'digit' | 'notdigit' | 'space' | 'notspace' | 'word' | 'notword';
type SetItem =
  | { readonly t: 'lit'; readonly cp: number }
  | { readonly t: 'range'; readonly lo: number; readonly hi: number }
  | { readonly t: 'cat'; readonly cat: Category };
type AtKind = 'begin' | 'begin_string' | 'end' | 'end_string' | 'boundary' | 'nonboundary';

type Node =
  | { readonly t: 'lit'; readonly cp: number }
  | { readonly t: 'notlit'; readonly cp: number }
  | { readonly t: 'any' }
  | { readonly t: 'in'; readonly negate: boolean; readonly items: readonly SetItem[] }
  | { readonly t: 'at'; readonly kind: AtKind }
  | { readonly t: 'group'; readonly gid: number | null; readonly add: number; readonly del: number; readonly body: Seq }
  | { readonly t: 'atomic'; readonly body: Seq }
  | { readonly t: 'assert'; readonly behind: boolean; readonly negate: boolean; readonly body: Seq }
  | { readonly t: 'repeat'; readonly min: number; readonly max: number; readonly kind: 'greedy' | 'lazy' | 'possessive'; readonly item: Seq }
  | { readonly t: 'ref'; readonly gid: number }
  | { readonly t: 'cond'; readonly gid: number; readonly yes: Seq; readonly no: Seq | null }
  | { readonly t: 'branch'; readonly alts: readonly Seq[] };
type Seq = Node[];

const SPECIAL_CHARS = new Set('.\\[{()*+?^$|');
const REPEAT_CHARS = new Set('*+?{');
const DIGITS = /^[0-9]$/;
const OCTDIGITS = /^[0-7]$/;
const HEXDIGITS = /^[0-9a-fA-F]$/;
const ASCIILETTERS = /^[a-zA-Z]$/;
const WHITESPACE = new Set(' \t\n\r\v\f');

const CATEGORY_ESCAPES: Readonly<Record<string, Category>> = {
  '\\d': 'digit',
  '\\D': 'notdigit',
  '\\s': 'space',
  '\\S': 'notspace',
  '\\w': 'word',
  '\\W': 'notword',
};
const AT_ESCAPES: Readonly<Record<string, AtKind>> = {
  '\\A': 'begin_string',
  '\\b': 'boundary',
  '\\B': 'nonboundary',
  '\\Z': 'end_string',
};
const CHAR_ESCAPES: Readonly<Record<string, number>> = {
  '\\a': 7,
  '\\b': 8,
  '\\f': 12,
  '\\n': 10,
  '\\r': 13,
  '\\t': 9,
  '\\v': 11,
  '\\\\': 92,
};

// --------------------------------------------------------------- source

/** re._parser.Tokenizer: a token is one code point, or '\\' and the next one. */
class Source {
  private readonly chars: string[];
  private index = 0;
  next: string | null = null;

  constructor(readonly pattern: string) {
    this.chars = [...pattern];
    this.advance();
  }

  private advance(): void {
    const ch = this.chars[this.index];
    if (ch === undefined) {
      this.next = null;
      return;
    }
    if (ch === '\\') {
      const c = this.chars[this.index + 1];
      if (c === undefined) throw new PyReError('bad escape (end of pattern)', this.pattern, this.chars.length - 1);
      this.next = ch + c;
      this.index += 2;
      return;
    }
    this.next = ch;
    this.index += 1;
  }

  match(s: string): boolean {
    if (this.next !== s) return false;
    this.advance();
    return true;
  }

  get(): string | null {
    const t = this.next;
    this.advance();
    return t;
  }

  getwhile(n: number, re: RegExp): string {
    let out = '';
    for (let i = 0; i < n; i++) {
      const c = this.next;
      if (c === null || !re.test(c)) break;
      out += c;
      this.advance();
    }
    return out;
  }

  getuntil(terminator: string, name: string): string {
    let result = '';
    for (;;) {
      const c = this.next;
      this.advance();
      if (c === null) {
        if (!result) throw this.error(`missing ${name}`);
        throw this.error(`missing ${terminator}, unterminated name`, [...result].length);
      }
      if (c === terminator) {
        if (!result) throw this.error(`missing ${name}`, 1);
        return result;
      }
      result += c;
    }
  }

  tell(): number {
    return this.index - (this.next === null ? 0 : [...this.next].length);
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  error(msg: string, offset = 0): PyReError {
    return new PyReError(msg, this.pattern, this.tell() - offset);
  }

  checkgroupname(name: string, offset: number): void {
    if (!isIdentifier(name)) throw this.error(`bad character in group name ${pyStringRepr(name)}`, [...name].length + offset);
  }
}

/** `str.isidentifier()`: XID_Start or '_', then XID_Continue, without normalisation. */
function isIdentifier(name: string): boolean {
  return /^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(name);
}

function cpLen(s: string): number {
  return [...s].length;
}


// ---------------------------------------------------------------- state

class State {
  flags = 0;
  readonly groupdict = new Map<string, number>();
  /** Index = group id; null while the group is open. Group 0 is the whole match. */
  readonly groupwidths: Array<[number, number] | null> = [null];
  lookbehindgroups: number | null = null;
  /** Where a numbered conditional first named each group (checked once parsing ends). */
  readonly grouprefpos = new Map<number, number>();

  get groups(): number {
    return this.groupwidths.length;
  }
  opengroup(name: string | null): number {
    const gid = this.groups;
    this.groupwidths.push(null);
    if (name !== null) {
      const ogid = this.groupdict.get(name);
      if (ogid !== undefined) {
        throw new PyReError(`redefinition of group name ${pyStringRepr(name)} as group ${gid}; was group ${ogid}`);
      }
      this.groupdict.set(name, gid);
    }
    return gid;
  }
  closegroup(gid: number, p: Seq): void {
    this.groupwidths[gid] = this.width(p);
  }
  checkgroup(gid: number): boolean {
    return gid < this.groups && this.groupwidths[gid] !== null;
  }
  checklookbehindgroup(gid: number, source: Source): void {
    if (this.lookbehindgroups === null) return;
    if (!this.checkgroup(gid)) throw source.error('cannot refer to an open group');
    if (gid >= this.lookbehindgroups) throw source.error('cannot refer to group defined in the same lookbehind subpattern');
  }

  /** SubPattern.getwidth(): (min, max) characters matched. */
  width(seq: Seq): [number, number] {
    let lo = 0;
    let hi = 0;
    for (const node of seq) {
      const [i, j] = this.nodeWidth(node);
      lo += i;
      hi += j;
    }
    return [Math.min(lo, MAXWIDTH), Math.min(hi, MAXWIDTH)];
  }

  private nodeWidth(node: Node): [number, number] {
    switch (node.t) {
      case 'lit':
      case 'notlit':
      case 'any':
      case 'in':
        return [1, 1];
      case 'branch': {
        const ws = node.alts.map((a) => this.width(a));
        return [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];
      }
      case 'group':
      case 'atomic':
        return this.width(node.body);
      case 'repeat': {
        const [i, j] = this.width(node.item);
        return [i * node.min, j * node.max];
      }
      case 'ref':
        return this.groupwidths[node.gid] ?? [0, 0];
      case 'cond': {
        const [i, j] = this.width(node.yes);
        if (node.no === null) return [0, j];
        const [l, h] = this.width(node.no);
        return [Math.min(i, l), Math.max(j, h)];
      }
      default:
        return [0, 0];
    }
  }
}

// --------------------------------------------------------------- parser

function classEscape(source: Source, escape: string): SetItem {
  const code = CHAR_ESCAPES[escape];
  if (code !== undefined) return { t: 'lit', cp: code };
  const cat = CATEGORY_ESCAPES[escape];
  if (cat !== undefined) return { t: 'cat', cat };
  const lit = numericEscape(source, escape, true);
  if (lit !== null) return { t: 'lit', cp: lit };
  return { t: 'lit', cp: plainEscape(source, escape) };
}

/** \x.., \u...., \U........, \N{...} and (in classes) octal escapes; null when not one of them. */
function numericEscape(source: Source, escape: string, inClass: boolean): number | null {
  const c = escape.slice(1);
  const hex = (n: number): number => {
    const digits = source.getwhile(n, HEXDIGITS);
    const full = escape + digits;
    if (digits.length !== n) throw source.error(`incomplete escape ${full}`, full.length);
    return parseInt(digits, 16);
  };
  if (c === 'x') return hex(2);
  if (c === 'u') return hex(4);
  if (c === 'U') {
    const cp = hex(8);
    const full = `${escape}${cp.toString(16).padStart(8, '0')}`;
    if (cp > 0x10ffff) throw source.error(`bad escape ${full}`, full.length);
    return cp;
  }
  if (c === 'N') {
    if (!source.match('{')) throw source.error('missing {');
    source.getuntil('}', 'character name');
    throw new PyReUnsupportedError('\\N{...} named characters are not supported by this translation');
  }
  if (inClass && OCTDIGITS.test(c)) {
    const full = escape + source.getwhile(2, OCTDIGITS);
    const value = parseInt(full.slice(1), 8);
    if (value > 0o377) throw source.error(`octal escape value ${full} outside of range 0-0o377`, full.length);
    return value;
  }
  return null;
}

/** An escaped non-letter stands for itself; an unknown ASCII letter or a digit is an error. */
function plainEscape(source: Source, escape: string): number {
  const c = escape.slice(1);
  if (DIGITS.test(c) || ASCIILETTERS.test(c)) throw source.error(`bad escape ${escape}`, escape.length);
  return c.codePointAt(0) as number;
}

function escapeNode(source: Source, escape: string, state: State): Node {
  const cat = CATEGORY_ESCAPES[escape];
  if (cat !== undefined) return { t: 'in', negate: false, items: [{ t: 'cat', cat }] };
  const at = AT_ESCAPES[escape];
  if (at !== undefined) return { t: 'at', kind: at };
  const code = CHAR_ESCAPES[escape];
  if (code !== undefined) return { t: 'lit', cp: code };
  const lit = numericEscape(source, escape, false);
  if (lit !== null) return { t: 'lit', cp: lit };
  const c = escape.slice(1);
  if (c === '0') return { t: 'lit', cp: parseInt(escape.slice(1) + source.getwhile(2, OCTDIGITS), 8) };
  if (DIGITS.test(c)) return digitEscape(source, escape, state);
  return { t: 'lit', cp: plainEscape(source, escape) };
}

/** "octal escape *or* decimal group reference (sigh)" - re._parser._escape. */
function digitEscape(source: Source, first: string, state: State): Node {
  let escape = first;
  if (source.next !== null && DIGITS.test(source.next)) {
    escape += source.get();
    const e1 = escape.charAt(1);
    const e2 = escape.charAt(2);
    if (OCTDIGITS.test(e1) && OCTDIGITS.test(e2) && source.next !== null && OCTDIGITS.test(source.next)) {
      escape += source.get();
      const value = parseInt(escape.slice(1), 8);
      if (value > 0o377) throw source.error(`octal escape value ${escape} outside of range 0-0o377`, escape.length);
      return { t: 'lit', cp: value };
    }
  }
  const group = parseInt(escape.slice(1), 10);
  if (group < state.groups) {
    if (!state.checkgroup(group)) throw source.error('cannot refer to an open group', escape.length);
    state.checklookbehindgroup(group, source);
    return { t: 'ref', gid: group };
  }
  throw source.error(`invalid group reference ${group}`, escape.length - 1);
}

function parseSub(source: Source, state: State, verbose: boolean, nested: number): Seq {
  const items: Seq[] = [];
  for (;;) {
    items.push(parseSeq(source, state, verbose, nested + 1, nested === 0 && items.length === 0));
    if (!source.match('|')) break;
    if (nested === 0) verbose = (state.flags & FLAG.VERBOSE) !== 0;
  }
  if (items.length === 1) return items[0] as Seq;
  return [{ t: 'branch', alts: items }];
}

function parseSeq(source: Source, state: State, verbose: boolean, nested: number, first: boolean): Seq {
  const seq: Seq = [];
  for (;;) {
    const t = source.next;
    if (t === null || t === '|' || t === ')') break;
    source.get();
    if (verbose && WHITESPACE.has(t)) continue;
    if (verbose && t === '#') {
      for (let c = source.get(); c !== null && c !== '\n'; c = source.get());
      continue;
    }
    if (t.charAt(0) === '\\') seq.push(escapeNode(source, t, state));
    else if (!SPECIAL_CHARS.has(t)) seq.push({ t: 'lit', cp: t.codePointAt(0) as number });
    else if (t === '[') seq.push(parseSet(source));
    else if (REPEAT_CHARS.has(t)) parseRepeat(source, seq, t);
    else if (t === '.') seq.push({ t: 'any' });
    else if (t === '(') {
      const node = parseGroup(source, state, verbose, nested, first && seq.length === 0);
      if (node === 'global-flags') verbose = (state.flags & FLAG.VERBOSE) !== 0;
      else if (node !== null) seq.push(node);
    } else if (t === '^') seq.push({ t: 'at', kind: 'begin' });
    else seq.push({ t: 'at', kind: 'end' });
  }
  return seq;
}

function parseSet(source: Source): Node {
  const here = source.tell() - 1;
  const items: SetItem[] = [];
  const negate = source.match('^');
  for (;;) {
    const t = source.get();
    if (t === null) throw source.error('unterminated character set', source.tell() - here);
    if (t === ']' && items.length > 0) break;
    const code1 = t.charAt(0) === '\\' ? classEscape(source, t) : ({ t: 'lit', cp: t.codePointAt(0) as number } as SetItem);
    if (!source.match('-')) {
      items.push(code1);
      continue;
    }
    const that = source.get();
    if (that === null) throw source.error('unterminated character set', source.tell() - here);
    if (that === ']') {
      items.push(code1, { t: 'lit', cp: 0x2d });
      break;
    }
    const code2 = that.charAt(0) === '\\' ? classEscape(source, that) : ({ t: 'lit', cp: that.codePointAt(0) as number } as SetItem);
    const msg = `bad character range ${t}-${that}`;
    if (code1.t !== 'lit' || code2.t !== 'lit' || code2.cp < code1.cp) throw source.error(msg, [...t].length + 1 + [...that].length);
    items.push({ t: 'range', lo: code1.cp, hi: code2.cp });
  }
  if (items.length === 1 && items[0]?.t === 'lit') return negate ? { t: 'notlit', cp: items[0].cp } : { t: 'lit', cp: items[0].cp };
  return { t: 'in', negate, items };
}

function parseRepeat(source: Source, seq: Seq, t: string): void {
  const here = source.tell();
  let min: number;
  let max: number;
  if (t === '?') [min, max] = [0, 1];
  else if (t === '*') [min, max] = [0, MAXREPEAT];
  else if (t === '+') [min, max] = [1, MAXREPEAT];
  else {
    if (source.next === '}') {
      seq.push({ t: 'lit', cp: 0x7b });
      return;
    }
    const bounds = parseBraces(source, here);
    if (bounds === null) {
      seq.push({ t: 'lit', cp: 0x7b });
      source.seek(here);
      return;
    }
    [min, max] = bounds;
  }
  const last = seq[seq.length - 1];
  if (last === undefined || last.t === 'at') throw source.error('nothing to repeat', source.tell() - here + 1);
  if (last.t === 'repeat') throw source.error('multiple repeat', source.tell() - here + 1);
  const item: Seq = last.t === 'group' && last.gid === null && !last.add && !last.del ? last.body : [last];
  const kind = source.match('?') ? 'lazy' : source.match('+') ? 'possessive' : 'greedy';
  seq[seq.length - 1] = { t: 'repeat', min, max, kind, item };
}

function parseBraces(source: Source, here: number): [number, number] | null {
  let lo = '';
  let hi = '';
  while (source.next !== null && DIGITS.test(source.next)) lo += source.get();
  if (source.match(',')) {
    while (source.next !== null && DIGITS.test(source.next)) hi += source.get();
  } else hi = lo;
  if (!source.match('}')) return null;
  const min = lo ? Number(lo) : 0;
  const max = hi ? Number(hi) : MAXREPEAT;
  if (lo && min >= MAXREPEAT) throw new PyOverflowError('the repetition number is too large');
  if (hi && max >= MAXREPEAT) throw new PyOverflowError('the repetition number is too large');
  if (hi && max < min) throw source.error('min repeat greater than max repeat', source.tell() - here);
  return [min, max];
}

function parseGroup(source: Source, state: State, verbose: boolean, nested: number, atStart: boolean): Node | null | 'global-flags' {
  const start = source.tell() - 1;
  let capture = true;
  let atomic = false;
  let name: string | null = null;
  let add = 0;
  let del = 0;
  if (source.match('?')) {
    const char = source.get();
    if (char === null) throw source.error('unexpected end of pattern');
    if (char === 'P') {
      if (source.match('<')) {
        name = source.getuntil('>', 'group name');
        source.checkgroupname(name, 1);
      } else if (source.match('=')) {
        return namedBackref(source, state);
      } else {
        const c = source.get();
        if (c === null) throw source.error('unexpected end of pattern');
        throw source.error(`unknown extension ?P${c}`, c.length + 2);
      }
    } else if (char === ':') {
      capture = false;
    } else if (char === '#') {
      for (;;) {
        if (source.next === null) throw source.error('missing ), unterminated comment', source.tell() - start);
        if (source.get() === ')') return null;
      }
    } else if (char === '=' || char === '!' || char === '<') {
      return parseAssert(source, state, verbose, nested, char, start);
    } else if (char === '(') {
      return parseConditional(source, state, verbose, nested, start);
    } else if (char === '>') {
      capture = false;
      atomic = true;
    } else if (char in INLINE_FLAGS || char === '-') {
      const flags = parseFlags(source, state, char);
      if (flags === null) {
        if (!atStart) throw source.error('global flags not at the start of the expression', source.tell() - start);
        return 'global-flags';
      }
      [add, del] = flags;
      capture = false;
    } else {
      throw source.error(`unknown extension ?${char}`, char.length + 1);
    }
  }
  let gid: number | null = null;
  if (capture) {
    try {
      gid = state.opengroup(name);
    } catch (e) {
      if (e instanceof PyReError) throw source.error(e.msg, [...(name ?? '')].length + 1);
      throw e;
    }
  }
  const subVerbose = (verbose || (add & FLAG.VERBOSE) !== 0) && (del & FLAG.VERBOSE) === 0;
  const body = parseSub(source, state, subVerbose, nested + 1);
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  if (gid !== null) state.closegroup(gid, body);
  if (atomic) return { t: 'atomic', body };
  return { t: 'group', gid, add, del, body };
}

function namedBackref(source: Source, state: State): Node {
  const name = source.getuntil(')', 'group name');
  source.checkgroupname(name, 1);
  const gid = state.groupdict.get(name);
  if (gid === undefined) throw source.error(`unknown group name ${pyStringRepr(name)}`, [...name].length + 1);
  if (!state.checkgroup(gid)) throw source.error('cannot refer to an open group', [...name].length + 1);
  state.checklookbehindgroup(gid, source);
  return { t: 'ref', gid };
}

function parseAssert(source: Source, state: State, verbose: boolean, nested: number, first: string, start: number): Node {
  let char = first;
  const behind = char === '<';
  const saved = state.lookbehindgroups;
  if (behind) {
    const c = source.get();
    if (c === null) throw source.error('unexpected end of pattern');
    if (c !== '=' && c !== '!') throw source.error(`unknown extension ?<${c}`, c.length + 2);
    char = c;
    if (saved === null) state.lookbehindgroups = state.groups;
  }
  const body = parseSub(source, state, verbose, nested + 1);
  if (behind && saved === null) state.lookbehindgroups = null;
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  if (behind) {
    // re._compiler: only lookbehinds need a fixed width (checked at compile time, no position).
    const [lo, hi] = state.width(body);
    if (lo !== hi) throw new PyReError('look-behind requires fixed-width pattern');
  }
  return { t: 'assert', behind, negate: char === '!', body };
}

function parseConditional(source: Source, state: State, verbose: boolean, nested: number, start: number): Node {
  const condname = source.getuntil(')', 'group name');
  let gid: number;
  if (isIdentifier(condname)) {
    const g = state.groupdict.get(condname);
    if (g === undefined) throw source.error(`unknown group name ${pyStringRepr(condname)}`, [...condname].length + 1);
    gid = g;
  } else {
    if (!/^\d+$/u.test(condname) && !/^\p{Nd}+$/u.test(condname)) {
      throw source.error(`bad character in group name ${pyStringRepr(condname)}`, [...condname].length + 1);
    }
    gid = Number(condname);
    if (!gid) throw source.error('bad group number', [...condname].length + 1);
    if (!state.grouprefpos.has(gid)) state.grouprefpos.set(gid, source.tell() - cpLen(condname) - 1);
  }
  state.checklookbehindgroup(gid, source);
  const yes = parseSeq(source, state, verbose, nested + 1, false);
  let no: Seq | null = null;
  if (source.match('|')) {
    no = parseSeq(source, state, verbose, nested + 1, false);
    if (source.next === '|') throw source.error('conditional backref with more than two branches');
  }
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  return { t: 'cond', gid, yes, no };
}

function parseFlags(source: Source, state: State, first: string): [number, number] | null {
  let char: string | null = first;
  let add = 0;
  let del = 0;
  if (char !== '-') {
    for (;;) {
      const flag = INLINE_FLAGS[char as string] as number;
      if (char === 'L') throw source.error("bad inline flags: cannot use 'L' flag with a str pattern");
      add |= flag;
      if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag) {
        throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      }
      char = source.get();
      if (char === null) throw source.error('missing -, : or )');
      if (char === ')' || char === '-' || char === ':') break;
      if (!(char in INLINE_FLAGS)) throw source.error(/^\p{L}$/u.test(char) ? 'unknown flag' : 'missing -, : or )', cpLen(char));
    }
  }
  if (char === ')') {
    state.flags |= add;
    return null;
  }
  if (char === '-') {
    char = source.get();
    if (char === null) throw source.error('missing flag');
    if (!(char in INLINE_FLAGS)) throw source.error(/^\p{L}$/u.test(char) ? 'unknown flag' : 'missing flag', cpLen(char));
    for (;;) {
      const flag = INLINE_FLAGS[char as string] as number;
      if (flag & TYPE_FLAGS) throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      del |= flag;
      char = source.get();
      if (char === null) throw source.error('missing :');
      if (char === ':') break;
      if (!(char in INLINE_FLAGS)) throw source.error(/^\p{L}$/u.test(char) ? 'unknown flag' : 'missing :', cpLen(char));
    }
  }
  if (add & del) throw source.error('bad inline flags: flag turned on and off', 1);
  return [add, del];
}

interface Parsed {
  readonly seq: Seq;
  readonly flags: number;
  readonly groups: number;
  readonly groupindex: ReadonlyMap<string, number>;
}

function parse(pattern: string, flags: number): Parsed {
  const source = new Source(pattern);
  const state = new State();
  state.flags = flags;
  const seq = parseSub(source, state, (flags & FLAG.VERBOSE) !== 0, 0);
  if (source.next !== null) throw source.error('unbalanced parenthesis');
  for (const [gid, pos] of state.grouprefpos) {
    if (gid >= state.groups) throw new PyReError(`invalid group reference ${gid}`, pattern, pos);
  }
  let final = state.flags;
  if ((final & FLAG.ASCII) === 0) final |= FLAG.UNICODE;
  else if (final & FLAG.UNICODE) throw new ValueError('ASCII and UNICODE flags are incompatible');
  return { seq, flags: final, groups: state.groups, groupindex: state.groupdict };
}

// ------------------------------------------------------------ case folding

/** Python's `_sre.unicode_tolower`: the simple lower-case mapping. */
function pyLower(cp: number): number {
  if (cp === 0x130) return 0x69;
  const lowered = String.fromCodePoint(cp).toLowerCase();
  const out = lowered.codePointAt(0) as number;
  return lowered.length === String.fromCodePoint(out).length ? out : cp;
}
/** `_sre.unicode_iscased`: the full case mappings change the character. */
function isCased(cp: number): boolean {
  const s = String.fromCodePoint(cp);
  return s.toLowerCase() !== s || s.toUpperCase() !== s;
}

/** re._casefix._EXTRA_CASES (CPython 3.11): lower-case letters IGNORECASE also pairs. */
const EXTRA_CASES: ReadonlyMap<number, readonly number[]> = new Map([
  [0x69, [0x131]], [0x73, [0x17f]], [0xb5, [0x3bc]], [0x131, [0x69]], [0x17f, [0x73]],
  [0x345, [0x3b9, 0x1fbe]], [0x390, [0x1fd3]], [0x3b0, [0x1fe3]], [0x3b2, [0x3d0]], [0x3b5, [0x3f5]],
  [0x3b8, [0x3d1]], [0x3b9, [0x345, 0x1fbe]], [0x3ba, [0x3f0]], [0x3bc, [0xb5]], [0x3c0, [0x3d6]],
  [0x3c1, [0x3f1]], [0x3c2, [0x3c3]], [0x3c3, [0x3c2]], [0x3c6, [0x3d5]], [0x3d0, [0x3b2]],
  [0x3d1, [0x3b8]], [0x3d5, [0x3c6]], [0x3d6, [0x3c0]], [0x3f0, [0x3ba]], [0x3f1, [0x3c1]],
  [0x3f5, [0x3b5]], [0x432, [0x1c80]], [0x434, [0x1c81]], [0x43e, [0x1c82]], [0x441, [0x1c83]],
  [0x442, [0x1c84, 0x1c85]], [0x44a, [0x1c86]], [0x463, [0x1c87]], [0x1c80, [0x432]], [0x1c81, [0x434]],
  [0x1c82, [0x43e]], [0x1c83, [0x441]], [0x1c84, [0x442, 0x1c85]], [0x1c85, [0x442, 0x1c84]],
  [0x1c86, [0x44a]], [0x1c87, [0x463]], [0x1c88, [0xa64b]], [0x1e61, [0x1e9b]], [0x1e9b, [0x1e61]],
  [0x1fbe, [0x345, 0x3b9]], [0x1fd3, [0x390]], [0x1fe3, [0x3b0]], [0xa64b, [0x1c88]], [0xfb05, [0xfb06]],
  [0xfb06, [0xfb05]],
]);

let lowerPreimage: Map<number, number[]> | null = null;

/** Every cased code point, grouped by its lower-case form (built once). */
function casedByLower(): Map<number, number[]> {
  if (lowerPreimage !== null) return lowerPreimage;
  const map = new Map<number, number[]>();
  // No cased characters exist above U+1FFFF.
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!isCased(cp)) continue;
    const lo = pyLower(cp);
    const list = map.get(lo) ?? [];
    list.push(cp);
    map.set(lo, list);
  }
  lowerPreimage = map;
  return map;
}

/** The characters x with lower(x) among `lowered`: what an IGNORECASE set matches. */
function preimage(lowered: Iterable<number>): Set<number> {
  const out = new Set<number>();
  const table = casedByLower();
  for (const lo of lowered) {
    if (pyLower(lo) === lo) out.add(lo);
    for (const x of table.get(lo) ?? []) out.add(x);
  }
  return out;
}

/** The lower-case forms a literal compiles to under IGNORECASE, with the extra cases. */
function loweredLiteral(cp: number): number[] {
  const lo = pyLower(cp);
  return [lo, ...(EXTRA_CASES.get(lo) ?? [])];
}

// --------------------------------------------------------------- emitter

function jsChar(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f) {
    return String.fromCodePoint(cp);
  }
  return `\\u{${cp.toString(16)}}`;
}

const PY_SPACE_CLASS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

function categoryClass(cat: Category, ascii: boolean): string {
  const word = ascii ? '[A-Za-z0-9_]' : '[\\p{L}\\p{N}_]';
  const digit = ascii ? '[0-9]' : '\\p{Nd}';
  const space = ascii ? '[\\t\\n\\v\\f\\r ]' : PY_SPACE_CLASS;
  switch (cat) {
    case 'word':
      return word;
    case 'notword':
      return `[^${word}]`;
    case 'digit':
      return `[${digit}]`;
    case 'notdigit':
      return `[^${digit}]`;
    case 'space':
      return space;
    default:
      return `[^${space}]`;
  }
}

const BEGIN = '(?<![\\s\\S])';
const END = '(?![\\s\\S])';

/** Where a back-reference's group may not have taken part: alternatives, optional repeats, negative lookarounds. */
type Frame = object;

interface EmitContext {
  readonly groupMap: Map<number, number>;
  /** Frames enclosing each Python group when it was emitted. */
  readonly groupFrames: Map<number, readonly Frame[]>;
  jsGroups: number;
}

class Emitter {
  private readonly ctx: EmitContext = { groupMap: new Map(), groupFrames: new Map(), jsGroups: 0 };

  emit(seq: Seq, flags: number, frames: readonly Frame[]): string {
    return seq.map((n) => this.node(n, flags, frames)).join('');
  }

  get groupMap(): ReadonlyMap<number, number> {
    return this.ctx.groupMap;
  }

  private node(node: Node, flags: number, frames: readonly Frame[]): string {
    const ic = (flags & FLAG.IGNORECASE) !== 0;
    const ascii = (flags & FLAG.ASCII) !== 0;
    switch (node.t) {
      case 'lit':
        return ic && isCased(node.cp) ? this.charset([...preimage(loweredLiteral(node.cp))], false) : jsChar(node.cp);
      case 'notlit':
        return ic && isCased(node.cp) ? this.charset([...preimage(loweredLiteral(node.cp))], true) : `[^${jsChar(node.cp)}]`;
      case 'any':
        return flags & FLAG.DOTALL ? '[\\s\\S]' : '[^\\n]';
      case 'in':
        return this.set(node.negate, node.items, ic, ascii);
      case 'at':
        return this.at(node.kind, flags);
      case 'group':
        return this.group(node, flags, frames);
      case 'atomic':
        return this.atomic(() => `(?:${this.emit(node.body, flags, frames)})`);
      case 'assert':
        return this.assertion(node, flags, frames);
      case 'repeat':
        return this.repeat(node, flags, frames);
      case 'ref':
        return this.ref(node.gid, ic, frames);
      case 'cond':
        throw new PyReUnsupportedError('conditional groups (?(id)yes|no) have no JavaScript equivalent');
      default:
        return this.branch(node.alts, flags, frames);
    }
  }

  private charset(cps: readonly number[], negate: boolean): string {
    return `[${negate ? '^' : ''}${cps.map(jsChar).join('')}]`;
  }

  private set(negate: boolean, items: readonly SetItem[], ic: boolean, ascii: boolean): string {
    const parts = items.map((it) => {
      if (it.t === 'lit') return jsChar(it.cp);
      if (it.t === 'range') return `${jsChar(it.lo)}-${jsChar(it.hi)}`;
      return categoryClass(it.cat, ascii);
    });
    if (ic) parts.push(...[...this.caseVariants(items)].map(jsChar));
    return `[${negate ? '^' : ''}${parts.join('')}]`;
  }

  /** Extra members of an IGNORECASE set: x whose lower-case form the compiled set holds. */
  private caseVariants(items: readonly SetItem[]): Set<number> {
    const lowered = new Set<number>();
    for (const it of items) {
      if (it.t === 'lit') for (const lo of loweredLiteral(it.cp)) lowered.add(lo);
    }
    const out = preimage(lowered);
    for (const [lo, xs] of casedByLower()) {
      const hit = items.some((it) => it.t === 'range' && this.lowerHitsRange(lo, xs, it.lo, it.hi));
      if (!hit) continue;
      for (const x of xs) out.add(x);
      if (pyLower(lo) === lo) out.add(lo);
      for (const extra of EXTRA_CASES.get(lo) ?? []) for (const x of preimage([extra])) out.add(x);
    }
    return out;
  }

  /** Whether lower(range) contains `lo`: some member of the range lowers to it. */
  private lowerHitsRange(lo: number, xs: readonly number[], from: number, to: number): boolean {
    if (lo >= from && lo <= to && pyLower(lo) === lo) return true;
    return xs.some((x) => x >= from && x <= to);
  }

  private at(kind: AtKind, flags: number): string {
    const multiline = (flags & FLAG.MULTILINE) !== 0;
    const word = categoryClass('word', (flags & FLAG.ASCII) !== 0);
    switch (kind) {
      case 'begin':
        return multiline ? '(?<![^\\n])' : BEGIN;
      case 'begin_string':
        return BEGIN;
      // NOTE(quirk): Python's '$' also matches just before a final newline.
      case 'end':
        return multiline ? `(?=\\n|${END})` : `(?=\\n?${END})`;
      case 'end_string':
        return END;
      case 'boundary':
        return `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
      default:
        // sre never matches \B in an empty string.
        return `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word})(?:(?<=[\\s\\S])|(?=[\\s\\S])))`;
    }
  }

  private group(node: Extract<Node, { t: 'group' }>, flags: number, frames: readonly Frame[]): string {
    const inner = (flags | node.add) & ~node.del;
    if (node.gid === null) return `(?:${this.emit(node.body, inner, frames)})`;
    const js = ++this.ctx.jsGroups;
    this.ctx.groupMap.set(node.gid, js);
    this.ctx.groupFrames.set(node.gid, frames);
    return `(${this.emit(node.body, inner, frames)})`;
  }

  /** (?>X) as (?=(X))\k: the lookahead commits to X's first match. Its group opens before X's. */
  private atomic(body: () => string): string {
    const k = ++this.ctx.jsGroups;
    return `(?:(?=(${body()}))\\${k})`;
  }

  private assertion(node: Extract<Node, { t: 'assert' }>, flags: number, frames: readonly Frame[]): string {
    const inner = node.negate ? [...frames, {}] : frames;
    const op = `${node.behind ? '<' : ''}${node.negate ? '!' : '='}`;
    return `(?${op}${this.emit(node.body, flags, inner)})`;
  }

  private repeat(node: Extract<Node, { t: 'repeat' }>, flags: number, frames: readonly Frame[]): string {
    const inner = node.min === 0 ? [...frames, {}] : frames;
    const max = node.max >= MAXREPEAT ? '' : String(node.max);
    const q = node.min === node.max ? `{${node.min}}` : `{${node.min},${max}}`;
    const body = (): string => `(?:${this.emit(node.item, flags, inner)})${q}`;
    if (node.kind === 'possessive') return this.atomic(body);
    return `${body()}${node.kind === 'lazy' ? '?' : ''}`;
  }

  private ref(gid: number, ic: boolean, frames: readonly Frame[]): string {
    if (ic) throw new PyReUnsupportedError('back-references under IGNORECASE are not supported by this translation');
    const groupFrames = this.ctx.groupFrames.get(gid) ?? [];
    if (!groupFrames.every((f, i) => frames[i] === f)) {
      throw new PyReUnsupportedError(
        `back-reference to group ${gid}, which may not have taken part in the match (JavaScript would match '' where Python fails)`,
      );
    }
    return `\\${this.ctx.groupMap.get(gid) as number}`;
  }

  private branch(alts: readonly Seq[], flags: number, frames: readonly Frame[]): string {
    return `(?:${alts.map((a) => this.emit(a, flags, [...frames, {}])).join('|')})`;
  }
}

// ---------------------------------------------------------------- public

/** A match as `re.Match` reports it: positions are code-point offsets. */
export interface PyMatch {
  /** `m.group(n)` or `m.group('name')`; null for a group that did not take part. */
  group(g?: number | string): string | null;
  span(): [number, number];
}

/** A compiled pattern: `re.compile(pattern)`. */
export class PyPattern {
  readonly groups: number;
  readonly groupindex: ReadonlyMap<string, number>;
  readonly flags: number;
  /** The JavaScript translation (flag `v`). */
  readonly regexp: RegExp;
  private readonly groupMap: ReadonlyMap<number, number>;
  private scanner: RegExp | undefined;

  constructor(readonly pattern: string, flags = 0) {
    const parsed = parse(pattern, flags);
    const emitter = new Emitter();
    const source = emitter.emit(parsed.seq, parsed.flags, []);
    this.groups = parsed.groups - 1;
    this.groupindex = parsed.groupindex;
    this.flags = parsed.flags;
    this.groupMap = emitter.groupMap;
    this.regexp = new RegExp(source, 'v');
  }

  /** `pattern.search(text)`: the first match anywhere, or null. */
  search(text: string): PyMatch | null {
    const m = this.firstMatch(text);
    if (m === null) return null;
    const start = [...text.slice(0, m.index)].length;
    const end = start + [...m[0]].length;
    return {
      span: () => [start, end],
      group: (g: number | string = 0) => this.groupOf(m, g),
    };
  }

  /**
   * V8 also tries a match starting between the two halves of a surrogate
   * pair, where a lookbehind sees a lone high surrogate ('^$' then matches
   * inside 'a😀'); Python's str has no such position, so those are skipped.
   */
  private firstMatch(text: string): RegExpExecArray | null {
    const re = (this.scanner ??= new RegExp(this.regexp.source, this.regexp.flags + 'g'));
    re.lastIndex = 0;
    for (;;) {
      const m = re.exec(text);
      if (m === null || !insidePair(text, m.index)) return m;
      re.lastIndex = m.index + 1;
    }
  }

  private groupOf(m: RegExpExecArray, g: number | string): string | null {
    const gid = typeof g === 'string' ? this.groupindex.get(g) : g;
    if (gid === undefined || gid < 0 || gid > this.groups) throw new PyReError('no such group');
    if (gid === 0) return m[0];
    const js = this.groupMap.get(gid);
    return js === undefined ? null : (m[js] ?? null);
  }
}

function insidePair(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const at = text.charCodeAt(index);
  return before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff;
}

/** re._MAXCACHE: CPython keeps this many compiled patterns, dropping the oldest. */
const MAXCACHE = 512;
const cache = new Map<string, PyPattern>();

/**
 * `re.compile(pattern, flags)`: raises PyReError where Python raises
 * re.error. Like `re`, the same pattern gives back the same object while it
 * is cached (property_utils keys a dict by the compiled pattern).
 */
export function compile(pattern: string, flags = 0): PyPattern {
  const key = `${flags}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const compiled = new PyPattern(pattern, flags);
  if (cache.size >= MAXCACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}
