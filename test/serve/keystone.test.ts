/** The keystone stand-in of `peel serve --tokens` and eventlet's header capitalisation, without sockets. */
import { describe, expect, it } from 'vitest';
import { KeystoneStandIn, readTokensFile, UNAUTHORIZED } from '../../src/serve/keystone.js';
import { eventletHeaderName } from '../../src/serve/node-adapter.js';

const tokens = readTokensFile(Buffer.from(JSON.stringify({ 'tok-a': { user: 'u-a', project: 'p-a', roles: ['member', 'reader'] }, 'tok-anon': { user: null, project: null, roles: [] } })), 'tokens.json');
const keystone = new KeystoneStandIn(tokens);

describe('KeystoneStandIn', () => {
  it('sets the identity headers of a known token after the request headers', () => {
    const r = keystone.authenticate([['Host', 'x'], ['X-Auth-Token', 'tok-a']]);
    expect(r).toEqual({ headers: [['Host', 'x'], ['X-Auth-Token', 'tok-a'], ['X-Identity-Status', 'Confirmed'], ['X-User-Id', 'u-a'], ['X-Project-Id', 'p-a'], ['X-Roles', 'member,reader']] });
  });

  it('removes identity headers however they are spelt (case, underscores) before setting its own', () => {
    const r = keystone.authenticate([['x_roles', 'admin'], ['X-TENANT-ID', 'p-z'], ['X-Service-Catalog', '[]'], ['X-Auth-Token', 'tok-a']]);
    expect('headers' in r && r.headers.map(([k]) => k)).toEqual(['X-Auth-Token', 'X-Identity-Status', 'X-User-Id', 'X-Project-Id', 'X-Roles']);
  });

  it('answers 401 for a missing or unknown token', () => {
    expect(keystone.authenticate([['Host', 'x']])).toEqual({ denied: UNAUTHORIZED });
    expect(keystone.authenticate([['X-Auth-Token', 'tok-b']])).toEqual({ denied: UNAUTHORIZED });
  });

  it('takes X-Storage-Token when there is no X-Auth-Token, stripped of surrounding blanks', () => {
    expect('headers' in keystone.authenticate([['X-Storage-Token', ' tok-a ']])).toBe(true);
  });

  it('leaves out a null user or project and empty roles, as scenario replay does for an `as`', () => {
    const r = keystone.authenticate([['X-Auth-Token', 'tok-anon']]);
    expect(r).toEqual({ headers: [['X-Auth-Token', 'tok-anon'], ['X-Identity-Status', 'Confirmed']] });
  });
});

describe('eventletHeaderName', () => {
  it('capitalises each dash-separated part as Python str.capitalize does', () => {
    expect(['WWW-Authenticate', 'content-md5', 'OpenStack-Image-Import-Methods', 'x-openstack-request-id'].map(eventletHeaderName)).toEqual([
      'Www-Authenticate', 'Content-Md5', 'Openstack-Image-Import-Methods', 'X-Openstack-Request-Id',
    ]);
  });
});
