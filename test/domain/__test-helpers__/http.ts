/**
 * The flat model's HTTP front on a fresh world, one request at a time, as
 * a client sends them (identity headers for the caller, JSON bodies), and
 * the answers as a client reads them (status, headers, JSON or text).
 */
import { afterEach } from 'vitest';
import { flatModel } from '../../../src/domain/model.js';
import { pyJsonDumpsValue, pyJsonLoads, type PyJson } from '../../../src/lib/pyjson.js';
import { drainBody, type HeaderList, type HttpSession } from '../../../src/shared/http.js';
import { openWorld } from '../../../src/shared/runner.js';
import type { ScenarioConfig } from '../../../src/shared/settings.js';
import type { Caller, World } from '../../../src/shared/world.js';

export const ALICE: Caller = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
export const BOB: Caller = { user: 'u-bob', project: 'p-bob', roles: ['member'] };
export const ADMIN: Caller = { user: 'u-admin', project: 'p-admin', roles: ['admin'] };

export interface Reply {
  readonly status: number;
  readonly headers: HeaderList;
  readonly json?: PyJson;
  readonly text?: string;
  readonly errorClass?: string;
}

export interface Client {
  readonly world: World;
  send(as: Caller | null, method: string, path: string, options?: { json?: unknown; text?: string; headers?: Record<string, string> }): Reply;
}

const closers: Array<() => void> = [];
afterEach(() => {
  while (closers.length > 0) closers.pop()?.();
});

/** A client of the flat front over a fresh world deployed with `config`. */
export function flatClient(config: ScenarioConfig = {}): Client {
  const { world, clock, close } = openWorld(config);
  closers.push(close);
  const session: HttpSession = flatModel.openHttp!(world);
  let k = 0;
  return {
    world,
    send(as, method, path, options = {}) {
      clock.setStep(k++);
      const headers: Array<[string, string]> = [['Host', 'localhost']];
      if (as !== null) {
        headers.push(['X-Identity-Status', 'Confirmed']);
        if (as.user !== null) headers.push(['X-User-Id', as.user]);
        if (as.project !== null) headers.push(['X-Project-Id', as.project]);
        if (as.roles.length > 0) headers.push(['X-Roles', as.roles.join(',')]);
      }
      let body = Buffer.alloc(0);
      if (options.json !== undefined) {
        body = Buffer.from(pyJsonDumpsValue(options.json), 'utf8');
        headers.push(['Content-Type', method === 'PATCH' ? 'application/openstack-images-v2.1-json-patch' : 'application/json']);
      } else if (options.text !== undefined) body = Buffer.from(options.text, 'utf8');
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.push([name, value]);
      if (body.length > 0) headers.push(['Content-Length', String(body.length)]);
      const response = session.handle({ method, target: path, headers, body });
      const bytes = drainBody(response.body);
      const type = response.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
      const reply: Reply = { status: response.status, headers: response.headers, ...(response.errorClass ? { errorClass: response.errorClass } : {}) };
      if (bytes.length === 0) return reply;
      return type.startsWith('application/json') ? { ...reply, json: pyJsonLoads(bytes.toString('utf8')) } : { ...reply, text: bytes.toString('utf8') };
    },
  };
}

/** A JSON object of a reply as a plain object, for toMatchObject. */
export function plain(json: PyJson | undefined): any {
  return JSON.parse(pyJsonDumpsValue(json ?? null));
}
