"""What Glance 16.0.0 (Queens, written for Python 2.7/3.5) needs to run on
Debian 12's Python 3.11 and Zed-era OpenStack libraries, and the two choices
the scenario formats fix where Glance leaves them to the interpreter.

Everything is applied in memory; no file of the Glance tree is edited.
`before_import` runs before the first `import glance`, `after_import` right
after. The README's table names each adjustment and why.
"""
import collections
import collections.abc
import warnings

# Python 3.10 removed these aliases; glance.domain, glance.location and
# glance.api.policy subclass collections.MutableMapping and friends.
_ABC_NAMES = ('Callable', 'Container', 'Hashable', 'Iterable', 'Iterator',
              'Mapping', 'MutableMapping', 'MutableSequence', 'MutableSet',
              'Sequence', 'Set', 'Sized')


def before_import():
    # Glance 16 trips deprecation and syntax warnings on 3.11 that say
    # nothing about behaviour; a trace or a server log is no place for them.
    warnings.simplefilter('ignore')
    for name in _ABC_NAMES:
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))


def after_import():
    _context_keywords()
    _extra_properties_copy()
    _tasks_stored_not_run()
    _additional_properties_in_code_point_order()


def _context_keywords():
    """oslo.context 4 dropped RequestContext(user=..., tenant=...) and the
    `tenant` attribute. Glance 16 builds its anonymous context with those
    keywords (ContextMiddleware._get_anonymous_context) and reads
    `context.tenant` (image.send payload, image_data upload); `user` still
    exists as a deprecated alias of `user_id`."""
    import glance.context
    cls = glance.context.RequestContext
    if '_driver_keywords' in cls.__dict__:
        return
    glance_init = cls.__init__

    def __init__(self, *args, **kwargs):
        renames = (('user', 'user_id'), ('tenant', 'project_id'))
        for old, new in renames:
            if old in kwargs:
                value = kwargs.pop(old)
                kwargs.setdefault(new, value)
        glance_init(self, *args, **kwargs)

    cls.__init__ = __init__
    cls.tenant = property(lambda self: self.project_id)
    cls._driver_keywords = True


def _extra_properties_copy():
    """glance.domain.ExtraProperties(MutableMapping, dict) defines keys() and
    len() as dict(self).keys() / len(). CPython 2.7 and 3.5 made dict(x) of a
    dict subclass by copying its storage; CPython >= 3.6 does so only when
    the class iterates as dict does, and otherwise calls x.keys(), which
    here recurses without end. Iterating as dict does brings back the copy
    Glance was written against (ExtraPropertiesProxy inherits it)."""
    import glance.domain
    glance.domain.ExtraProperties.__iter__ = dict.__iter__


class _InertExecutor(object):
    """Stands where Glance's taskflow executor would be: tasks are stored,
    never run."""


class _NoRunPool(object):
    """The eventlet pool TasksController.create spawns task.run on; it
    accepts the task and runs nothing (Glance's own unit tests mock
    spawn_n the same way)."""

    def spawn_n(self, func, *args, **kwargs):
        return None

    def spawn(self, func, *args, **kwargs):
        return None


def _tasks_stored_not_run():
    """glance/async/ is named after what became a keyword in Python 3.7, so
    the task executor Glance imports cannot even be compiled. Both formats
    say a task is stored and not run; a served Glance does the same."""
    import glance.api.common
    import glance.domain

    def new_task_executor(self, context):
        return _InertExecutor()

    glance.domain.TaskExecutorFactory.new_task_executor = new_task_executor
    pool = _NoRunPool()
    glance.api.common.get_thread_pool = lambda lock_name, size=1024: pool


def _additional_properties_in_code_point_order():
    """jsonschema 4 gathers a body's additional properties into a set and
    checks them in set order, so when several break the schema, which error
    Glance reports depends on the hash seed. The formats fix the choice:
    they are checked in code-point order."""
    import jsonschema.validators
    from jsonschema import _utils, _validators

    seed_order = _validators.additionalProperties

    def additional_properties(validator, aP, instance, schema):
        if validator.is_type(instance, 'object') and \
                validator.is_type(aP, 'object'):
            extras = sorted(set(_utils.find_additional_properties(
                instance, schema)))
            for extra in extras:
                yield from validator.descend(instance[extra], aP, path=extra)
            return
        yield from seed_order(validator, aP, instance, schema)

    classes = set(jsonschema.validators._META_SCHEMAS.values())
    classes.add(jsonschema.validators.Draft4Validator)
    for cls in classes:
        if cls.VALIDATORS.get('additionalProperties') is seed_order:
            cls.VALIDATORS['additionalProperties'] = additional_properties
