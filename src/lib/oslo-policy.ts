/**
 * The oslo.policy rule language (oslo.policy 1.30-4.0: `_parser.py`,
 * `_checks.py`, `policy.Rules`, `policy.Enforcer.enforce`), as a library.
 *
 * A rule is text ("role:admin or rule:owner") or the deprecated
 * list-of-lists form ([["role:a", "role:b"], ["role:c"]]: outer list "or",
 * inner lists "and"). Parsing never fails: what oslo cannot understand
 * becomes a FalseCheck, exactly where oslo would log and fail closed.
 * Evaluation keeps oslo's edge behaviour, including the exceptions that
 * escape `enforce` (a malformed `%` format, an unparseable generic-check
 * kind, a rule that reduced to a bare string, a cyclic rule reference).
 *
 * Nothing here knows about Glance.
 */
import {
  AttributeError,
  IndexError,
  KeyError,
  PyException,
  TypeError_,
  ValueError,
  pyFloatRepr,
  pyRepr,
  pyStr,
  pyStringRepr,
  pyTruthy,
  pyTypeName,
} from './python.js';
import { PyList } from './pycollections.js';

// ------------------------------------------------------------------ mappings

/** A Python Mapping: anything with `__getitem__` raising KeyError when absent. */
export interface PyGetItem {
  getItem(key: string): unknown;
}

/** A target or creds value: a plain object, a Map or a Mapping-like object. */
export type PolicyMapping = PyGetItem | ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

function hasGetItem(x: object): x is PyGetItem {
  return typeof (x as { getItem?: unknown }).getItem === 'function';
}

/** Python's `container[key]` for a string key, with Python's errors. */
export function pySubscript(container: unknown, key: string): unknown {
  if (container === null || container === undefined) {
    throw new TypeError_("'NoneType' object is not subscriptable");
  }
  if (typeof container === 'string') throw new TypeError_("string indices must be integers, not 'str'");
  if (Array.isArray(container) || container instanceof PyList) {
    throw new TypeError_('list indices must be integers or slices, not str');
  }
  if (typeof container !== 'object') {
    throw new TypeError_(`'${pyTypeName(container)}' object is not subscriptable`);
  }
  if (container instanceof Map) {
    if (!container.has(key)) throw new KeyError(key);
    return container.get(key);
  }
  if (container instanceof Set) throw new TypeError_("'set' object is not subscriptable");
  if (hasGetItem(container)) return container.getItem(key);
  if (!Object.prototype.hasOwnProperty.call(container, key)) throw new KeyError(key);
  return (container as Record<string, unknown>)[key];
}

/** Python's `key in mapping` (Mapping.__contains__ goes through __getitem__). */
function pyContainsKey(mapping: PolicyMapping, key: string): boolean {
  try {
    pySubscript(mapping, key);
    return true;
  } catch (e) {
    if (e instanceof KeyError) return false;
    throw e;
  }
}

// ------------------------------------------------------- `match % target`

const CONVERSIONS = 'diouxXeEfFgGcrsa%';

/**
 * Python's `fmt % mapping`, as oslo formats a check's match with the
 * target. Keys are looked up in order, so a missing key raises KeyError
 * before a later malformed spec raises ValueError, as in CPython.
 */
export function formatWithMapping(fmt: string, mapping: PolicyMapping): string {
  let out = '';
  let i = 0;
  let positionalUsed = false;
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    i++;
    let value: unknown;
    let hasValue = false;
    if (fmt[i] === '(') {
      const end = closingParen(fmt, i);
      value = pySubscript(mapping, fmt.slice(i + 1, end));
      hasValue = true;
      i = end + 1;
    }
    const spec = /^([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?[hlL]?/.exec(fmt.slice(i));
    i += spec?.[0].length ?? 0;
    const conv = fmt[i];
    if (conv === undefined) throw new ValueError('incomplete format');
    if (!CONVERSIONS.includes(conv)) {
      throw new ValueError(`unsupported format character '${conv}' (0x${conv.charCodeAt(0).toString(16)}) at index ${i}`);
    }
    i++;
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (!hasValue) {
      // A mapping given to a positional spec is itself the one argument.
      if (positionalUsed) throw new TypeError_('not enough arguments for format string');
      positionalUsed = true;
      value = mapping;
    }
    out += pad(convert(conv, value, spec?.[3]), spec?.[1] ?? '', spec?.[2]);
  }
  return out;
}

/** `str(datetime)` of a naive UTC datetime, as Glance's timestamps are. */
function pyDatetimeStr(d: Date): string {
  const iso = d.toISOString();
  const micro = d.getUTCMilliseconds() === 0 ? '' : `.${String(d.getUTCMilliseconds()).padStart(3, '0')}000`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micro}`;
}

function closingParen(fmt: string, open: number): number {
  let depth = 1;
  for (let j = open + 1; j < fmt.length; j++) {
    if (fmt[j] === '(') depth++;
    else if (fmt[j] === ')' && --depth === 0) return j;
  }
  throw new ValueError('incomplete format key');
}

function convert(conv: string, value: unknown, precision: string | undefined): string {
  switch (conv) {
    case 's':
      return value instanceof Date ? pyDatetimeStr(value) : pyStr(value);
    case 'r':
    case 'a':
      return pyRepr(value);
    case 'c':
      if (typeof value === 'string' && [...value].length === 1) return value;
      if (typeof value === 'number' && Number.isInteger(value)) return String.fromCodePoint(value);
      throw new TypeError_(`%c requires int or char`);
    default:
      return convertNumber(conv, value, precision);
  }
}

function convertNumber(conv: string, value: unknown, precision: string | undefined): string {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    const what = 'diu'.includes(conv) ? 'a real number' : 'oxX'.includes(conv) ? 'an integer' : 'a real number';
    throw new TypeError_(`%${conv} format: ${what} is required, not ${pyTypeName(value)}`);
  }
  const n = Number(value);
  const digits = precision === undefined || precision === '*' ? 6 : Number(precision);
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
      return String(Math.trunc(n));
    case 'o':
      return Math.trunc(n).toString(8);
    case 'x':
      return Math.trunc(n).toString(16);
    case 'X':
      return Math.trunc(n).toString(16).toUpperCase();
    case 'e':
    case 'E': {
      const text = n.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
      return conv === 'E' ? text.toUpperCase() : text;
    }
    case 'g':
    case 'G': {
      const text = String(Number(n.toPrecision(digits || 1)));
      return conv === 'G' ? text.toUpperCase() : text;
    }
    default:
      return n.toFixed(digits);
  }
}

function pad(text: string, flags: string, width: string | undefined): string {
  const w = width === undefined || width === '*' ? 0 : Number(width);
  if (text.length >= w) return text;
  if (flags.includes('-')) return text.padEnd(w);
  return text.padStart(w, flags.includes('0') ? '0' : ' ');
}

// ------------------------------------------------------------------ checks

/** What a check needs from its enforcer: the rules, with default-rule lookup. */
export interface RuleSource {
  readonly rules: Rules;
}

/** Raised where CPython would hit its recursion limit (a cyclic `rule:`). */
export class RecursionError extends PyException {}

/**
 * A node of a parsed rule. `call` returns whether the check passes (a few
 * malformed rules raise instead, as they do in oslo); `depth` counts the
 * `rule:` references followed so far, to stop a cycle as CPython would.
 * @see oslo_policy/_checks.py BaseCheck
 */
export abstract class BaseCheck {
  abstract toString(): string;
  abstract call(target: PolicyMapping, creds: PolicyMapping, enforcer: RuleSource, depth: number): boolean;
}

/** "!": never. @see oslo_policy/_checks.py FalseCheck */
export class FalseCheck extends BaseCheck {
  toString(): string {
    return '!';
  }
  call(): boolean {
    return false;
  }
}

/** "@" or "": always. @see oslo_policy/_checks.py TrueCheck */
export class TrueCheck extends BaseCheck {
  toString(): string {
    return '@';
  }
  call(): boolean {
    return true;
  }
}

/**
 * What oslo's parser returns when a rule is a lone quoted string, a lone
 * keyword or a lone parenthesis: the token's text instead of a check.
 * oslo then fails when it tries to call it.
 * @see oslo_policy/_parser.py _parse_text_rule
 */
export class BareTokenRule extends BaseCheck {
  constructor(readonly text: string) {
    super();
  }
  toString(): string {
    return this.text;
  }
  call(): boolean {
    // NOTE(quirk): oslo's _check introspects `rule.__call__`; a str has none.
    throw new AttributeError("'str' object has no attribute '__call__'");
  }
}

/** @see oslo_policy/_checks.py NotCheck */
export class NotCheck extends BaseCheck {
  constructor(readonly rule: BaseCheck) {
    super();
  }
  toString(): string {
    return `not ${this.rule.toString()}`;
  }
  call(target: PolicyMapping, creds: PolicyMapping, enforcer: RuleSource, depth: number): boolean {
    return !this.rule.call(target, creds, enforcer, depth);
  }
}

/** @see oslo_policy/_checks.py AndCheck */
export class AndCheck extends BaseCheck {
  constructor(readonly rules: BaseCheck[]) {
    super();
  }
  toString(): string {
    return `(${this.rules.map(String).join(' and ')})`;
  }
  call(target: PolicyMapping, creds: PolicyMapping, enforcer: RuleSource, depth: number): boolean {
    return this.rules.every((r) => r.call(target, creds, enforcer, depth));
  }
  addCheck(rule: BaseCheck): this {
    this.rules.push(rule);
    return this;
  }
}

/** @see oslo_policy/_checks.py OrCheck */
export class OrCheck extends BaseCheck {
  constructor(readonly rules: BaseCheck[]) {
    super();
  }
  toString(): string {
    return `(${this.rules.map(String).join(' or ')})`;
  }
  call(target: PolicyMapping, creds: PolicyMapping, enforcer: RuleSource, depth: number): boolean {
    return this.rules.some((r) => r.call(target, creds, enforcer, depth));
  }
  addCheck(rule: BaseCheck): this {
    this.rules.push(rule);
    return this;
  }
  /** Removes and returns the last check (oslo's `pop_check`). */
  popCheck(): BaseCheck {
    const check = this.rules.pop();
    if (check === undefined) throw new IndexError('pop from empty list');
    return check;
  }
}

/** A `kind:match` check. @see oslo_policy/_checks.py Check */
export abstract class Check extends BaseCheck {
  constructor(
    readonly kind: string,
    readonly match: string,
  ) {
    super();
  }
  toString(): string {
    return `${this.kind}:${this.match}`;
  }
}

/** Deeper than any sane rule chain; CPython would give up about here too. */
const MAX_RULE_DEPTH = 200;

/**
 * `rule:name`: evaluates another rule; a missing one falls to the default rule.
 * @see oslo_policy/_checks.py RuleCheck
 */
export class RuleCheck extends Check {
  call(target: PolicyMapping, creds: PolicyMapping, enforcer: RuleSource, depth: number): boolean {
    if (depth >= MAX_RULE_DEPTH) throw new RecursionError('maximum recursion depth exceeded');
    const rule = enforcer.rules.find(this.match);
    // A missing rule (and no usable default) fails closed.
    if (rule === undefined) return false;
    return rule.call(target, creds, enforcer, depth + 1);
  }
}

/**
 * `role:name`: a case-insensitive match against `creds['roles']`.
 * @see oslo_policy/_checks.py RoleCheck
 */
export class RoleCheck extends Check {
  call(target: PolicyMapping, creds: PolicyMapping): boolean {
    const match = formatOrNull(this.match, target);
    if (match === null) return false;
    if (!pyContainsKey(creds, 'roles')) return false;
    const roles = pyIterate(pySubscript(creds, 'roles'));
    const wanted = match.toLowerCase();
    return roles.map(lowerOf).includes(wanted);
  }
}

function lowerOf(role: unknown): string {
  if (typeof role !== 'string') throw new AttributeError(`'${pyTypeName(role)}' object has no attribute 'lower'`);
  return role.toLowerCase();
}

function pyIterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Set || value instanceof PyList) return [...value];
  if (typeof value === 'string') return [...value];
  if (value instanceof Map) return [...value.keys()];
  if (value !== null && typeof value === 'object' && typeof (value as { toPyRepr?: unknown }).toPyRepr !== 'function') {
    if (Symbol.iterator in value) return [...(value as Iterable<unknown>)];
    return Object.keys(value);
  }
  throw new TypeError_(`'${pyTypeName(value)}' object is not iterable`);
}

/** The formatted match, or null where oslo catches the KeyError and fails. */
function formatOrNull(match: string, target: PolicyMapping): string | null {
  try {
    return formatWithMapping(match, target);
  } catch (e) {
    if (e instanceof KeyError) return null;
    throw e;
  }
}

/**
 * Any other `kind:match`. When the kind is a Python literal ('Member',
 * True, 42) it is compared as text with the formatted match; otherwise the
 * kind is a dotted path into the creds ("user.enabled"), lists matching
 * when any element does.
 * @see oslo_policy/_checks.py GenericCheck
 */
export class GenericCheck extends Check {
  private literal: LiteralResult | undefined;

  call(target: PolicyMapping, creds: PolicyMapping): boolean {
    const match = formatOrNull(this.match, target);
    if (match === null) return false;
    // NOTE(quirk): an unparseable kind raises SyntaxError out of enforce.
    this.literal ??= literalEval(this.kind);
    if (this.literal.isLiteral) return match === this.literal.text;
    return findInDict(creds, this.kind.split('.'), match);
  }
}

function findInDict(testValue: unknown, path: readonly string[], match: string): boolean {
  const [key, ...rest] = path;
  if (key === undefined) return match === pyValueStr(testValue);
  let value: unknown;
  try {
    value = pySubscript(testValue, key);
  } catch (e) {
    if (e instanceof KeyError) return false;
    throw e;
  }
  if (Array.isArray(value) || value instanceof PyList) {
    return [...value].some((v) => findInDict(v, rest, match));
  }
  return findInDict(value, rest, match);
}

/** `str(x)` for creds values (Python's repr inside containers). */
function pyValueStr(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) return pyFloatRepr(value);
  return pyStr(value);
}

// ------------------------------------------------------------------ parser

type Token = '(' | ')' | 'and' | 'or' | 'not' | 'string' | 'check' | 'and_expr' | 'or_expr';
type Value = BaseCheck | string;

interface Reduction {
  readonly tokens: readonly Token[];
  readonly run: (values: Value[]) => Array<[Token, Value]>;
}

const asCheck = (v: Value | undefined): BaseCheck => {
  if (v instanceof BaseCheck) return v;
  throw new TypeError_('reducer got a token where a check belongs');
};

const wrapCheck = (v: Value[]): Array<[Token, Value]> => [['check', asCheck(v[1])]];
const makeOrExpr = (v: Value[]): Array<[Token, Value]> => [['or_expr', new OrCheck([asCheck(v[0]), asCheck(v[2])])]];

/**
 * oslo's reducers, in the order its metaclass collects them (methods in
 * definition order, each method's decorators bottom-up). The first
 * reducer whose tokens end the stack wins.
 */
const REDUCERS: readonly Reduction[] = [
  { tokens: ['(', 'or_expr', ')'], run: wrapCheck },
  { tokens: ['(', 'and_expr', ')'], run: wrapCheck },
  { tokens: ['(', 'check', ')'], run: wrapCheck },
  { tokens: ['check', 'and', 'check'], run: (v) => [['and_expr', new AndCheck([asCheck(v[0]), asCheck(v[2])])]] },
  { tokens: ['or_expr', 'and', 'check'], run: (v) => [['or_expr', mixOrAnd(v[0] as OrCheck, asCheck(v[2]))]] },
  { tokens: ['and_expr', 'and', 'check'], run: (v) => [['and_expr', (v[0] as AndCheck).addCheck(asCheck(v[2]))]] },
  { tokens: ['and_expr', 'or', 'check'], run: makeOrExpr },
  { tokens: ['check', 'or', 'check'], run: makeOrExpr },
  { tokens: ['or_expr', 'or', 'check'], run: (v) => [['or_expr', (v[0] as OrCheck).addCheck(asCheck(v[2]))]] },
  { tokens: ['not', 'check'], run: (v) => [['check', new NotCheck(asCheck(v[1]))]] },
];

/** "A or B and C": the and binds to B, so B is taken back out of the or. */
function mixOrAnd(orExpr: OrCheck, check: BaseCheck): OrCheck {
  const last = orExpr.popCheck();
  const andExpr = last instanceof AndCheck ? last.addCheck(check) : new AndCheck([last, check]);
  return orExpr.addCheck(andExpr);
}

/** oslo's ParseState: shift each token, then reduce greedily. @see oslo_policy/_parser.py ParseState */
class ParseState {
  private readonly tokens: Token[] = [];
  private readonly values: Value[] = [];

  shift(token: Token, value: Value): void {
    this.tokens.push(token);
    this.values.push(value);
    this.reduce();
  }

  private reduce(): void {
    for (;;) {
      const reduction = REDUCERS.find((r) => this.endsWith(r.tokens));
      if (reduction === undefined) return;
      const n = reduction.tokens.length;
      const results = reduction.run(this.values.slice(-n));
      this.tokens.splice(-n, n, ...results.map((r) => r[0]));
      this.values.splice(-n, n, ...results.map((r) => r[1]));
    }
  }

  private endsWith(pattern: readonly Token[]): boolean {
    if (this.tokens.length < pattern.length) return false;
    const tail = this.tokens.slice(-pattern.length);
    return tail.every((t, i) => t === pattern[i]);
  }

  /** The single value left, or null when the rule did not reduce. */
  get result(): Value | null {
    return this.values.length === 1 ? (this.values[0] ?? null) : null;
  }
}

/** Parses one `kind:match` (or "@"/"!"); what has no colon fails closed. */
export function parseCheck(rule: string): BaseCheck {
  if (rule === '!') return new FalseCheck();
  if (rule === '@') return new TrueCheck();
  const colon = rule.indexOf(':');
  if (colon < 0) return new FalseCheck();
  const kind = rule.slice(0, colon);
  const match = rule.slice(colon + 1);
  if (kind === 'rule') return new RuleCheck(kind, match);
  if (kind === 'role') return new RoleCheck(kind, match);
  return new GenericCheck(kind, match);
}

/** Python's `str.split()` on `\s+` (its `\s` is Unicode whitespace). */
const WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** oslo's _parse_tokenize: whitespace-split, parens peeled off each end. */
export function* tokenize(rule: string): Generator<[Token, Value]> {
  for (const raw of rule.split(WHITESPACE)) {
    if (raw === '') continue;
    const clean = raw.replace(/^\(+/, '');
    for (let i = 0; i < raw.length - clean.length; i++) yield ['(', '('];
    if (clean === '') continue;
    const body = clean.replace(/\)+$/, '');
    const trail = clean.length - body.length;
    const lowered = body.toLowerCase();
    if (lowered === 'and' || lowered === 'or' || lowered === 'not') {
      yield [lowered, body];
    } else if (body !== '') {
      // The quote test looks at the token with its trailing parens, as oslo's does.
      if (clean.length >= 2 && isQuoted(clean)) yield ['string', clean.slice(1, -1)];
      else yield ['check', parseCheck(body)];
    }
    for (let i = 0; i < trail; i++) yield [')', ')'];
  }
}

function isQuoted(tok: string): boolean {
  const first = tok[0];
  return (first === '"' || first === "'") && tok[tok.length - 1] === first;
}

function parseTextRule(rule: string): BaseCheck {
  if (rule === '') return new TrueCheck();
  const state = new ParseState();
  for (const [tok, value] of tokenize(rule)) state.shift(tok, value);
  const result = state.result;
  // oslo logs "Failed to understand rule" and fails closed.
  if (result === null) return new FalseCheck();
  // NOTE(quirk): a lone string/keyword/paren token is returned as text, not a check.
  return typeof result === 'string' ? new BareTokenRule(result) : result;
}

/** A rule in the deprecated list-of-lists form. */
export type ListRule = ReadonlyArray<string | readonly string[]>;
/**
 * A rule as a policy file holds it: text in the policy language, or any
 * other JSON value, which oslo reads as the list form (and which may make
 * it raise, as a number does).
 */
export type RuleData = string | ListRule | unknown;

/**
 * oslo's `_parse_check` on any value: "!" and "@" are the constant checks,
 * and a value that is not text fails closed (oslo's split raises, it logs
 * "Failed to understand rule").
 */
function parseCheckOf(value: unknown): BaseCheck {
  return typeof value === 'string' ? parseCheck(value) : new FalseCheck();
}

/** oslo's `_parse_list_rule`: an outer "or" of inner "and"s; empty means allowed. */
function parseListRule(rule: unknown): BaseCheck {
  if (!pyTruthy(rule)) return new TrueCheck();
  const orList: BaseCheck[] = [];
  for (const inner of pyIterate(rule)) {
    if (!pyTruthy(inner)) continue;
    const andList = (typeof inner === 'string' ? [inner] : [...pyIterate(inner)]).map(parseCheckOf);
    orList.push(andList.length === 1 ? (andList[0] as BaseCheck) : new AndCheck(andList));
  }
  if (orList.length === 0) return new FalseCheck();
  return orList.length === 1 ? (orList[0] as BaseCheck) : new OrCheck(orList);
}

/**
 * Parsed text rules by their text. A check tree is never changed once
 * parsed (addCheck only runs while the parser builds it, and no code
 * compares checks by identity), so one tree can serve every Enforcer that
 * loads the same text: the legacy model builds its enforcers, and parses
 * Glance's whole policy file, per scenario.
 */
const PARSED_TEXT_RULES = new Map<string, BaseCheck>();
const PARSED_TEXT_RULES_MAX = 4096;

/** oslo's `parse_rule`: text in the policy language, or the list form. */
export function parseRule(rule: RuleData): BaseCheck {
  if (typeof rule !== 'string') return parseListRule(rule);
  let check = PARSED_TEXT_RULES.get(rule);
  if (check === undefined) {
    check = parseTextRule(rule);
    if (PARSED_TEXT_RULES.size >= PARSED_TEXT_RULES_MAX) PARSED_TEXT_RULES.clear();
    PARSED_TEXT_RULES.set(rule, check);
  }
  return check;
}

// ------------------------------------------------------------ rules, enforcer

/**
 * oslo's `Rules`: name to check, where a missing name resolves to the
 * default rule when that rule is defined (`Rules.__missing__`).
 * @see oslo_policy/policy.py Rules
 */
export class Rules {
  readonly checks: Map<string, BaseCheck>;

  constructor(
    checks: Iterable<[string, BaseCheck]> = [],
    readonly defaultRule: string | null = null,
  ) {
    this.checks = new Map(checks);
  }

  static fromDict(rules: Readonly<Record<string, RuleData>>, defaultRule: string | null = null): Rules {
    return new Rules(Object.entries(rules).map(([k, v]) => [k, parseRule(v)]), defaultRule);
  }

  get size(): number {
    return this.checks.size;
  }

  has(name: string): boolean {
    return this.checks.has(name);
  }

  /** `rules[name]`, or undefined where oslo raises KeyError. */
  find(name: string): BaseCheck | undefined {
    const check = this.checks.get(name);
    if (check !== undefined) return check;
    if (!this.defaultRule || !this.checks.has(this.defaultRule)) return undefined;
    return this.checks.get(this.defaultRule);
  }

  /** `rules.update(other)`: later names replace earlier ones in place. */
  update(other: Rules): void {
    for (const [k, v] of other.checks) this.checks.set(k, v);
  }
}

/**
 * The part of oslo's `Enforcer` that decides: a rule set with a default
 * rule, and `enforce(rule, target, creds)`. Raising is left to the caller
 * (oslo's `do_raise`/`exc`), which knows its own exception.
 * @see oslo_policy/policy.py Enforcer.enforce
 */
export class Enforcer implements RuleSource {
  private loaded: Rules | null = null;
  private pending: Readonly<Record<string, RuleData>> | null = null;

  constructor(
    rules: Readonly<Record<string, RuleData>> | Rules = {},
    readonly defaultRule: string | null = 'default',
  ) {
    if (rules instanceof Rules) this.loaded = rules;
    else this.pending = rules;
  }

  /**
   * The rules, parsed when first needed, as oslo loads its policy file on
   * the first enforce. A file that cannot be parsed (a rule that is a
   * number) raises on every enforce, since nothing is ever loaded.
   */
  get rules(): Rules {
    if (this.loaded === null) {
      this.loaded = Rules.fromDict(this.pending ?? {}, this.defaultRule);
      this.pending = null;
    }
    return this.loaded;
  }

  set rules(rules: Rules) {
    this.loaded = rules;
    this.pending = null;
  }

  /** oslo's `set_rules`: replace the rules, or lay the new ones over them. */
  setRules(rules: Readonly<Record<string, RuleData>> | Rules, overwrite = true): void {
    const incoming = rules instanceof Rules ? rules : Rules.fromDict(rules, this.defaultRule);
    if (overwrite) this.rules = new Rules(incoming.checks, this.defaultRule);
    else this.rules.update(incoming);
  }

  /** Whether `rule` (a name or a check tree) allows the action. */
  enforce(rule: string | BaseCheck, target: PolicyMapping, creds: PolicyMapping): boolean {
    if (rule instanceof BaseCheck) return rule.call(target, creds, this, 0);
    const rules = this.rules;
    // No rules at all fails closed, even with a default rule name set.
    if (rules.size === 0) return false;
    const check = rules.find(rule);
    if (check === undefined) return false;
    return check.call(target, creds, this, 0);
  }
}

// --------------------------------------------------- ast.literal_eval(kind)

/** Python's SyntaxError (escapes from oslo when a check's kind won't parse). */
export class SyntaxError_ extends PyException {
  override get pyName(): string {
    return 'SyntaxError';
  }
}

/** What `ast.literal_eval(kind)` gives: a literal and its `str()`, or ValueError. */
export type LiteralResult = { readonly isLiteral: true; readonly text: string } | { readonly isLiteral: false };

/**
 * `ast.literal_eval(text)` as GenericCheck uses it: the `str()` of the
 * literal; `{isLiteral: false}` where Python raises ValueError (a valid
 * expression that is not a literal, such as a name or dotted path); a
 * SyntaxError_ where Python cannot parse the text at all.
 */
export function literalEval(text: string): LiteralResult {
  const tokens = pyTokenize(text.replace(/^[ \t]+/, ''));
  const node = new ExprParser(tokens).parseEval();
  const value = convertLiteral(node);
  if (value === NOT_LITERAL) return { isLiteral: false };
  return { isLiteral: true, text: litStr(value) };
}

// Python values literal_eval can produce.
type Lit =
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'complex'; re: number; im: number }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'ellipsis' }
  | { t: 'tuple' | 'list' | 'set'; items: Lit[] }
  | { t: 'dict'; entries: Array<[Lit, Lit]> };

// The expression tree: only the distinctions literal_eval makes.
type Node =
  | { n: 'const'; v: Lit }
  | { n: 'joinedstr' }
  | { n: 'tuple' | 'list' | 'set'; elts: Node[] }
  | { n: 'dict'; keys: Array<Node | null>; values: Node[] }
  | { n: 'unary'; op: string; operand: Node }
  | { n: 'binop'; op: string; left: Node; right: Node }
  | { n: 'call'; func: Node; nargs: number }
  | { n: 'name'; id: string }
  | { n: 'other' };

interface PyTok {
  readonly type: 'name' | 'number' | 'string' | 'op' | 'end';
  readonly text: string;
  readonly lit?: Lit | 'fstring';
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=',
  '==', '>=', '>>', '@=', '^=', '|=', '!', '%', '&', '(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=',
  '>', '@', '[', ']', '^', '{', '|', '}', '~',
];

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_CHAR = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;

function syntaxError(msg = 'invalid syntax'): never {
  throw new SyntaxError_(msg);
}

function pyTokenize(src: string): PyTok[] {
  const toks: PyTok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') syntaxError();
    const str = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(src.slice(i));
    if (str && isStringPrefix(str[1] ?? '')) {
      const [tok, end] = readString(src, i, str[1] ?? '', str[2] ?? "'");
      toks.push(tok);
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const [tok, end] = readNumber(src, i);
      toks.push(tok);
      i = end;
      continue;
    }
    if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < src.length && NAME_CHAR.test(src[j] as string)) j++;
      toks.push({ type: 'name', text: src.slice(i, j) });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === undefined) syntaxError();
    toks.push({ type: 'op', text: op });
    i += op.length;
  }
  toks.push({ type: 'end', text: '' });
  return toks;
}

function isStringPrefix(prefix: string): boolean {
  return ['', 'r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf'].includes(prefix.toLowerCase());
}

function readString(src: string, start: number, prefix: string, quote: string): [PyTok, number] {
  const p = prefix.toLowerCase();
  let i = start + prefix.length + quote.length;
  let body = '';
  for (;;) {
    if (i >= src.length) syntaxError('unterminated string literal');
    if (src.startsWith(quote, i)) break;
    const c = src[i] as string;
    if (quote.length === 1 && (c === '\n' || c === '\r')) syntaxError('unterminated string literal');
    if (c === '\\' && i + 1 < src.length) {
      body += c + (src[i + 1] as string);
      i += 2;
      continue;
    }
    body += c;
    i++;
  }
  const end = i + quote.length;
  const text = src.slice(start, end);
  if (p.includes('f')) return [{ type: 'string', text, lit: 'fstring' }, end];
  const bytes = p.includes('b');
  if (bytes && /[^\x00-\x7f]/.test(body)) syntaxError('bytes can only contain ASCII literal characters');
  const value = p.includes('r') ? body : unescape(body, bytes);
  return [{ type: 'string', text, lit: bytes ? { t: 'bytes', v: value } : { t: 'str', v: value } }, end];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

function unescape(body: string, bytes: boolean): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (all, esc: string) => {
    if (esc in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[esc] as string;
    if (esc === 'x') syntaxError('(unicode error) truncated \\xXX escape');
    if (!bytes && (esc === 'u' || esc === 'U' || esc === 'N')) syntaxError('(unicode error) malformed \\N or \\u escape');
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    if (!bytes && (esc[0] === 'u' || esc[0] === 'U')) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return all;
  });
}

function readNumber(src: string, start: number): [PyTok, number] {
  const rest = src.slice(start);
  const radix = /^0([xXoObB])/.exec(rest);
  let text: string;
  let lit: Lit;
  if (radix) {
    const digits = { x: '[0-9a-fA-F]', o: '[0-7]', b: '[01]' }[(radix[1] as string).toLowerCase() as 'x' | 'o' | 'b'];
    const m = new RegExp(`^0[xXoObB](?:_?${digits})+`).exec(rest);
    if (!m) syntaxError('invalid number literal');
    text = m[0];
    lit = { t: 'int', v: BigInt(text.replace(/_/g, '').toLowerCase().replace(/^0o/, '0o')) };
  } else {
    const m = /^(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][-+]?\d(?:_?\d)*)?[jJ]?/.exec(rest);
    if (!m) syntaxError('invalid decimal literal');
    text = m[0];
    lit = numberLiteral(text);
  }
  const after = src.slice(start + text.length);
  // Python 3.11 lets a keyword touch a number ("1if x else y"), with a warning.
  const keyword = /^(and|else|for|if|in|is|not|or)(?![\p{L}\p{N}_])/u.test(after);
  if (NAME_CHAR.test(after[0] ?? '') && !keyword) syntaxError('invalid decimal literal');
  return [{ type: 'number', text, lit }, start + text.length];
}

function numberLiteral(text: string): Lit {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { t: 'complex', re: 0, im: Number(clean.slice(0, -1)) };
  if (/[.eE]/.test(clean)) return { t: 'float', v: Number(clean) };
  if (/^0+[1-9]/.test(clean)) {
    syntaxError('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers');
  }
  return { t: 'int', v: BigInt(clean) };
}

const COMPARISONS = new Set(['<', '>', '==', '>=', '<=', '!=']);
const BINARY_LEVELS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['|']),
  new Set(['^']),
  new Set(['&']),
  new Set(['<<', '>>']),
  new Set(['+', '-']),
  new Set(['*', '/', '//', '%', '@']),
];

/** A recursive-descent parser for Python's `eval` input (expressions only). */
class ExprParser {
  private pos = 0;
  constructor(private readonly toks: PyTok[]) {}

  private get tok(): PyTok {
    return this.toks[this.pos] ?? { type: 'end', text: '' };
  }
  private atEnd(): boolean {
    return this.tok.type === 'end';
  }
  private isOp(text: string): boolean {
    return this.tok.type === 'op' && this.tok.text === text;
  }
  private isKw(text: string): boolean {
    return this.tok.type === 'name' && this.tok.text === text;
  }
  private eat(text: string): boolean {
    if (this.isOp(text) || this.isKw(text)) {
      this.pos++;
      return true;
    }
    return false;
  }
  private expect(text: string): void {
    if (!this.eat(text)) syntaxError(text === ')' || text === ']' || text === '}' ? `'${text}' was never closed` : undefined);
  }

  parseEval(): Node {
    if (this.atEnd()) syntaxError();
    const node = this.exprList(false);
    if (!this.atEnd()) syntaxError(this.isOp(')') || this.isOp(']') || this.isOp('}') ? `unmatched '${this.tok.text}'` : undefined);
    return node;
  }

  /** `a, b, *c` (a tuple when there is a comma). */
  private exprList(inBrackets: boolean): Node {
    const first = this.starOr(() => this.test());
    if (!this.isOp(',')) {
      if (first.n === 'other' && first === STARRED && !inBrackets) syntaxError('cannot use starred expression here');
      return first;
    }
    const elts = [first];
    while (this.eat(',')) {
      if (this.atExprEnd()) break;
      elts.push(this.starOr(() => this.test()));
    }
    return { n: 'tuple', elts };
  }

  private atExprEnd(): boolean {
    return this.tok.type === 'end' || this.isOp(')') || this.isOp(']') || this.isOp('}') || this.isOp('=');
  }

  private starOr(parse: () => Node): Node {
    if (this.eat('*')) {
      this.bitOr();
      return STARRED;
    }
    return parse();
  }

  private test(): Node {
    if (this.isKw('lambda')) syntaxError();
    const body = this.orTest();
    if (this.isKw('if')) {
      this.pos++;
      this.orTest();
      this.expect('else');
      this.test();
      return { n: 'other' };
    }
    return body;
  }

  private orTest(): Node {
    let node = this.andTest();
    while (this.eat('or')) {
      this.andTest();
      node = { n: 'other' };
    }
    return node;
  }

  private andTest(): Node {
    let node = this.notTest();
    while (this.eat('and')) {
      this.notTest();
      node = { n: 'other' };
    }
    return node;
  }

  private notTest(): Node {
    if (this.eat('not')) {
      this.notTest();
      return { n: 'unary', op: 'not', operand: { n: 'other' } };
    }
    return this.comparison();
  }

  private comparison(): Node {
    let node = this.bitOr();
    for (;;) {
      if (this.tok.type === 'op' && COMPARISONS.has(this.tok.text)) this.pos++;
      else if (this.eat('in')) void 0;
      else if (this.isKw('not') && this.toks[this.pos + 1]?.text === 'in') this.pos += 2;
      else if (this.eat('is')) this.eat('not');
      else return node;
      this.bitOr();
      node = { n: 'other' };
    }
  }

  private bitOr(level = 0): Node {
    const ops = BINARY_LEVELS[level];
    if (ops === undefined) return this.factor();
    let node = this.bitOr(level + 1);
    while (this.tok.type === 'op' && ops.has(this.tok.text)) {
      const op = this.tok.text;
      this.pos++;
      node = { n: 'binop', op, left: node, right: this.bitOr(level + 1) };
    }
    return node;
  }

  private factor(): Node {
    if (this.tok.type === 'op' && (this.tok.text === '-' || this.tok.text === '+' || this.tok.text === '~')) {
      const op = this.tok.text;
      this.pos++;
      return { n: 'unary', op, operand: this.factor() };
    }
    return this.power();
  }

  private power(): Node {
    if (this.isKw('await')) {
      this.pos++;
      if (this.atExprEnd()) syntaxError();
    }
    const node = this.primary();
    if (this.eat('**')) return { n: 'binop', op: '**', left: node, right: this.factor() };
    return node;
  }

  private primary(): Node {
    let node = this.atom();
    for (;;) {
      if (this.eat('.')) {
        if (this.tok.type !== 'name' || KEYWORDS.has(this.tok.text)) syntaxError();
        this.pos++;
        node = { n: 'other' };
      } else if (this.eat('(')) {
        node = { n: 'call', func: node, nargs: this.callArgs() };
      } else if (this.eat('[')) {
        this.exprList(true);
        this.expect(']');
        node = { n: 'other' };
      } else return node;
    }
  }

  private callArgs(): number {
    let n = 0;
    while (!this.isOp(')')) {
      if (this.tok.type === 'end') syntaxError("'(' was never closed");
      if (this.eat('**')) this.test();
      else if (this.eat('*')) this.test();
      else if (this.tok.type === 'name' && this.toks[this.pos + 1]?.text === '=') {
        this.pos += 2;
        this.test();
      } else {
        this.test();
        if (this.isKw('for') || this.isKw('async')) this.comprehension();
      }
      n++;
      if (!this.eat(',')) break;
    }
    this.expect(')');
    return n;
  }

  private comprehension(): void {
    while (this.eat('async') || this.isKw('for')) {
      this.expect('for');
      this.targetList();
      this.expect('in');
      this.orTest();
      while (this.eat('if')) this.orTest();
    }
  }

  private targetList(): void {
    do {
      this.starOr(() => this.bitOr());
    } while (this.eat(',') && !this.isKw('in'));
  }

  private atom(): Node {
    const tok = this.tok;
    if (tok.type === 'number') {
      this.pos++;
      return { n: 'const', v: tok.lit as Lit };
    }
    if (tok.type === 'string') return this.strings();
    if (tok.type === 'name') return this.nameAtom(tok.text);
    if (this.eat('...')) return { n: 'const', v: { t: 'ellipsis' } };
    if (this.eat('(')) return this.parenAtom();
    if (this.eat('[')) return this.display(']', 'list');
    if (this.eat('{')) return this.braceAtom();
    return syntaxError(tok.type === 'end' ? 'invalid syntax' : tok.text === ')' || tok.text === ']' || tok.text === '}' ? `unmatched '${tok.text}'` : undefined);
  }

  private nameAtom(name: string): Node {
    this.pos++;
    if (name === 'True') return { n: 'const', v: { t: 'bool', v: true } };
    if (name === 'False') return { n: 'const', v: { t: 'bool', v: false } };
    if (name === 'None') return { n: 'const', v: { t: 'none' } };
    if (KEYWORDS.has(name)) syntaxError();
    return { n: 'name', id: name };
  }

  private strings(): Node {
    let joined = false;
    let kind: 'str' | 'bytes' | null = null;
    let value = '';
    while (this.tok.type === 'string') {
      const lit = this.tok.lit;
      this.pos++;
      const thisKind = lit === 'fstring' ? 'str' : (lit as { t: 'str' | 'bytes' }).t;
      if (kind !== null && kind !== thisKind) syntaxError('cannot mix bytes and nonbytes literals');
      kind = thisKind;
      if (lit === 'fstring') joined = true;
      else value += (lit as { v: string }).v;
    }
    if (joined) return { n: 'joinedstr' };
    return { n: 'const', v: kind === 'bytes' ? { t: 'bytes', v: value } : { t: 'str', v: value } };
  }

  private parenAtom(): Node {
    if (this.eat(')')) return { n: 'tuple', elts: [] };
    if (this.isKw('yield')) {
      this.pos++;
      if (!this.isOp(')')) {
        this.eat('from');
        this.exprList(true);
      }
      this.expect(')');
      return { n: 'other' };
    }
    if (this.tok.type === 'name' && this.toks[this.pos + 1]?.text === ':=') {
      this.pos += 2;
      this.test();
      this.expect(')');
      return { n: 'other' };
    }
    const first = this.starOr(() => this.test());
    if (this.isKw('for') || this.isKw('async')) {
      this.comprehension();
      this.expect(')');
      return { n: 'other' };
    }
    if (!this.isOp(',')) {
      if (first === STARRED) syntaxError('cannot use starred expression here');
      this.expect(')');
      return first;
    }
    const elts = [first];
    while (this.eat(',') && !this.isOp(')')) elts.push(this.starOr(() => this.test()));
    this.expect(')');
    return { n: 'tuple', elts };
  }

  private display(close: string, n: 'list' | 'set', first?: Node): Node {
    const elts: Node[] = first ? [first] : [];
    if (first === undefined) {
      if (this.eat(close)) return { n, elts };
      elts.push(this.starOr(() => this.test()));
    }
    if (this.isKw('for') || this.isKw('async')) {
      this.comprehension();
      this.expect(close);
      return { n: 'other' };
    }
    while (this.eat(',') && !this.isOp(close)) elts.push(this.starOr(() => this.test()));
    this.expect(close);
    return { n, elts };
  }

  private braceAtom(): Node {
    if (this.eat('}')) return { n: 'dict', keys: [], values: [] };
    if (this.eat('**')) return this.dictRest(null, this.bitOr());
    const first = this.starOr(() => this.test());
    if (!this.eat(':')) return this.display('}', 'set', first);
    return this.dictRest(first, this.test());
  }

  private dictRest(firstKey: Node | null, firstValue: Node): Node {
    if (firstKey !== null && (this.isKw('for') || this.isKw('async'))) {
      this.comprehension();
      this.expect('}');
      return { n: 'other' };
    }
    const keys: Array<Node | null> = [firstKey];
    const values = [firstValue];
    while (this.eat(',') && !this.isOp('}')) {
      if (this.eat('**')) {
        keys.push(null);
        values.push(this.bitOr());
        continue;
      }
      keys.push(this.test());
      this.expect(':');
      values.push(this.test());
    }
    this.expect('}');
    return { n: 'dict', keys, values };
  }
}

const STARRED: Node = { n: 'other' };
const NOT_LITERAL = Symbol('ValueError');

/** literal_eval's `_convert`: NOT_LITERAL where it raises ValueError. */
function convertLiteral(node: Node | null): Lit | typeof NOT_LITERAL {
  if (node === null) return NOT_LITERAL;
  switch (node.n) {
    case 'const':
      return node.v;
    case 'tuple':
    case 'list':
    case 'set': {
      const items = convertAll(node.elts);
      if (items === NOT_LITERAL) return NOT_LITERAL;
      return node.n === 'set' ? makeSet(items) : { t: node.n, items };
    }
    case 'dict':
      return convertDict(node);
    case 'call':
      return node.func.n === 'name' && node.func.id === 'set' && node.nargs === 0 ? { t: 'set', items: [] } : NOT_LITERAL;
    case 'binop':
      return convertComplexSum(node);
    default:
      return convertSignedNum(node);
  }
}

function convertAll(nodes: Node[]): Lit[] | typeof NOT_LITERAL {
  const out: Lit[] = [];
  for (const n of nodes) {
    const v = convertLiteral(n);
    if (v === NOT_LITERAL) return NOT_LITERAL;
    out.push(v);
  }
  return out;
}

function convertDict(node: { keys: Array<Node | null>; values: Node[] }): Lit | typeof NOT_LITERAL {
  const keys = node.keys.map(convertLiteral);
  const values = convertAll(node.values);
  if (values === NOT_LITERAL || keys.includes(NOT_LITERAL)) return NOT_LITERAL;
  const entries: Array<[Lit, Lit]> = [];
  keys.forEach((k, i) => {
    const key = k as Lit;
    assertHashable(key);
    const at = entries.findIndex(([e]) => litEquals(e, key));
    if (at >= 0) (entries[at] as [Lit, Lit])[1] = values[i] as Lit;
    else entries.push([key, values[i] as Lit]);
  });
  return { t: 'dict', entries };
}

function makeSet(items: Lit[]): Lit {
  const out: Lit[] = [];
  for (const item of items) {
    assertHashable(item);
    if (!out.some((o) => litEquals(o, item))) out.push(item);
  }
  return { t: 'set', items: out };
}

function assertHashable(v: Lit): void {
  if (v.t === 'list' || v.t === 'set' || v.t === 'dict') throw new TypeError_(`unhashable type: '${v.t}'`);
  if (v.t === 'tuple') v.items.forEach(assertHashable);
}

function litEquals(a: Lit, b: Lit): boolean {
  const na = litNumber(a);
  const nb = litNumber(b);
  if (na !== null && nb !== null) return na === nb;
  return litStr(a) === litStr(b) && a.t === b.t;
}

function litNumber(v: Lit): number | null {
  if (v.t === 'int') return Number(v.v);
  if (v.t === 'float') return v.v;
  if (v.t === 'bool') return v.v ? 1 : 0;
  if (v.t === 'complex' && v.im === 0) return v.re;
  return null;
}

function convertComplexSum(node: { op: string; left: Node; right: Node }): Lit | typeof NOT_LITERAL {
  if (node.op !== '+' && node.op !== '-') return NOT_LITERAL;
  const left = convertSignedNum(node.left);
  const right = convertNum(node.right);
  if (left === NOT_LITERAL || right === NOT_LITERAL) return NOT_LITERAL;
  if ((left.t !== 'int' && left.t !== 'float') || right.t !== 'complex') return NOT_LITERAL;
  const re = Number(left.v);
  // Complex arithmetic on (re, 0): the imaginary part is 0 +/- im, never -0.
  if (node.op === '+') return { t: 'complex', re: re + right.re, im: 0 + right.im };
  return { t: 'complex', re: re - right.re, im: 0 - right.im };
}

function convertSignedNum(node: Node): Lit | typeof NOT_LITERAL {
  if (node.n === 'unary' && (node.op === '+' || node.op === '-')) {
    const operand = convertNum(node.operand);
    if (operand === NOT_LITERAL || node.op === '+') return operand;
    if (operand.t === 'int') return { t: 'int', v: -operand.v };
    if (operand.t === 'float') return { t: 'float', v: -operand.v };
    return { t: 'complex', re: -(operand as { re: number }).re, im: -(operand as { im: number }).im };
  }
  return convertNum(node);
}

function convertNum(node: Node): Extract<Lit, { t: 'int' | 'float' | 'complex' }> | typeof NOT_LITERAL {
  if (node.n !== 'const') return NOT_LITERAL;
  const v = node.v;
  return v.t === 'int' || v.t === 'float' || v.t === 'complex' ? v : NOT_LITERAL;
}

/** Python's `str()` of a literal. */
function litStr(v: Lit): string {
  switch (v.t) {
    case 'str':
      return v.v;
    default:
      return litRepr(v);
  }
}

function litRepr(v: Lit): string {
  switch (v.t) {
    case 'int':
      return v.v.toString();
    case 'float':
      return pyFloatRepr(v.v);
    case 'complex':
      return complexRepr(v.re, v.im);
    case 'str':
      return pyStringRepr(v.v);
    case 'bytes':
      return 'b' + bytesRepr(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'ellipsis':
      return 'Ellipsis';
    case 'tuple':
      return v.items.length === 1 ? `(${litRepr(v.items[0] as Lit)},)` : `(${v.items.map(litRepr).join(', ')})`;
    case 'list':
      return `[${v.items.map(litRepr).join(', ')}]`;
    case 'set':
      return v.items.length === 0 ? 'set()' : `{${v.items.map(litRepr).join(', ')}}`;
    default:
      return `{${v.entries.map(([k, x]) => `${litRepr(k)}: ${litRepr(x)}`).join(', ')}}`;
  }
}

function bytesRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function complexRepr(re: number, im: number): string {
  const part = (x: number): string => pyFloatRepr(x).replace(/\.0$/, '').replace(/\.0e/, 'e');
  if (re === 0 && !Object.is(re, -0)) return `${part(im)}j`;
  const sign = im < 0 || Object.is(im, -0) ? '-' : '+';
  return `(${part(re)}${sign}${part(Math.abs(im))}j)`;
}
