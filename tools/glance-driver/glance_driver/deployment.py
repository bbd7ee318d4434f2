"""One Glance 16.0.0 deployment: a scenario's `config` applied as oslo.config
overrides, the policy and property-protection files, the sqlite database,
the filesystem and http stores, the notifier, the policy enforcer.

A replay makes one per scenario (in-memory database, temporary store,
removed on close); a server makes one over a data directory (database file
and store that survive a restart).
"""
import json
import os
import shutil
import tempfile

from . import notifications
from .errors import ScenarioError
from .runtime import glance_source

STORE_ROOT_OUT = 'file:///var/lib/glance/images/'

# scenario config key -> (oslo.config option, group)
OPTIONS = {
    'image_member_quota': ('image_member_quota', None),
    'image_property_quota': ('image_property_quota', None),
    'image_tag_quota': ('image_tag_quota', None),
    'image_location_quota': ('image_location_quota', None),
    'user_storage_quota': ('user_storage_quota', None),
    'show_multiple_locations': ('show_multiple_locations', None),
    'show_image_direct_url': ('show_image_direct_url', None),
    'delayed_delete': ('delayed_delete', None),
    'owner_is_tenant': ('owner_is_tenant', None),
    'limit_param_default': ('limit_param_default', None),
    'api_limit_max': ('api_limit_max', None),
    'image_size_cap': ('image_size_cap', None),
    'disk_formats': ('disk_formats', 'image_format'),
    'container_formats': ('container_formats', 'image_format'),
    'property_protection_rule_format': ('property_protection_rule_format',
                                        None),
}
FILE_KEYS = ('policy', 'property_protections', 'load_metadefs')


class Deployment(object):
    """The world a scenario or a server runs in.

    `root`: a directory to keep (the server's --data-dir), or None for a
    fresh temporary one removed on close. `persistent`: a database file
    under root instead of an in-memory database. `sink`: where the
    notifier's messages go (notifications.CollectingSink or LogSink).
    `scenario_clock`: metadefs are stamped at the first step's instant
    (replay) rather than now (server)."""

    def __init__(self, config, base_policy, sink, root=None,
                 persistent=False, scenario_clock=True):
        if not isinstance(config, dict):
            raise ScenarioError('config must be an object')
        unknown = set(config) - set(OPTIONS) - set(FILE_KEYS)
        if unknown:
            raise ScenarioError('unknown config keys: %s' % sorted(unknown))
        self._temporary = root is None
        self.root = root or tempfile.mkdtemp(prefix='glance-peel-')
        self.store_dir = os.path.join(self.root, 'images')
        os.makedirs(self.store_dir, exist_ok=True)
        self.store_root_in = 'file://%s/' % self.store_dir
        self._overrides = []
        self._engine = None
        try:
            self._apply_options(config)
            self._isolate_staging()
            self._write_policy(base_policy, config.get('policy', {}))
            self._write_property_protections(config)
            fresh = self._open_database(persistent)
            if config.get('load_metadefs') not in (None, False, True):
                raise ScenarioError('config.load_metadefs must be a boolean')
            if config.get('load_metadefs') and fresh:
                self._load_metadefs(scenario_clock)
            self._open_stores()
            self._start_notifier(sink)
        except BaseException:
            self.close()
            raise

    # -- configuration -----------------------------------------------------
    def _override(self, name, value, group=None):
        from oslo_config import cfg
        cfg.CONF.set_override(name, value, group=group)
        self._overrides.append((name, group))

    def _isolate_staging(self):
        # Glance's default node_staging_uri (file:///tmp/staging/) is one
        # directory for every process: data one run stages and leaves would
        # make a later run's stage answer 409 "has data on staging". Each
        # deployment stages under its own root instead, as the models do.
        staging = os.path.join(self.root, 'staging')
        os.makedirs(staging, exist_ok=True)
        self._override('node_staging_uri', 'file://%s/' % staging)

    def _apply_options(self, config):
        for key, (name, group) in OPTIONS.items():
            if key in config:
                try:
                    self._override(name, config[key], group)
                except ValueError as e:  # oslo.config refused the value
                    raise ScenarioError('config.%s: %s' % (key, e))

    def _etc(self, name):
        etc = os.path.join(self.root, 'etc')
        os.makedirs(etc, exist_ok=True)
        return os.path.join(etc, name)

    def _write_policy(self, base_policy, overrides):
        """Glance 16.0.0's etc/policy.json with the scenario's rules laid
        over it."""
        if not isinstance(overrides, dict):
            raise ScenarioError('config.policy must be an object')
        rules = dict(base_policy)
        rules.update(overrides)
        path = self._etc('policy.json')
        with open(path, 'w') as f:
            json.dump(rules, f)
        self._override('policy_file', path, 'oslo_policy')

    def _write_property_protections(self, config):
        # PropertyRules reads the file into a module-level ConfigParser that
        # outlives a deployment: start from an empty one.
        _clear_property_rules()
        text = config.get('property_protections')
        if text is None:
            return
        path = self._etc('property-protections.conf')
        with open(path, 'w') as f:
            f.write(text)
        self._override('property_protection_file', path)

    # -- database ------------------------------------------------------------
    def _open_database(self, persistent):
        """Glance's sqlalchemy db api on sqlite, tables made from Glance's
        models (as its own tests make them). True when the database is
        new."""
        import glance.db.sqlalchemy.api as sql_api
        from glance.db.sqlalchemy import models, models_metadef
        fresh = True
        if persistent:
            path = os.path.join(self.root, 'glance.sqlite')
            fresh = not os.path.exists(path)
            self._override('connection', 'sqlite:///%s' % path, 'database')
        sql_api._FACADE = None
        engine = sql_api.get_engine()
        self._engine = engine
        # What models.register_models and models_metadef.register_models
        # do, once per declarative base instead of once per model (each
        # call checks every table again).
        for base in (models.BASE, models_metadef.BASE_DICT):
            base.metadata.create_all(engine)
        return fresh

    def _load_metadefs(self, scenario_clock):
        """What `glance-manage db_load_metadefs` writes from Glance
        16.0.0's etc/metadefs/*.json (a server loads them once, into a new
        database). Glance lists the directory in file-system order;
        file-name order makes runs agree."""
        import glance.db.sqlalchemy.api as sql_api
        from glance.db.sqlalchemy import metadata
        from . import clock
        if scenario_clock:
            clock.at_step(0)
        listdir = metadata.os.listdir
        metadata.os.listdir = lambda path: sorted(listdir(path))
        try:
            metadata.db_load_metadefs(
                sql_api.get_engine(),
                metadata_path=os.path.join(glance_source(), 'etc',
                                           'metadefs'))
        finally:
            metadata.os.listdir = listdir

    # -- stores and notifier ---------------------------------------------------
    def _open_stores(self):
        import glance_store
        from glance_store import location
        from oslo_config import cfg
        location.SCHEME_TO_CLS_MAP = {}
        self._override('stores', ['file', 'http'], 'glance_store')
        self._override('default_store', 'file', 'glance_store')
        self._override('filesystem_store_datadir', self.store_dir,
                       'glance_store')
        glance_store.create_stores(cfg.CONF)

    def _start_notifier(self, sink):
        import glance.api.policy
        import glance.notifier
        notifications.route_to(sink)
        self.sink = sink
        self.policy = glance.api.policy.Enforcer()
        self.notifier = glance.notifier.Notifier()

    def gateway_kwargs(self):
        """What every v2 controller takes."""
        import glance.db.sqlalchemy.api as sql_api
        import glance_store
        return dict(db_api=sql_api, policy_enforcer=self.policy,
                    notifier=self.notifier, store_api=glance_store)

    # -- scenario values -------------------------------------------------------
    def map_in(self, value):
        """Scenario store URLs (file:///var/lib/glance/images/...) point
        into this deployment's store."""
        if isinstance(value, str):
            return value.replace(STORE_ROOT_OUT, self.store_root_in)
        if isinstance(value, list):
            return [self.map_in(v) for v in value]
        if isinstance(value, dict):
            return {k: self.map_in(v) for k, v in value.items()}
        return value

    def close(self):
        from oslo_config import cfg
        for name, group in reversed(self._overrides):
            cfg.CONF.clear_override(name, group=group)
        self._overrides = []
        _clear_property_rules()
        if self._engine is not None:
            import glance.db.sqlalchemy.api as sql_api
            self._engine.dispose()
            sql_api._FACADE = None
            self._engine = None
        if self._temporary:
            shutil.rmtree(self.root, ignore_errors=True)


def _clear_property_rules():
    from glance.common import property_utils
    for section in property_utils.CONFIG.sections():
        property_utils.CONFIG.remove_section(section)
