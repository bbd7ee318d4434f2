"""Where Glance's notifications go.

glance.notifier.Notifier sends through oslo.messaging; the driver selects
oslo.messaging's `test` notification driver, which appends each message to
the module list `_impl_test.NOTIFICATIONS`. Putting a sink object in that
list's place lets a replay collect them per step and a server write each to
its log as it is sent.
"""
import json
import re

_ADDRESS = re.compile(r' at 0x[0-9a-fA-F]+>')


def plain(payload):
    """The payload as JSON values, as a trace shows it: an object that
    reaches it unserialised prints as str() with its memory address written
    0x0, and a list of image tags is sorted (Glance sends set order)."""
    text = json.dumps(payload, default=str)
    value = json.loads(_ADDRESS.sub(' at 0x0>', text))
    if isinstance(value, dict) and isinstance(value.get('tags'), list):
        value['tags'] = sorted(value['tags'])
    return value


def entry(message):
    return {'event_type': message['event_type'],
            'payload': plain(message['payload'])}


class CollectingSink(object):
    """Keeps notifications until a replay step takes them."""

    def __init__(self):
        self._pending = []

    def append(self, sent):
        _context, message, _priority, _retry = sent
        self._pending.append(entry(message))

    def take(self):
        taken, self._pending = self._pending, []
        return taken


class LogSink(object):
    """Writes each notification to a file as one JSON line, when sent."""

    def __init__(self, path):
        self._file = open(path, 'a', encoding='utf-8')

    def append(self, sent):
        _context, message, _priority, _retry = sent
        line = json.dumps(entry(message), sort_keys=True, ensure_ascii=False)
        self._file.write(line + '\n')
        self._file.flush()

    def close(self):
        self._file.close()


def route_to(sink):
    """Make oslo.messaging's test driver hand every notification to sink."""
    from oslo_messaging.notify import _impl_test
    _impl_test.NOTIFICATIONS = sink
