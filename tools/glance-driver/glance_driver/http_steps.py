"""Format 2: each step an HTTP request through Glance 16.0.0's whole v2 WSGI
application (ContextMiddleware in front of glance.api.v2.router.API:
routing, request deserializers and their JSON-schema validation,
controllers, response serializers, wsgi.Resource's error handling), each
trace entry the response.

The request is made in memory with webob, as a client's request reaches the
application under `/v2`: Host `localhost`, Content-Length the body's.
"""
import base64
import collections
import json
import re

from . import clock
from . import identity
from .errors import ScenarioError
from .normalise import UUID

STEP_KEYS = {'as', 'method', 'path', 'headers', 'json', 'text', 'data_b64'}
BODY_KEYS = ('json', 'text', 'data_b64')
FRAMING = {'content-length', 'transfer-encoding', 'host'}
TRACE_HEADERS = ('allow', 'content-md5', 'content-type', 'location',
                 'openstack-image-import-methods')
JSON_TYPES = ('application/json', 'application/schema+json')
PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
REFERENCE = re.compile(r'<uuid-(\d+)>')


def v2_application():
    """ContextMiddleware(API(mapper)): what glance-api serves under /v2."""
    import routes
    import glance.api.middleware.context as context_mw
    import glance.api.v2.router
    return context_mw.ContextMiddleware(
        glance.api.v2.router.API(routes.Mapper()))


class HttpSteps(object):
    """Replays the steps of one format-2 scenario, resolving `<uuid-N>` the
    way the trace will number generated uuids.

    `send`: None to hand each request to the application in memory (what
    the formats define), or a function Wire -> (status, header getter,
    body) that sends it over a socket to a server of the same
    application (server.over_http)."""

    def __init__(self, deployment, given_uuids, send=None):
        self.deployment = deployment
        self.given = given_uuids
        self.seen = []  # generated uuids, in order of first appearance
        self.send = send
        self.app = v2_application() if send is None else None

    # -- <uuid-N> references -------------------------------------------------
    def _resolve(self, text, k):
        def real(match):
            n = int(match.group(1))
            if not 1 <= n <= len(self.seen):
                raise ScenarioError('step %d: %s names no uuid seen yet'
                                    % (k, match.group(0)))
            return self.seen[n - 1]
        return REFERENCE.sub(real, text)

    def _resolve_value(self, value, k):
        if isinstance(value, str):
            return self._resolve(self.deployment.map_in(value), k)
        if isinstance(value, list):
            return [self._resolve_value(v, k) for v in value]
        if isinstance(value, dict):
            return {self._resolve_value(a, k): self._resolve_value(b, k)
                    for a, b in value.items()}
        return value

    def _learn(self, entry):
        """Number the uuids an entry shows, in the order the normalised trace
        will (keys sorted)."""
        text = json.dumps(entry, sort_keys=True, ensure_ascii=False)
        for uuid in UUID.findall(text):
            if uuid not in self.given and uuid not in self.seen:
                self.seen.append(uuid)

    # -- the request ---------------------------------------------------------
    def _check(self, k, step):
        if not isinstance(step, dict) or set(step) - STEP_KEYS:
            extra = set(step) - STEP_KEYS if isinstance(step, dict) else step
            raise ScenarioError('step %d: unknown keys %s'
                                % (k, sorted(extra)))
        if not isinstance(step.get('method'), str) or \
                not isinstance(step.get('path'), str):
            raise ScenarioError('step %d: method and path must be strings'
                                % k)
        if not step['path'].startswith('/v2/'):
            raise ScenarioError('step %d: path must start with /v2/' % k)
        if len([b for b in BODY_KEYS if b in step]) > 1:
            raise ScenarioError('step %d: at most one of json, text, '
                                'data_b64' % k)
        headers = step.get('headers') or {}
        if not isinstance(headers, dict) or not all(
                isinstance(v, str) for v in headers.values()):
            raise ScenarioError('step %d: headers must map names to strings'
                                % k)
        if FRAMING & {name.lower() for name in headers}:
            raise ScenarioError('step %d: Content-Length, Transfer-Encoding '
                                'and Host follow from the request itself' % k)
        return headers

    def wire(self, k, step):
        """The request as a client sends it: method, request target,
        header fields (Host and Content-Length left to the transport) and
        the body, None when there is none."""
        given_headers = self._check(k, step)
        method = step['method']
        target = self._resolve(step['path'], k)
        body = None
        headers = _Headers()
        if 'json' in step:
            body = json.dumps(self._resolve_value(step['json'], k)).encode()
            headers.set('Content-Type', PATCH_TYPE if method == 'PATCH'
                        else 'application/json')
        elif 'text' in step:
            text = self.deployment.map_in(step['text'])
            body = self._resolve(text, k).encode()
        elif 'data_b64' in step:
            body = base64.b64decode(step['data_b64'])
            headers.set('Content-Type', 'application/octet-stream')
        for name, value in identity.headers(step.get('as')):
            headers.set(name, value)
        for name, value in given_headers.items():
            headers.set(name, self._resolve(value, k))
        return Wire(method, target, headers.items(), body)

    # -- the response --------------------------------------------------------
    def step(self, k, step):
        clock.at_step(k)
        wire = self.wire(k, step)
        if self.send is None:
            entry = response_entry(*in_memory(wire, self.app))
        else:
            entry = response_entry(*self.send(wire))
        entry['notifications'] = self.deployment.sink.take()
        self._learn(entry)
        return entry


Wire = collections.namedtuple('Wire', 'method target headers body')


class _Headers(object):
    """Header fields set one after another, a later one replacing an earlier
    of the same name in any case, as webob's request headers do."""

    def __init__(self):
        self._fields = []

    def set(self, name, value):
        self._fields = [(n, v) for n, v in self._fields
                        if n.lower() != name.lower()]
        self._fields.append((name, value))

    def items(self):
        return list(self._fields)


def in_memory(wire, app):
    """The request made with webob, as a WSGI server would hand it to the
    application mounted at /v2 (Host localhost); the response as status,
    a header getter and the body."""
    import webob
    req = webob.Request.blank(wire.target[len('/v2'):])
    req.method = wire.method
    if wire.body is not None:
        req.body = wire.body
    for name, value in wire.headers:
        req.headers[name] = value
    resp = req.get_response(app)
    try:
        body = resp.body
    except AssertionError:
        # An image whose size is not its data's (an http location that
        # serves more than the size the image was given): Glance's
        # serializer sets Content-Length to the size and streams all the
        # data, and webob refuses to join them. The trace keeps what the
        # application wrote, which webob has kept too. (The reference
        # runner stops the whole run there; over a socket a client reads
        # Content-Length bytes of it.)
        body = resp.body
    return resp.status_int, resp.headers.get, body


def response_entry(status, header, body):
    """Status, the traced headers, and the body as json, text or data_b64.
    `header(name)` is a response header's value or None."""
    entry = {'status': status}
    headers = {name: header(name) for name in TRACE_HEADERS
               if header(name) is not None}
    if headers:
        entry['headers'] = headers
    if body:
        content_type = (header('content-type') or '').split(';', 1)[0]
        content_type = content_type.lower()
        if content_type in JSON_TYPES or content_type.endswith('+json'):
            entry['json'] = sorted_tags(json.loads(body.decode('utf-8')))
        else:
            try:
                entry['text'] = body.decode('utf-8')
            except UnicodeDecodeError:
                entry['data_b64'] = base64.b64encode(body).decode('ascii')
    return entry


def sorted_tags(body):
    """Glance lists an image's tags in set order; a trace sorts them, in an
    image and in each item of `images`."""
    def fix(entity):
        if isinstance(entity, dict) and isinstance(entity.get('tags'), list):
            entity['tags'] = sorted(entity['tags'], key=str)
    if isinstance(body, dict):
        fix(body)
        if isinstance(body.get('images'), list):
            for image in body['images']:
                fix(image)
    return body
