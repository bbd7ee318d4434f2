"""Where the driver's two prerequisites are, and what is missing.

Nothing here imports Glance or its libraries for good: this module must
answer "what do I install?" on a machine that has neither.
"""
import importlib.util
import os
import re

DEFAULT_GLANCE_SRC = '/tmp/glance-16'
SETUP_HINT = 'see tools/glance-driver/README.md'

# What Glance 16.0.0 imports on the paths the driver runs, all brought in
# by Debian 12's python3-glance package (its own Glance 25 code is unused).
LIBRARIES = ('eventlet', 'glance_store', 'oslo_config', 'oslo_context',
             'oslo_db', 'oslo_log', 'oslo_messaging', 'oslo_policy',
             'oslo_middleware', 'routes', 'webob', 'sqlalchemy', 'jsonschema',
             'wsme', 'cursive', 'castellan', 'retrying', 'monotonic',
             'keystoneclient', 'osprofiler')


def glance_src(explicit=None):
    """The Glance source tree: --glance-src, else $GLANCE_SRC, else
    /tmp/glance-16."""
    return os.path.abspath(explicit or os.environ.get('GLANCE_SRC')
                           or DEFAULT_GLANCE_SRC)


def missing_library():
    """The first library Glance needs that is not installed, or None.
    Found, not imported: `serve` must monkey-patch before the first
    import, as glance-api does."""
    for name in LIBRARIES:
        if importlib.util.find_spec(name) is None:
            return name
    return None


def source_problem(src):
    """Why `src` is not a Glance 16.0.0 (Queens) source tree, or None.

    A git checkout and `git archive` both lack version metadata, so the
    release is read from glance/db/migration.py, which names it."""
    marker = os.path.join(src, 'glance', 'api', 'v2', 'images.py')
    if not os.path.isfile(marker):
        return 'no Glance source in %s' % src
    migration = os.path.join(src, 'glance', 'db', 'migration.py')
    try:
        with open(migration) as f:
            release = re.search(r"^CURRENT_RELEASE = '(\w+)'", f.read(), re.M)
    except OSError:
        release = None
    if not release or release.group(1) != 'queens':
        found = release.group(1) if release else 'unknown'
        return ('the Glance source in %s is release %s, not 16.0.0 (queens)'
                % (src, found))
    return None


def unavailable(src):
    """One line saying what to install or check out, or None when the
    driver can start."""
    lib = missing_library()
    if lib:
        return ("Glance's Python libraries are not installed (no module %r):"
                " apt-get install python3-glance; %s" % (lib, SETUP_HINT))
    problem = source_problem(src)
    if problem:
        return ('%s: check out Glance 16.0.0 (git clone '
                'https://opendev.org/openstack/glance && git -C glance '
                'checkout 16.0.0) and pass it with --glance-src or '
                '$GLANCE_SRC; %s' % (problem, SETUP_HINT))
    return None
