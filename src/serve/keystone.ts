/**
 * `--tokens FILE`: a stand-in for keystone in front of the served model,
 * as glance-api's paste pipeline puts keystonemiddleware's auth_token in
 * front of Glance (and as tools/glance-driver's `serve` does it).
 *
 * The file maps an X-Auth-Token value to who holds it, as a scenario's
 * `as`: {"user": ..., "project": ..., "roles": [...]}. Like auth_token
 * (delay_auth_decision off), every identity header a client sent is removed
 * first; a known token then gets the headers Glance's ContextMiddleware
 * reads (exactly those scenario replay sends for an `as`), and a missing or
 * unknown token is answered 401 with keystonemiddleware's JSON body, the
 * model never reached.
 */
import { isPyDict, type PyJson } from '../lib/pyjson.js';
import type { HeaderList, HttpResponse } from '../shared/http.js';
import { ScenarioError } from '../shared/scenario.js';
import { readStrictJson } from '../shared/strict-json.js';
import type { Caller } from '../shared/world.js';

export type Tokens = ReadonlyMap<string, Caller>;

/**
 * keystonemiddleware's `_AuthTokenRequest._all_auth_headers()`: what it
 * removes from every request before it looks at the token.
 */
const AUTH_HEADERS: readonly string[] = [
  'X-Service-Catalog', 'X-Identity-Status', 'X-Service-Identity-Status', 'X-Is-Admin-Project', 'X-Role', 'X-User',
  'X-Tenant-Id', 'X-Tenant-Name', 'X-Tenant', 'X-Roles', 'X-Service-Roles',
  ...['Domain-Id', 'Domain-Name', 'Project-Id', 'Project-Name', 'Project-Domain-Id', 'Project-Domain-Name', 'User-Id',
    'User-Name', 'User-Domain-Id', 'User-Domain-Name'].flatMap((name) => [`X-${name}`, `X-Service-${name}`]),
];

/** The WSGI environ key a header lands in: `X_Roles` and `x-roles` are the same header to Glance. */
function environKey(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

const REMOVED = new Set(AUTH_HEADERS.map(environKey));

const UNAUTHORIZED_BODY = Buffer.from(
  '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}',
  'utf8',
);

/**
 * keystonemiddleware's answer to a request without a valid token, as
 * webob renders it: headers in this order, Content-Type without charset.
 * The keystone to ask is named by the file standing in for it.
 */
export const UNAUTHORIZED: HttpResponse = {
  status: 401,
  reason: 'Unauthorized',
  headers: [
    ['Content-Type', 'application/json'],
    ['Content-Length', String(UNAUTHORIZED_BODY.length)],
    ['WWW-Authenticate', 'Keystone uri="tokens-file"'],
  ],
  body: UNAUTHORIZED_BODY,
};

/** What the stand-in makes of a request: the headers to pass on, or the 401 to answer. */
export type Authenticated = { readonly headers: HeaderList } | { readonly denied: HttpResponse };

export class KeystoneStandIn {
  constructor(private readonly tokens: Tokens) {}

  authenticate(headers: HeaderList): Authenticated {
    const kept = headers.filter(([name]) => !REMOVED.has(environKey(name)));
    const token = tokenOf(headers);
    const who = token === undefined ? undefined : this.tokens.get(token);
    if (who === undefined) return { denied: UNAUTHORIZED };
    return { headers: [...kept, ...identityHeaders(who)] };
  }
}

/** `X-Auth-Token`, else `X-Storage-Token`, stripped as auth_token strips it. */
function tokenOf(headers: HeaderList): string | undefined {
  for (const wanted of ['X_AUTH_TOKEN', 'X_STORAGE_TOKEN']) {
    const found = headers.filter(([name]) => environKey(name) === wanted).map(([, v]) => v);
    // Repeated headers reach the WSGI environ joined by commas, as eventlet joins them.
    if (found.length > 0) return found.join(',').trim();
  }
  return undefined;
}

/** The headers keystonemiddleware sets for a validated token (and scenario replay for an `as`). */
export function identityHeaders(who: Caller): Array<[string, string]> {
  const out: Array<[string, string]> = [['X-Identity-Status', 'Confirmed']];
  if (who.user !== null) out.push(['X-User-Id', who.user]);
  if (who.project !== null) out.push(['X-Project-Id', who.project]);
  if (who.roles.length > 0) out.push(['X-Roles', who.roles.join(',')]);
  return out;
}

/** The tokens file, read as strictly as a scenario; each entry checked as a scenario's `as` (null is refused: a token names someone). */
export function readTokensFile(bytes: Uint8Array, file: string): Tokens {
  const top = readStrictJson(bytes, file);
  if (!isPyDict(top)) throw new ScenarioError(file, '', 'expected an object mapping tokens to {"user", "project", "roles"}');
  const tokens = new Map<string, Caller>();
  for (const [token, who] of top) tokens.set(token, callerOf(who, file, token));
  return tokens;
}

function callerOf(who: PyJson, file: string, token: string): Caller {
  const where = `token ${JSON.stringify(token)}`;
  if (!isPyDict(who)) throw new ScenarioError(file, where, 'expected {"user", "project", "roles"}');
  for (const key of who.keys()) {
    if (!['user', 'project', 'roles'].includes(key)) throw new ScenarioError(file, `${where}.${key}`, 'unknown key (known: user, project, roles)');
  }
  const text = (key: 'user' | 'project'): string | null => {
    const v = who.get(key) ?? null;
    if (v !== null && typeof v !== 'string') throw new ScenarioError(file, `${where}.${key}`, 'expected a string or null');
    return v;
  };
  const roles = who.get('roles') ?? [];
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === 'string')) {
    throw new ScenarioError(file, `${where}.roles`, 'expected an array of strings');
  }
  return { user: text('user'), project: text('project'), roles };
}
