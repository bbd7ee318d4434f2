"""Format 1: one call of a Glance 16.0.0 v2 controller per step.

Each op builds the request a client would have sent (path, method, query
string, identity headers read by Glance's real ContextMiddleware), calls
the controller method the format names with the already-parsed arguments,
and renders the result with the real v2 response serializer. The step's
trace entry is made from that webob response, or from the exception that
escaped the controller as glance.common.wsgi.Resource would answer it.
"""
import base64
import copy
import io
import os
import sys
import traceback
import urllib.parse

from . import clock
from . import identity
from .errors import ScenarioError

LINKS = ('self', 'file', 'schema')
COLLECTIONS = ('images', 'members', 'tasks')
IMAGE_KEYS = {'id', 'name', 'visibility', 'protected', 'min_disk', 'min_ram',
              'disk_format', 'container_format', 'owner'}
IMAGE_INDEX_KEYS = ('marker', 'limit', 'sort_key', 'sort_dir', 'filters',
                    'member_status')
TASK_INDEX_KEYS = ('marker', 'limit', 'sort_key', 'sort_dir', 'filters')


class Controllers(object):
    """Glance's v2 controllers and serializers over one deployment, and the
    requests they are called with."""

    def __init__(self, deployment):
        import glance.api.middleware.context as context_mw
        from glance.api import v2
        import glance.api.v2.image_actions  # noqa: F401
        import glance.api.v2.image_data  # noqa: F401
        import glance.api.v2.image_members  # noqa: F401
        import glance.api.v2.image_tags  # noqa: F401
        import glance.api.v2.images  # noqa: F401
        import glance.api.v2.tasks  # noqa: F401
        self.deployment = deployment
        self.context = context_mw.ContextMiddleware(None)
        kw = deployment.gateway_kwargs()
        self.images = v2.images.ImagesController(**kw)
        self.data = v2.image_data.ImageDataController(**kw)
        self.actions = v2.image_actions.ImageActionsController(**kw)
        self.members = v2.image_members.ImageMembersController(**kw)
        self.tags = v2.image_tags.Controller(**kw)
        self.tasks = v2.tasks.TasksController(**kw)
        self.images_out = v2.images.ResponseSerializer()
        self.data_out = v2.image_data.ResponseSerializer()
        self.actions_out = v2.image_actions.ResponseSerializer()
        self.members_out = v2.image_members.ResponseSerializer()
        self.tags_out = v2.image_tags.ResponseSerializer()
        self.tasks_out = v2.tasks.ResponseSerializer()

    def request(self, who, path, method='GET', query=None):
        """A glance wsgi request carrying `who` as identity headers, with
        the context ContextMiddleware builds from them."""
        from glance.common import wsgi
        url = path + ('?' + urllib.parse.urlencode(query) if query else '')
        req = wsgi.Request.blank(url)
        req.method = method
        for name, value in identity.headers(who):
            req.headers[name] = value
        self.context.process_request(req)
        return req

    def enforce_tasks_api_access(self, req):
        """The v2 tasks deserializer checks `tasks_api_access` before the
        controller is reached; task.create and task.index rely on it."""
        import glance.api.v2.tasks
        glance.api.v2.tasks._enforce_access_policy(
            self.deployment.policy, req)


def _response(req, serialize, result):
    import webob
    resp = webob.Response(request=req)
    serialize(resp, result)
    return resp


def _allow(op, args, allowed):
    extra = set(args) - set(allowed)
    if extra:
        raise ScenarioError('%s: unknown args %s' % (op, sorted(extra)))


def _segment(value):
    """A path segment as a client sends it (webob refuses a raw non-ASCII
    path; the path itself is not what a step tests)."""
    return urllib.parse.quote(str(value), safe='')


def index_query(args, keys):
    """The query string a client sends for these parsed index args: limit,
    marker, each sort_key, each sort_dir, member_status, then the filters in
    scenario order, `tags` as repeated `tag`. The serializer builds the
    `first`/`next` links from it."""
    pairs = []
    for name in ('limit', 'marker'):
        if name in args:
            pairs.append((name, args[name]))
    for name in ('sort_key', 'sort_dir'):
        if name in args and name in keys:
            value = args[name]
            pairs.extend((name, v) for v in
                         (value if isinstance(value, list) else [value]))
    if 'member_status' in args and 'member_status' in keys:
        pairs.append(('member_status', args['member_status']))
    for name, value in (args.get('filters') or {}).items():
        if name == 'tags' and isinstance(value, list):
            pairs.extend(('tag', tag) for tag in value)
        else:
            pairs.append((name, value))
    return pairs


# -- the ops ----------------------------------------------------------------

def image_create(c, who, args):
    _allow('image.create', args, ('image', 'extra_properties', 'tags'))
    image = dict(args.get('image') or {})
    if set(image) - IMAGE_KEYS:
        raise ScenarioError('image.create: unknown image keys %s'
                            % sorted(set(image) - IMAGE_KEYS))
    if 'id' in image:  # as the v2 deserializer renames it
        image['image_id'] = image.pop('id')
    req = c.request(who, '/v2/images', 'POST')
    result = c.images.create(
        req, image=image,
        extra_properties=dict(args.get('extra_properties') or {}),
        tags=list(args.get('tags') or []))
    return _response(req, c.images_out.create, result)


def image_show(c, who, args):
    _allow('image.show', args, ('image_id',))
    req = c.request(who, '/v2/images/%s' % args['image_id'])
    return _response(req, c.images_out.show,
                     c.images.show(req, args['image_id']))


def image_index(c, who, args):
    _allow('image.index', args, IMAGE_INDEX_KEYS)
    req = c.request(who, '/v2/images', 'GET',
                    index_query(args, IMAGE_INDEX_KEYS))
    kw = {k: copy.deepcopy(args[k]) for k in IMAGE_INDEX_KEYS if k in args}
    return _response(req, c.images_out.index, c.images.index(req, **kw))


def image_update(c, who, args):
    _allow('image.update', args, ('image_id', 'changes'))
    changes = []
    for change in args['changes']:
        if set(change) - {'op', 'path', 'value', 'json_schema_version'}:
            raise ScenarioError('image.update: bad change %r' % (change,))
        changes.append(dict(change))
    req = c.request(who, '/v2/images/%s' % args['image_id'], 'PATCH')
    return _response(req, c.images_out.update,
                     c.images.update(req, args['image_id'], changes))


def image_delete(c, who, args):
    _allow('image.delete', args, ('image_id',))
    req = c.request(who, '/v2/images/%s' % args['image_id'], 'DELETE')
    return _response(req, c.images_out.delete,
                     c.images.delete(req, args['image_id']))


def _image_action(name):
    def op(c, who, args):
        _allow('image.' + name, args, ('image_id',))
        req = c.request(who, '/v2/images/%s/actions/%s'
                        % (args['image_id'], name), 'POST')
        result = getattr(c.actions, name)(req, args['image_id'])
        return _response(req, getattr(c.actions_out, name), result)
    return op


def image_upload(c, who, args):
    _allow('image.upload', args, ('image_id', 'data', 'data_b64', 'size'))
    if 'data_b64' in args:
        data = base64.b64decode(args['data_b64'])
    else:
        data = (args.get('data') or '').encode('utf-8')
    req = c.request(who, '/v2/images/%s/file' % args['image_id'], 'PUT')
    # size None: a chunked upload without Content-Length
    result = c.data.upload(req, args['image_id'], io.BytesIO(data),
                           args.get('size'))
    return _response(req, c.data_out.upload, result)


def image_download(c, who, args):
    _allow('image.download', args, ('image_id',))
    req = c.request(who, '/v2/images/%s/file' % args['image_id'])
    resp = _response(req, c.data_out.download,
                     c.data.download(req, args['image_id']))
    # A WSGI server drains app_iter; image.send is sent when it is.
    resp.downloaded = b''.join(resp.app_iter)
    return resp


def tag_update(c, who, args):
    _allow('tag.update', args, ('image_id', 'tag_value'))
    req = c.request(who, '/v2/images/%s/tags/%s' % (
        args['image_id'], _segment(args['tag_value'])), 'PUT')
    c.tags.update(req, args['image_id'], args['tag_value'])
    return _response(req, c.tags_out.update, None)


def tag_delete(c, who, args):
    _allow('tag.delete', args, ('image_id', 'tag_value'))
    req = c.request(who, '/v2/images/%s/tags/%s' % (
        args['image_id'], _segment(args['tag_value'])), 'DELETE')
    c.tags.delete(req, args['image_id'], args['tag_value'])
    return _response(req, c.tags_out.delete, None)


def _members_path(args, member=False):
    path = '/v2/images/%s/members' % args['image_id']
    return path + ('/%s' % args['member_id'] if member else '')


def member_create(c, who, args):
    _allow('member.create', args, ('image_id', 'member_id'))
    req = c.request(who, _members_path(args), 'POST')
    result = c.members.create(req, args['image_id'], args['member_id'])
    return _response(req, c.members_out.create, result)


def member_update(c, who, args):
    _allow('member.update', args, ('image_id', 'member_id', 'status'))
    req = c.request(who, _members_path(args, True), 'PUT')
    result = c.members.update(req, args['image_id'], args['member_id'],
                              args['status'])
    return _response(req, c.members_out.update, result)


def member_index(c, who, args):
    _allow('member.index', args, ('image_id',))
    req = c.request(who, _members_path(args))
    return _response(req, c.members_out.index,
                     c.members.index(req, args['image_id']))


def member_show(c, who, args):
    _allow('member.show', args, ('image_id', 'member_id'))
    req = c.request(who, _members_path(args, True))
    result = c.members.show(req, args['image_id'], args['member_id'])
    return _response(req, c.members_out.show, result)


def member_delete(c, who, args):
    _allow('member.delete', args, ('image_id', 'member_id'))
    req = c.request(who, _members_path(args, True), 'DELETE')
    # The controller answers its own 204; the members serializer has no
    # `delete`, so wsgi.Resource passes that response on.
    return c.members.delete(req, args['image_id'], args['member_id'])


def task_create(c, who, args):
    _allow('task.create', args, ('task',))
    req = c.request(who, '/v2/tasks', 'POST')
    c.enforce_tasks_api_access(req)
    task = dict(args['task'])
    if set(task) != {'type', 'input'}:
        raise ScenarioError('task.create: task needs exactly type, input')
    return _response(req, c.tasks_out.create, c.tasks.create(req, task))


def task_index(c, who, args):
    _allow('task.index', args, TASK_INDEX_KEYS)
    req = c.request(who, '/v2/tasks', 'GET',
                    index_query(args, TASK_INDEX_KEYS))
    c.enforce_tasks_api_access(req)
    kw = {k: copy.deepcopy(args[k]) for k in TASK_INDEX_KEYS if k in args}
    return _response(req, c.tasks_out.index, c.tasks.index(req, **kw))


def task_get(c, who, args):
    _allow('task.get', args, ('task_id',))
    req = c.request(who, '/v2/tasks/%s' % args['task_id'])
    return _response(req, c.tasks_out.get, c.tasks.get(req, args['task_id']))


# op -> (function, required args)
OPS = {
    'image.create': (image_create, ()),
    'image.show': (image_show, ('image_id',)),
    'image.index': (image_index, ()),
    'image.update': (image_update, ('image_id', 'changes')),
    'image.delete': (image_delete, ('image_id',)),
    'image.deactivate': (_image_action('deactivate'), ('image_id',)),
    'image.reactivate': (_image_action('reactivate'), ('image_id',)),
    'image.upload': (image_upload, ('image_id',)),
    'image.download': (image_download, ('image_id',)),
    'tag.update': (tag_update, ('image_id', 'tag_value')),
    'tag.delete': (tag_delete, ('image_id', 'tag_value')),
    'member.create': (member_create, ('image_id', 'member_id')),
    'member.update': (member_update, ('image_id', 'member_id', 'status')),
    'member.index': (member_index, ('image_id',)),
    'member.show': (member_show, ('image_id', 'member_id')),
    'member.delete': (member_delete, ('image_id', 'member_id')),
    'task.create': (task_create, ('task',)),
    'task.index': (task_index, ()),
    'task.get': (task_get, ('task_id',)),
}
STEP_KEYS = {'as', 'op', 'args'}


# -- a step's trace entry ---------------------------------------------------

def _without_links(entity):
    for name in LINKS:
        entity.pop(name, None)
    if isinstance(entity.get('tags'), list):
        entity['tags'] = sorted(entity['tags'])
    return entity


def body_of(resp):
    """The serializer's JSON without self/file/schema links (in list items
    and collections too), tags sorted; None for an empty body."""
    import json
    if not resp.body:
        return None
    body = json.loads(resp.body.decode('utf-8'))
    if not isinstance(body, dict):
        return body
    for name in COLLECTIONS:
        if isinstance(body.get(name), list):
            body[name] = [_without_links(e) for e in body[name]]
            body.pop('schema', None)
            return body
    return _without_links(body)


def http_error(e):
    """Status and message of a webob HTTP exception: the explanation Glance
    passed; when it passed only a positional detail (HTTPForbidden(msg)),
    that detail; else webob's stock text."""
    explanation = e.explanation
    if explanation == type(e).explanation and e.detail:
        explanation = e.detail
    return e.status_int, str(explanation)


def _outcome(resp):
    out = {'status': resp.status_int}
    if resp.status_int == 204:
        return out
    if hasattr(resp, 'downloaded'):
        out['body'] = {'data_b64': base64.b64encode(resp.downloaded)
                       .decode('ascii')}
        return out
    body = body_of(resp)
    if body is not None:
        out['body'] = body
    return out


def run_step(controllers, k, step):
    """Step k of a format-1 scenario -> its trace entry (not normalised)."""
    import webob.exc
    if set(step) - STEP_KEYS:
        raise ScenarioError('step %d: unknown keys %s'
                            % (k, sorted(set(step) - STEP_KEYS)))
    if step.get('op') not in OPS:
        raise ScenarioError('step %d: unknown op %r' % (k, step.get('op')))
    op, required = OPS[step['op']]
    clock.at_step(k)
    args = controllers.deployment.map_in(copy.deepcopy(step.get('args')
                                                       or {}))
    if not isinstance(args, dict):
        raise ScenarioError('step %d: args must be an object' % k)
    for name in required:
        if name not in args:
            raise ScenarioError('missing arg %r' % name)
    try:
        out = _outcome(op(controllers, step.get('as'), args))
    except ScenarioError:
        raise
    except webob.exc.HTTPException as e:
        status, message = http_error(e)
        out = {'status': status}
        if status >= 400:
            out['error'] = message
    except Exception as e:
        # glance.common.wsgi.Resource answers anything else that escapes a
        # controller with a bare HTTPInternalServerError().
        sys.stderr.write('step %d (%s): %s: %s\n'
                         % (k, step['op'], type(e).__name__, e))
        if os.environ.get('GLANCE_DRIVER_DEBUG'):
            traceback.print_exc()
        out = {'status': 500,
               'error': str(webob.exc.HTTPInternalServerError().explanation)}
    out['notifications'] = controllers.deployment.sink.take()
    return out
