"""The web servers behind http(s) image locations, without a network.

Both scenario formats fix what a remote URL holds: a URL whose host ends in
`.invalid` or whose path contains `/missing` answers 404; any other answers
200 with the UTF-8 bytes of the URL itself. glance_store's http driver keeps
all its own logic (URI parsing, status checks, redirects, Content-Length);
only the request it would send is answered here. A served Glance uses the
same rule, so it keeps the deployment `peel serve` models.
"""
import io
import urllib.parse


def remote_content(url):
    """The bytes a remote URL serves, or None when it answers 404."""
    parts = urllib.parse.urlparse(url)
    host = parts.hostname or ''
    if host.endswith('.invalid') or '/missing' in parts.path:
        return None
    return url.encode('utf-8')


class _Body(object):
    """The part of urllib3's HTTPResponse glance_store reads: getheader()
    for Content-Length and read(n) for the data."""

    def __init__(self, data, headers):
        self._stream = io.BytesIO(data)
        self._headers = headers

    def getheader(self, name, default=None):
        return self._headers.get(name.lower(), default)

    def read(self, size=-1, **kwargs):
        return self._stream.read(size)

    def close(self):
        self._stream.close()


def _answer(url, verb):
    import requests
    content = remote_content(url)
    response = requests.Response()
    response.url = url
    response.status_code = 404 if content is None else 200
    data = b'not found' if content is None else content
    headers = {'content-length': str(len(data))}
    response.headers.update(headers)
    response.raw = _Body(data if verb == 'GET' else b'', headers)
    return response


def install():
    """Answer glance_store's http driver from the rule above."""
    from glance_store._drivers import http

    def _get_response(self, location, verb):
        return _answer(location.get_uri(), verb)

    http.Store._get_response = _get_response
