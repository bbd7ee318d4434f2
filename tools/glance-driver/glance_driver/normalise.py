"""Making a trace comparable across runs and implementations.

After the last step the trace is serialised with keys sorted; the
deployment's store root becomes file:///var/lib/glance/images/ (a bare
store path in a message becomes /var/lib/glance/images/); then every uuid
that does not occur in the scenario file becomes `<uuid-N>`, N counting
from 1 in order of first appearance in that text.
"""
import json
import re

from .deployment import STORE_ROOT_OUT

UUID = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-'
                  r'[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')


def scenario_uuids(scenario):
    """The uuids a scenario names itself; they stay as they are."""
    return set(UUID.findall(json.dumps(scenario)))


def normalise(trace, deployment, given):
    text = json.dumps(trace, sort_keys=True, ensure_ascii=False)
    text = text.replace(deployment.store_root_in, STORE_ROOT_OUT)
    text = text.replace(deployment.store_dir + '/', '/var/lib/glance/images/')
    numbers = {}

    def number(match):
        uuid = match.group(0)
        if uuid in given:
            return uuid
        if uuid not in numbers:
            numbers[uuid] = '<uuid-%d>' % (len(numbers) + 1)
        return numbers[uuid]
    return json.loads(UUID.sub(number, text))


def trace_text(trace):
    """A trace file's text: one-space indent, keys sorted, UTF-8 kept."""
    return json.dumps(trace, indent=1, sort_keys=True,
                      ensure_ascii=False) + '\n'
