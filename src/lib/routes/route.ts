/**
 * routes.route.Route (Routes 2.5.1): one URL pattern, its regular
 * expression and its match.
 *
 * A path is split into text and variables: `{name}` / `:name` (default
 * requirement `[^/]+?`), `{name:regex}` (inline requirement), `{.name}`
 * (an optional '.'-prefixed part, `[^/.]+?`), `*name` (`.+?`). A variable
 * named `controller` matches one of the mapper's controller names.
 * Without minimization (the Mapper default) the regexp is the path with
 * each variable replaced, anchored `^...$`: no trailing-slash tolerance,
 * and, since Python's `$` also matches before a final '\n', a path ending
 * in '\n' matches as if it had none. With minimization (`buildnextreg`),
 * trailing parts with defaults become optional and a trailing '/' is
 * allowed.
 *
 * Matched values are the PATH_INFO substrings as they are: PATH_INFO holds
 * bytes as latin-1 characters, so `/images/%C3%A9` gives image_id 'Ã©' (the
 * route's `encoding` decoding only applies to bytes, which Python 3 never
 * passes). A value that matched empty takes the route's default when that
 * is truthy. Keyword arguments that are not path variables are defaults:
 * they end up in the match dict, made text (`str(True)` is 'True', so
 * Glance's `body_reject=True` arrives as 'True'); callables and WSGI
 * applications (a `controller` object) are kept as they are.
 *
 * Regular expressions are compiled with src/lib/pyre.ts: Python's syntax
 * and semantics.
 *
 * @see routes/route.py
 */
import { PyException, pyStr } from '../python.js';
import { compile, type PyPattern } from '../pyre.js';

/** A variable part of a route path. */
export interface RoutePart {
  readonly type: ':' | '.' | '*';
  readonly name: string;
}

export type RouteListItem = string | RoutePart;

/** `conditions=`: methods (a list, or a string tested with `in` as Python does), a predicate on (environ, match). */
export interface RouteConditions {
  readonly method?: readonly string[] | string;
  readonly function?: (environ: Record<string, unknown>, match: Record<string, unknown>) => boolean;
  readonly sub_domain?: boolean | readonly string[];
}

/** Keyword arguments of `Route(...)` / `Mapper.connect(...)`: the named options and any defaults. */
export type RouteKwargs = Record<string, unknown> & {
  readonly conditions?: RouteConditions | null;
  readonly requirements?: Record<string, string>;
  readonly _minimize?: boolean;
  readonly _explicit?: boolean;
  readonly _static?: boolean;
  readonly _encoding?: string;
  readonly _filter?: unknown;
  readonly _absolute?: boolean;
};

/** The match dict: route variables and defaults. */
export type MatchDict = Record<string, unknown>;

/** Python's `callable(x)`: functions, and objects that are WSGI applications (`call`). */
function isCallable(x: unknown): boolean {
  return typeof x === 'function' || (typeof x === 'object' && x !== null && typeof (x as { call?: unknown }).call === 'function');
}

/** `Route.make_unicode`: text stays, callables stay, anything else becomes `str(x)`. */
export function makeUnicode(x: unknown): unknown {
  if (typeof x === 'string') return x;
  if (Buffer.isBuffer(x)) return x.toString('utf8');
  if (isCallable(x)) return x;
  return pyStr(x);
}

const SPECIAL = new Set([...'()[]{}?*+-|^$\\.&~# \t\n\r\v\f']);

/** Python 3.7+'s `re.escape`: a backslash before each special character only ('/' stays bare). */
export function reEscape(s: string): string {
  let out = '';
  for (const ch of s) out += SPECIAL.has(ch) ? '\\' + ch : ch;
  return out;
}

const DONE_CHARS = ['/', ',', ';', '.', '#'];

export class Route {
  routepath: string;
  name: string | null;
  redirect = false;
  redirect_status = '302 Found';
  readonly minimization: boolean;
  encoding: string;
  decode_errors = 'replace';
  readonly reqs: Record<string, string>;
  readonly static: boolean;
  readonly external: boolean = false;
  readonly filter: unknown;
  readonly absolute: boolean;
  readonly conditions: RouteConditions | null;
  readonly explicit: boolean;
  /** The keyword arguments left after the named options were taken out. */
  readonly _kargs: Record<string, unknown>;
  routelist!: RouteListItem[];
  dotkeys!: ReadonlySet<string>;
  defaults!: Map<string, unknown>;
  maxkeys!: ReadonlySet<string>;
  minkeys!: ReadonlySet<string>;
  hardcoded!: ReadonlySet<string>;
  regpath = '';
  regexp = '';
  private regmatch: PyPattern | null = null;
  private prior: RouteListItem | null = null;

  constructor(name: string | null, routepath: string, kwargs: RouteKwargs = {}) {
    const kargs: Record<string, unknown> = { ...kwargs };
    const pop = <T>(key: string, fallback: T): T => {
      if (!Object.prototype.hasOwnProperty.call(kargs, key)) return fallback;
      const v = kargs[key] as T;
      delete kargs[key];
      return v;
    };
    this.routepath = routepath;
    this.name = name;
    this.minimization = pop('_minimize', false);
    this.encoding = pop('_encoding', 'utf-8');
    this.reqs = (kargs['requirements'] as Record<string, string> | undefined) ?? {};
    this.static = pop('_static', false);
    this.filter = pop('_filter', null);
    this.absolute = pop('_absolute', false);
    pop('_member_name', null);
    pop('_collection_name', null);
    pop('_parent_resource', null);
    this.conditions = pop<RouteConditions | null>('conditions', null);
    this.explicit = pop('_explicit', false);
    this._kargs = kargs;
    let minimization = this.minimization;
    if (this.static) {
      this.external = routepath.includes('://');
      minimization = false;
    }
    (this as { minimization: boolean }).minimization = minimization;
    if (routepath.startsWith('/') && this.minimization) this.routepath = routepath.slice(1);
    this.setupRoute();
  }

  private setupRoute(): void {
    this.routelist = this.pathkeys(this.routepath);
    const routekeys = new Set(this.routelist.filter((p): p is RoutePart => typeof p !== 'string').map((p) => p.name));
    this.dotkeys = new Set(this.routelist.filter((p): p is RoutePart => typeof p !== 'string' && p.type === '.').map((p) => p.name));
    if (!this.minimization) this.makeFullRoute();
    const [defaults, defaultkeys] = this.makeDefaults(routekeys, ['requirements'], { ...this._kargs });
    this.defaults = defaults;
    this.maxkeys = new Set([...defaultkeys, ...routekeys]);
    this.minkeys = this.makeMinkeys(this.routelist);
    this.hardcoded = new Set([...this.maxkeys].filter((k) => !routekeys.has(k) && this.defaults.get(k) !== null));
  }

  private makeFullRoute(): void {
    this.regpath = this.routelist.map((p) => (typeof p === 'string' ? p : `%(${p.name})s`)).join('');
  }

  /** Walks the path into text parts and variables (`_pathkeys`). */
  private pathkeys(routepath: string): RouteListItem[] {
    let collecting = false;
    let escaping = false;
    let current = '';
    let doneOn: string[] = [];
    let varType = '';
    let justStarted = false;
    const routelist: RouteListItem[] = [];
    for (const char of routepath) {
      if (escaping) {
        current += ['\\', ':', '*', '{', '}'].includes(char) ? char : '\\' + char;
        escaping = false;
      } else if (char === '\\') {
        escaping = true;
      } else if (([':', '*', '{'].includes(char) && !collecting && !this.static) || (char === '{' && !collecting)) {
        justStarted = true;
        collecting = true;
        varType = char;
        if (char === '{') {
          doneOn = ['}'];
          justStarted = false;
        }
        if (current.length > 0) {
          routelist.push(current);
          current = '';
        }
      } else if (collecting && justStarted) {
        justStarted = false;
        if (char === '(') doneOn = [')'];
        else {
          current = char;
          doneOn = [...DONE_CHARS, '-'];
        }
      } else if (collecting && !doneOn.includes(char)) {
        current += char;
      } else if (collecting) {
        collecting = false;
        if (varType === '{') {
          if (current[0] === '.') {
            varType = '.';
            current = current.slice(1);
          } else varType = ':';
          const opts = current.split(':');
          if (opts.length > 1) {
            current = opts[0] as string;
            this.reqs[current] = opts[1] as string;
          }
        }
        routelist.push({ type: varType as RoutePart['type'], name: current });
        if (DONE_CHARS.includes(char)) routelist.push(char);
        doneOn = [];
        varType = '';
        current = '';
      } else {
        current += char;
      }
    }
    if (collecting) routelist.push({ type: varType as RoutePart['type'], name: current });
    else if (current) routelist.push(current);
    return routelist;
  }

  private makeMinkeys(routelist: RouteListItem[]): Set<string> {
    const minkeys: string[] = [];
    if (!this.minimization) {
      for (const part of routelist) if (typeof part !== 'string') minkeys.push(part.name);
      return new Set(minkeys);
    }
    let gaps = false;
    for (const part of [...routelist].reverse()) {
      if (typeof part === 'string' && !DONE_CHARS.includes(part)) {
        gaps = true;
        continue;
      } else if (typeof part === 'string') continue;
      if (this.defaults.has(part.name) && !gaps) continue;
      minkeys.push(part.name);
      gaps = true;
    }
    return new Set(minkeys);
  }

  private makeDefaults(routekeys: Set<string>, reserved: string[], kargs: Record<string, unknown>): [Map<string, unknown>, Set<string>] {
    const defaults = new Map<string, unknown>();
    if (!routekeys.has('controller') && !('controller' in kargs) && !this.explicit) kargs['controller'] = 'content';
    if (!routekeys.has('action') && !('action' in kargs) && !this.explicit) kargs['action'] = 'index';
    for (const key of Object.keys(kargs)) {
      if (reserved.includes(key)) continue;
      const v = kargs[key];
      defaults.set(key, v !== null && v !== undefined ? makeUnicode(v) : null);
    }
    if (routekeys.has('action') && !defaults.has('action') && !this.explicit) defaults.set('action', 'index');
    if (routekeys.has('id') && !defaults.has('id') && !this.explicit) defaults.set('id', null);
    return [defaults, new Set([...defaults.keys()].filter((k) => !reserved.includes(k)))];
  }

  /** Builds (and, with names, installs) the route's regular expression; `clist` is the controller names. */
  makeregexp(clist: readonly string[], includeNames = true): string {
    let reg: string;
    if (this.minimization) {
      reg = this.buildnextreg(this.routelist, clist, includeNames)[0];
      if (!reg) reg = '/';
      reg = reg + '/?' + '$';
      if (!reg.startsWith('/')) reg = '/' + reg;
    } else reg = this.buildfullreg(clist, includeNames);
    reg = '^' + reg;
    if (includeNames) {
      this.regexp = reg;
      this.regmatch = compile(reg);
    }
    return reg;
  }

  buildfullreg(clist: readonly string[], includeNames = true): string {
    const regparts: string[] = [];
    for (const part of this.routelist) {
      if (typeof part === 'string') {
        regparts.push(reEscape(part));
        continue;
      }
      const v = part.name;
      let partmatch: string;
      if (v === 'controller') partmatch = clist.map(reEscape).join('|');
      else if (part.type === ':') partmatch = this.reqs[v] || '[^/]+?';
      else if (part.type === '.') partmatch = this.reqs[v] || '[^/.]+?';
      else partmatch = this.reqs[v] || '.+?';
      const regpart = includeNames ? `(?P<${v}>${partmatch})` : `(?:${partmatch})`;
      regparts.push(part.type === '.' ? `(?:\\.${regpart})??` : regpart);
    }
    return regparts.join('') + '$';
  }

  /** The minimized regexp, built from the end (routes' `buildnextreg`): [regexp, noreqs, allblank]. */
  buildnextreg(path: RouteListItem[], clist: readonly string[], includeNames = true): [string, boolean, boolean] {
    const part: RouteListItem = path.length > 0 ? (path[0] as RouteListItem) : '';
    let reg = '';
    let rest = '';
    let noreqs = true;
    let allblank = true;
    if (path.length > 1) {
      this.prior = part;
      [rest, noreqs, allblank] = this.buildnextreg(path.slice(1), clist, includeNames);
    }
    if (typeof part !== 'string' && (part.type === ':' || part.type === '.')) {
      const v = part.name;
      const typ = part.type;
      let partreg = '';
      if (v in this.reqs) {
        partreg = includeNames ? `(?P<${v}>${this.reqs[v]})` : `(?:${this.reqs[v]})`;
        if (typ === '.') partreg = `(?:\\.${partreg})??`;
      } else if (v === 'controller') {
        const alts = clist.map(reEscape).join('|');
        partreg = includeNames ? `(?P<${v}>${alts})` : `(?:${alts})`;
      } else if (this.prior === '/' || this.prior === '#') {
        partreg = includeNames ? `(?P<${v}>[^${this.prior}]+?)` : `(?:[^${this.prior}]+?)`;
      } else if (!rest) {
        const exclude = typ === '.' ? '/.' : '/';
        partreg = includeNames ? `(?P<${v}>[^${exclude}]+?)` : `(?:[^${exclude}]+?)`;
        if (typ === '.') partreg = `(?:\\.${partreg})??`;
      } else {
        const end = DONE_CHARS.join('');
        let rem = rest;
        if (rem[0] === '\\' && rem.length > 1) rem = rem[1] as string;
        else if (rem.startsWith('(\\') && rem.length > 2) rem = rem[2] as string;
        else rem = end;
        const set = pySetOrder(new Set([...rem, '/']));
        partreg = includeNames ? `(?P<${v}>[^${set}]+?)` : `(?:[^${set}]+?)`;
      }
      if (v in this.reqs) noreqs = false;
      if (!this.defaults.has(v)) {
        allblank = false;
        noreqs = false;
      }
      if (noreqs) {
        if (v in this.reqs && this.defaults.has(v)) reg = '(?:' + partreg + rest + ')?';
        else if (v in this.reqs) {
          allblank = false;
          reg = partreg + rest;
        } else if (this.defaults.has(v) && [',', ';', '.'].includes(this.prior as string)) reg = partreg + rest;
        else if (this.defaults.has(v)) reg = partreg + '?' + rest;
        else {
          allblank = false;
          reg = partreg + rest;
        }
      } else if (allblank && this.defaults.has(part.name)) reg = '(?:' + partreg + rest + ')?';
      else reg = partreg + rest;
    } else if (typeof part !== 'string' && part.type === '*') {
      const v = part.name;
      const star = includeNames ? `(?P<${v}>.*)` : '(?:.*)';
      reg = star + rest;
      if (noreqs) {
        if (!this.defaults.has(v)) {
          allblank = false;
          noreqs = false;
        }
      } else if (!(allblank && this.defaults.has(v)) && !this.defaults.has(v)) {
        allblank = false;
        noreqs = false;
      }
    } else if (typeof part === 'string' && part && DONE_CHARS.includes(part[part.length - 1] as string)) {
      if (allblank) reg = reEscape(part.slice(0, -1)) + '(?:' + reEscape(part[part.length - 1] as string) + rest + ')?';
      else {
        allblank = false;
        reg = part === '/' ? '\\/' + rest : reEscape(part) + rest;
      }
    } else {
      noreqs = false;
      allblank = false;
      reg = reEscape(part as string) + rest;
    }
    return [reg, noreqs, allblank];
  }

  /**
   * Matches `url`: the match dict, or false (no regexp match, a method
   * condition not met, a condition function saying no).
   */
  match(url: string, environ: Record<string, unknown> | null = null): MatchDict | false {
    if (this.static) return false;
    if (this.regmatch === null) throw new RoutesException('You must generate the regular expressions before matching.');
    const m = this.regmatch.search(url);
    if (m === null) return false;
    if (this.conditions) {
      const methods = this.conditions.method;
      if (methods !== undefined && environ && !methodIn(String(environ['REQUEST_METHOD']), methods)) return false;
      const useSd = this.conditions.sub_domain;
      if (useSd) return false;
    }
    const result: MatchDict = {};
    const names = groupNames(this.regmatch);
    for (const key of names) {
      const val = m.group(key);
      const dflt = this.defaults.get(key);
      if (!val && this.defaults.has(key) && dflt) result[key] = dflt;
      else result[key] = val;
    }
    for (const key of this.defaults.keys()) if (!names.includes(key)) result[key] = this.defaults.get(key);
    if (this.conditions?.function && !this.conditions.function(environ ?? {}, result)) return false;
    return result;
  }
}

/** A compiled pattern's group names by group number (compiled patterns are shared and never change). */
const GROUP_NAMES = new WeakMap<PyPattern, readonly string[]>();

function groupNames(pattern: PyPattern): readonly string[] {
  let names = GROUP_NAMES.get(pattern);
  if (names === undefined) {
    names = [...pattern.groupindex.entries()].sort((a, b) => a[1] - b[1]).map(([n]) => n);
    GROUP_NAMES.set(pattern, names);
  }
  return names;
}

/** `REQUEST_METHOD not in conditions['method']`: membership in a list, substring in a string. */
function methodIn(method: string, methods: readonly string[] | string): boolean {
  return typeof methods === 'string' ? methods.includes(method) : methods.includes(method);
}

/**
 * `''.join(frozenset(chars))`: CPython iterates the set in string-hash order,
 * which changes from process to process; the characters are joined raw, as
 * there, in insertion order.
 */
function pySetOrder(chars: Set<string>): string {
  return [...chars].join('');
}

/** routes.util.RoutesException. */
export class RoutesException extends PyException {}
