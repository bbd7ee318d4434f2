/**
 * routes.mapper.Mapper (Routes 2.5.1): the routes of an application and
 * URL recognition.
 *
 * Constructor defaults: `explicit=True` (no implicit controller/action/id
 * defaults), `minimization=False` (full regexps, no optional trailing
 * parts), controller_scan with no directory (no controller names: a
 * `{controller}` variable matches only ''; scanning a directory of Python
 * controllers is not ported: pass the names as `controller_scan`).
 *
 * `connect(path, kwargs)` or `connect(name, path, kwargs)`: kwargs hold
 * `conditions` ({method: [...]}), `requirements` and any defaults
 * (`controller`, `action`, `allowed_methods`, `body_reject`, ...), which
 * come back in the match dict.
 *
 * `routematch(url)` / `match(url)`: the regexps are built on first use.
 * Routes are tried grouped by the text before their first variable,
 * longest first, connect order within a group (what Routes 2.5.1 does:
 * it is not plain connect order). Conditions are checked against
 * `environ` (the argument, else the environ RoutesMiddleware set on the
 * mapper). A route that matches but fails its conditions is skipped.
 *
 * `redirect(match_path, destination)`: a matching route flagged as a
 * redirect plus a static named route to generate the Location from.
 *
 * @see routes/mapper.py
 */
import { compile } from '../pyre.js';
import { Route, RoutesException, type MatchDict, type RouteKwargs } from './route.js';

export interface MapperOptions {
  readonly controller_scan?: readonly string[] | (() => string[]) | null;
  readonly always_scan?: boolean;
  readonly register?: boolean;
  readonly explicit?: boolean;
}

export class Mapper {
  readonly matchlist: Route[] = [];
  readonly maxkeys = new Map<string, Route[]>();
  readonly _routenames = new Map<string, Route>();
  prefix: string | null = null;
  explicit: boolean;
  encoding = 'utf-8';
  decode_errors = 'ignore';
  hardcode_names = true;
  minimization = false;
  append_slash = false;
  sub_domains = false;
  debug = false;
  /** The environ of the request being routed (thread-local in Python; RoutesMiddleware sets and deletes it). */
  environ: Record<string, unknown> | null = null;
  private readonly controllerScan: readonly string[] | (() => string[]) | null;
  private readonly alwaysScan: boolean;
  private createdRegs = false;
  private masterRegexp: ReturnType<typeof compile> | null = null;
  private prefix2routes = new Map<string, Route[]>();
  private prefixLens: number[] = [];
  private regprefix: ReturnType<typeof compile> | null = null;

  constructor(opts: MapperOptions = {}) {
    this.controllerScan = opts.controller_scan === undefined ? () => [] : opts.controller_scan;
    this.alwaysScan = opts.always_scan ?? false;
    this.explicit = opts.explicit ?? true;
  }

  /** `connect(path, **kwargs)` or `connect(name, path, **kwargs)`. */
  connect(path: string, kwargs?: RouteKwargs): void;
  connect(name: string | null, path: string, kwargs?: RouteKwargs): void;
  connect(a: string | null, b?: string | RouteKwargs, c?: RouteKwargs): void {
    let routename: string | null = null;
    let path: string;
    let kargs: Record<string, unknown>;
    if (typeof b === 'string') {
      routename = a;
      path = b;
      kargs = { ...(c ?? {}) };
    } else {
      path = a as string;
      kargs = { ...(b ?? {}) };
    }
    if (!('_explicit' in kargs)) kargs['_explicit'] = this.explicit;
    if (!('_minimize' in kargs)) kargs['_minimize'] = this.minimization;
    const route = this.makeRoute(routename, path, kargs as RouteKwargs);
    if ((this.encoding !== 'utf-8' || this.decode_errors !== 'ignore') && !('_encoding' in kargs)) {
      route.encoding = this.encoding;
      route.decode_errors = this.decode_errors;
    }
    if (!route.static) this.matchlist.push(route);
    if (routename) {
      this._routenames.set(routename, route);
      route.name = routename;
    }
    if (route.static) return;
    const key = [...route.maxkeys].sort().join('\u0000');
    const list = this.maxkeys.get(key);
    if (list) list.push(route);
    else this.maxkeys.set(key, [route]);
    this.createdRegs = false;
  }

  /** `make_route`: a subclass may build another Route class. */
  protected makeRoute(name: string | null, path: string, kwargs: RouteKwargs): Route {
    return new Route(name, path, kwargs);
  }

  /** A route that RoutesMiddleware answers with a redirect (302 unless `_redirect_code`). */
  redirect(matchPath: string, destinationPath: string, kwargs: RouteKwargs = {}): void {
    const bothArgs = ['_encoding', '_explicit', '_minimize'];
    const genArgs = ['_filter'];
    const rest: Record<string, unknown> = { ...kwargs };
    const statusCode = (rest['_redirect_code'] as string | undefined) ?? '302 Found';
    delete rest['_redirect_code'];
    const genDict: Record<string, unknown> = {};
    const matchDict: Record<string, unknown> = {};
    for (const key of [...bothArgs, ...genArgs]) if (key in rest) genDict[key] = rest[key];
    genDict['_static'] = true;
    for (const key of Object.keys(rest)) if (!genArgs.includes(key)) matchDict[key] = rest[key];
    this.connect(matchPath, matchDict as RouteKwargs);
    const matchRoute = this.matchlist[this.matchlist.length - 1] as Route;
    this.connect(`_redirect_${redirectId(matchRoute)}`, destinationPath, genDict as RouteKwargs);
    matchRoute.redirect = true;
    matchRoute.redirect_status = statusCode;
  }

  private controllerList(): string[] {
    const scan = this.controllerScan;
    if (typeof scan === 'function') return scan();
    if (!scan) return [];
    return [...scan];
  }

  /** Builds every route's regexp, the prefix groups and the master regexp (`_create_regs`). */
  createRegs(clist?: readonly string[]): void {
    const controllers = clist ?? this.controllerList();
    for (const routes of this.maxkeys.values()) for (const route of routes) route.makeregexp(controllers);
    const regexps: string[] = [];
    const prefix2routes = new Map<string, Route[]>();
    for (const route of this.matchlist) {
      if (route.static) continue;
      regexps.push(route.makeregexp(controllers, false));
      let prefix = '';
      for (const p of route.routelist) {
        if (typeof p !== 'string') break;
        prefix += p;
      }
      if (route.minimization && !prefix.startsWith('/')) prefix = '/' + prefix;
      prefix = prefix.replace(/\/+$/, '');
      const list = prefix2routes.get(prefix);
      if (list) list.push(route);
      else prefix2routes.set(prefix, [route]);
    }
    this.prefix2routes = prefix2routes;
    this.prefixLens = [...new Set([...prefix2routes.keys()].map((p) => [...p].length))].sort((a, b) => b - a);
    if (this.prefix) this.regprefix = compile(this.prefix + '(.*)');
    this.masterRegexp = regexps.length > 0 ? compile(regexps.map((x) => `(?:${x})`).join('|')) : compile('');
    this.createdRegs = true;
  }

  /** `_match(url, environ)`: [match dict, route] or [null, null]. */
  _match(url: string, environ: Record<string, unknown> | null = null): [MatchDict | null, Route | null] {
    if (!this.createdRegs && this.controllerScan !== null) this.createRegs();
    else if (!this.createdRegs) throw new RoutesException('You must generate the regular expressions before matching.');
    if (this.alwaysScan) this.createRegs();
    let path = url;
    if (this.prefix && this.regprefix) {
      const m = this.regprefix.search(path);
      if (m === null || m.span()[0] !== 0) return [null, null];
      path = (m.group(1) as string) || '/';
    }
    const env = environ ?? this.environ;
    if (this.masterRegexp !== null && this.masterRegexp.search(path) === null) return [null, null];
    const chars = [...path];
    for (const len of this.prefixLens) {
      for (const route of this.prefix2routes.get(chars.slice(0, len).join('')) ?? []) {
        if (route.static) continue;
        const match = route.match(path, env);
        if (match !== false) return [match, route];
      }
    }
    return [null, null];
  }

  /** `match(url)`: the match dict or null. */
  match(url: string | null = null, environ: Record<string, unknown> | null = null): MatchDict | null {
    if (url === null && !environ) throw new RoutesException('URL or environ must be provided');
    const u = url ?? String((environ as Record<string, unknown>)['PATH_INFO']);
    return this._match(u, environ)[0];
  }

  /** `routematch(url)`: [match dict, route] or null. */
  routematch(url: string | null = null, environ: Record<string, unknown> | null = null): [MatchDict, Route] | null {
    if (url === null && !environ) throw new RoutesException('URL or environ must be provided');
    const u = url ?? String((environ as Record<string, unknown>)['PATH_INFO']);
    const [match, route] = this._match(u, environ);
    return match !== null ? [match, route as Route] : null;
  }
}

const ids = new WeakMap<Route, number>();
let nextId = 1;

/** A stable stand-in for Python's `id(route)` in the redirect route's name. */
export function redirectId(route: Route): number {
  let id = ids.get(route);
  if (id === undefined) {
    id = nextId++;
    ids.set(route, id);
  }
  return id;
}
