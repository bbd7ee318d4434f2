"""`--tokens FILE`: a stand-in for keystone in front of a served Glance.

The file maps an X-Auth-Token value to who holds it, as a scenario's `as`:
{"user": ..., "project": ..., "roles": [...]}. Like keystonemiddleware's
auth_token (delay_auth_decision off), the middleware first removes every
identity header a client sent, then, for a known token, sets the headers
ContextMiddleware reads (X-Identity-Status: Confirmed, X-User-Id,
X-Project-Id, X-Roles, exactly as a scenario's `as` sets them); a missing
or unknown token is answered 401 with keystonemiddleware's body.
"""
import json

from . import identity
from .errors import ScenarioError

# keystonemiddleware 10's _AuthTokenRequest._all_auth_headers(): what it
# removes from every request before it looks at the token.
_AUTH_HEADERS = (
    'X-Service-Catalog', 'X-Identity-Status', 'X-Service-Identity-Status',
    'X-Is-Admin-Project', 'X-Role', 'X-User', 'X-Tenant-Id', 'X-Tenant-Name',
    'X-Tenant', 'X-Roles', 'X-Service-Roles') + tuple(
    'X%s-%s' % (prefix, name)
    for name in ('Domain-Id', 'Domain-Name', 'Project-Id', 'Project-Name',
                 'Project-Domain-Id', 'Project-Domain-Name', 'User-Id',
                 'User-Name', 'User-Domain-Id', 'User-Domain-Name')
    for prefix in ('', '-Service'))

UNAUTHORIZED_BODY = {'error': {
    'code': 401,
    'title': 'Unauthorized',
    'message': 'The request you have made requires authentication.',
}}
# keystonemiddleware names the keystone to ask for a token; here the file
# is the keystone.
WWW_AUTHENTICATE = 'Keystone uri="tokens-file"'


class TokensError(Exception):
    pass


def load(path):
    """The tokens file as {token: who}; TokensError says what is wrong."""
    try:
        with open(path, encoding='utf-8') as f:
            tokens = json.load(f)
    except (OSError, ValueError) as e:
        raise TokensError('%s: %s' % (path, e))
    if not isinstance(tokens, dict):
        raise TokensError('%s: expected an object mapping tokens to '
                          '{"user", "project", "roles"}' % path)
    for token, who in tokens.items():
        try:
            if who is None:
                raise ScenarioError('null')
            identity.check(who)
            if not all(isinstance(r, str) for r in who.get('roles', [])):
                raise ScenarioError('roles')
        except ScenarioError:
            raise TokensError('%s: token %r: expected {"user": str|null, '
                              '"project": str|null, "roles": [str]}, got %s'
                              % (path, token, json.dumps(who)))
    return tokens


def _environ_key(header):
    return 'HTTP_' + header.upper().replace('-', '_')


class TokenAuth(object):
    """WSGI middleware: tokens to identity headers, or 401."""

    def __init__(self, app, tokens):
        self.app = app
        self.tokens = tokens

    def __call__(self, environ, start_response):
        for header in _AUTH_HEADERS:
            environ.pop(_environ_key(header), None)
        token = environ.get('HTTP_X_AUTH_TOKEN',
                            environ.get('HTTP_X_STORAGE_TOKEN'))
        who = self.tokens.get(token.strip()) if token else None
        if who is None:
            return self._unauthorized(environ, start_response)
        for name, value in identity.headers(who):
            environ[_environ_key(name)] = value
        return self.app(environ, start_response)

    @staticmethod
    def _unauthorized(environ, start_response):
        import webob.exc
        page = webob.exc.HTTPUnauthorized(
            body=json.dumps(UNAUTHORIZED_BODY),
            headers=[('WWW-Authenticate', WWW_AUTHENTICATE)],
            charset='UTF-8', content_type='application/json')
        return page(environ, start_response)
