"""Who asks: a scenario's `as`, or a token's entry, as the headers
keystonemiddleware's auth_token sets for a validated token. Glance's
ContextMiddleware builds the request context from them."""
from .errors import ScenarioError

_KEYS = {'user', 'project', 'roles'}


def check(who, where='as'):
    """`who` is None (anonymous) or {"user", "project", "roles"} with roles
    a list; anything else is a ScenarioError."""
    if who is None:
        return
    if not isinstance(who, dict) or set(who) - _KEYS or \
            not isinstance(who.get('roles', []), list):
        raise ScenarioError('bad %s: %r' % (where, who))


def headers(who):
    """The identity headers for `who`, in the order they are set: none for
    an anonymous caller; a user or project that is null is left out, and
    so are empty roles."""
    check(who)
    if who is None:
        return []
    out = [('X-Identity-Status', 'Confirmed')]
    if who.get('user') is not None:
        out.append(('X-User-Id', who['user']))
    if who.get('project') is not None:
        out.append(('X-Project-Id', who['project']))
    roles = who.get('roles') or []
    if roles:
        out.append(('X-Roles', ','.join(roles)))
    return out
