"""`driver.py serve`: the real Glance 16.0.0 Images API v2 over HTTP.

Served as glance-api serves it in its single-process mode: eventlet's WSGI
server (what glance.common.wsgi.Server runs, with its keepalive, socket
timeout and header-line limit), the process monkey-patched as
glance/cmd/api.py patches it, and under `/v2` the application format 2
replays: ContextMiddleware in front of glance.api.v2.router.API. Glance
reads request bodies itself, chunked transfer encoding included (eventlet
de-chunks wsgi.input), and image data is streamed to and from the store.

The deployment is a scenario's `config` over a data directory (sqlite
database file `glance.sqlite`, filesystem store `images/`), on the wall
clock; tasks are stored and not run and http(s) locations follow the
formats' rule, as in a replay. Each notification is written as one JSON
line `{"event_type", "payload"}` when sent.
"""
import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile

EXIT_BAD_USAGE = 2
MAX_HEADER_LINE = 16384  # glance's max_header_line default
CLIENT_SOCKET_TIMEOUT = 900  # glance's client_socket_timeout default


class UsageError(Exception):
    """Bad options or files: one line on stderr, exit status 2."""


def green_process():
    """What glance/cmd/api.py does before it imports anything else: eventlet
    greens sockets, time, select, threads and os, so a request waiting on
    its client lets the others run and each has its own db session."""
    import eventlet
    eventlet.hubs.get_hub()
    eventlet.patcher.monkey_patch(all=False, socket=True, time=True,
                                  select=True, thread=True, os=True)


def _read_config(path):
    if path is None:
        return {}
    try:
        with open(path, encoding='utf-8') as f:
            config = json.load(f)
    except (OSError, ValueError) as e:
        raise UsageError('--config %s: %s' % (path, e))
    if not isinstance(config, dict):
        raise UsageError("--config %s: expected a JSON object (a scenario's "
                         '`config`)' % path)
    return config


def _read_tokens(path):
    from . import tokens
    if path is None:
        return None
    try:
        return tokens.load(path)
    except tokens.TokensError as e:
        raise UsageError('--tokens %s' % e)


def v2_mount(v2_app):
    """Only /v2 is served, as format 2 reaches it; any other path is 404.
    (glance-api's paste pipeline maps /v2 the same way, SCRIPT_NAME /v2.)"""
    import webob.exc

    def app(environ, start_response):
        path = environ.get('PATH_INFO', '')
        if path == '/v2' or path.startswith('/v2/'):
            environ['SCRIPT_NAME'] = environ.get('SCRIPT_NAME', '') + '/v2'
            environ['PATH_INFO'] = path[len('/v2'):]
            return v2_app(environ, start_response)
        return webob.exc.HTTPNotFound()(environ, start_response)
    return app


def build_app(tokens_map):
    from .http_steps import v2_application
    from .tokens import TokenAuth
    app = v2_mount(v2_application())
    return app if tokens_map is None else TokenAuth(app, tokens_map)


def _listen(host, port):
    import eventlet
    import socket
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    try:
        sock = eventlet.listen((host, port), family=family, backlog=4096)
    except OSError as e:
        raise UsageError('cannot listen on %s port %d: %s'
                         % (host, port, e.strerror or e))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    return sock


def _url(host, port):
    return 'http://%s:%d' % ('[%s]' % host if ':' in host else host, port)


def _stop_on_signals():
    """SIGINT and SIGTERM end the accept loop; eventlet then closes idle
    connections and waits for requests in flight. A second signal exits at
    once."""
    def stop(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise SystemExit(0)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def main(opts, src):
    green_process()
    try:
        return _serve(opts, src)
    except UsageError as e:
        sys.stderr.write('glance-driver serve: %s\n' % e)
        return EXIT_BAD_USAGE


def _serve(opts, src):
    from . import clock, notifications, runtime
    from .deployment import Deployment
    from .errors import ScenarioError
    config = _read_config(opts.config)
    tokens_map = _read_tokens(opts.tokens)
    if not 0 <= opts.port <= 65535:
        raise UsageError('--port %d: expected 0 to 65535' % opts.port)
    temporary = opts.data_dir is None
    data_dir = tempfile.mkdtemp(prefix='glance-driver-') if temporary \
        else os.path.abspath(opts.data_dir)
    sink = deployment = None
    try:
        try:
            os.makedirs(data_dir, exist_ok=True)
            sink = notifications.LogSink(opts.notifications or os.path.join(
                data_dir, 'notifications.jsonl'))
        except OSError as e:
            raise UsageError('%s: %s' % (e.filename or data_dir, e.strerror))
        base_policy = runtime.load(src, quiet=not os.environ.get(
            'GLANCE_DRIVER_DEBUG'))
        clock.wall()
        try:
            deployment = Deployment(config, base_policy, sink, root=data_dir,
                                    persistent=True, scenario_clock=False)
        except (ScenarioError, ValueError, TypeError) as e:
            raise UsageError('--config %s: %s' % (opts.config, e))
        app = build_app(tokens_map)
        sock = _listen(opts.host, opts.port)
        _stop_on_signals()
        sys.stdout.write('listening on %s\n'
                         % _url(opts.host, sock.getsockname()[1]))
        sys.stdout.flush()
        _run(sock, app)
        return 0
    finally:
        if deployment is not None:
            deployment.close()
        if sink is not None:
            sink.close()
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)


def _run(sock, app):
    import eventlet
    import eventlet.wsgi
    eventlet.wsgi.MAX_HEADER_LINE = MAX_HEADER_LINE
    debug = bool(os.environ.get('GLANCE_DRIVER_DEBUG'))
    eventlet.wsgi.server(sock, app, custom_pool=eventlet.GreenPool(1000),
                         debug=False, keepalive=True, log_output=debug,
                         socket_timeout=CLIENT_SOCKET_TIMEOUT)


@contextlib.contextmanager
def over_http(app):
    """Serves `app` as `serve` does, on a free port of this process, and
    yields a function that sends a format-2 request (http_steps.Wire) to it
    over the socket, Host `localhost`, and returns (status, header getter,
    body). The process must be green (green_process) so that this client
    and the server take turns."""
    import eventlet
    import http.client
    sock = _listen('127.0.0.1', 0)
    port = sock.getsockname()[1]
    serving = eventlet.spawn(_run, sock, app)

    def send(wire):
        conn = http.client.HTTPConnection('127.0.0.1', port,
                                          timeout=CLIENT_SOCKET_TIMEOUT)
        try:
            conn.putrequest(wire.method, wire.target, skip_host=True,
                            skip_accept_encoding=True)
            conn.putheader('Host', 'localhost')
            for name, value in wire.headers:
                conn.putheader(name, value)
            if wire.body is not None:
                conn.putheader('Content-Length', str(len(wire.body)))
            conn.endheaders(wire.body)
            resp = conn.getresponse()
            return resp.status, resp.getheader, resp.read()
        finally:
            conn.close()
    try:
        yield send
    finally:
        serving.kill()
        sock.close()
