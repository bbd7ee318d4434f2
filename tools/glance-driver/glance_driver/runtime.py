"""Loading Glance 16.0.0 into this process, once.

`load(src)` puts the Glance tree first on sys.path, applies the
compatibility adjustments around the import, checks that `glance` really
came from that tree, and sets the process-wide options every deployment
shares: no config files, the filesystem and http stores, anonymous access
allowed (the formats' `"as": null`), notifications through oslo.messaging's
in-memory `test` driver, Glance's sqlalchemy db api.
"""
import json
import logging
import os
import sys

from . import compat
from . import remote

_loaded = {}


def load(src, quiet=True):
    """Import Glance from `src` and configure the process; returns the
    rules of Glance 16.0.0's etc/policy.json. Idempotent."""
    if 'policy' in _loaded:
        return _loaded['policy']
    if quiet:
        # Glance logs a warning for every expected 4xx; a trace is the
        # record of what happened, not the log.
        logging.disable(logging.CRITICAL)
    if sys.path[:1] != [src]:
        sys.path.insert(0, src)
    compat.before_import()
    import glance
    where = os.path.dirname(os.path.dirname(os.path.abspath(glance.__file__)))
    if where != src:
        raise RuntimeError('imported glance from %s, not from %s'
                           % (where, src))
    _import_what_the_api_loads()
    compat.after_import()
    remote.install()
    _configure_process()
    with open(os.path.join(src, 'etc', 'policy.json')) as f:
        _loaded['policy'] = json.load(f)
    _loaded['src'] = src
    return _loaded['policy']


def glance_source():
    return _loaded['src']


def _import_what_the_api_loads():
    import glance.api.middleware.context  # noqa: F401
    import glance.api.v2.router  # noqa: F401
    import glance.db.sqlalchemy.api  # noqa: F401
    import glance.notifier  # noqa: F401
    # glance-api's paste pipeline also loads the v1 router, which imports
    # the registry client; that registers `use_user_token`, which the
    # delayed-delete path reads.
    import glance.registry.client  # noqa: F401


def _configure_process():
    import glance_store
    import oslo_messaging.conffixture
    from oslo_config import cfg
    from oslo_db import options as db_options
    from oslo_policy import opts as policy_opts

    from glance.common import config as glance_config

    conf = cfg.CONF
    glance_config.parse_args(args=[], default_config_files=[])
    glance_store.register_opts(conf)
    db_options.set_defaults(conf, connection='sqlite://')
    policy_opts.set_defaults(conf)
    conf.set_override('allow_anonymous_access', True)
    conf.set_override('data_api', 'glance.db.sqlalchemy.api')
    # Registers oslo.messaging's options so they can be set here.
    oslo_messaging.conffixture.ConfFixture(conf)
    conf.set_override('transport_url', 'fake:/')
    conf.set_override('driver', ['test'], group='oslo_messaging_notifications')
