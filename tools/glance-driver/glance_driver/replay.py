"""`driver.py replay`: scenario files in, trace files out.

Each scenario gets a fresh deployment (in-memory database, temporary store,
its own policy and property-protection files, policy enforcer, notifier
and controllers) that is removed afterwards.
"""
import json
import os
import sys
import time

from . import clock
from . import notifications
from .deployment import Deployment
from .errors import ScenarioError
from .http_steps import HttpSteps
from .normalise import normalise, scenario_uuids, trace_text
from .ops import Controllers, run_step

FORMATS = {'peel-scenario/1': 'peel-trace/1', 'peel-scenario/2': 'peel-trace/2'}
SCENARIO_KEYS = {'format', 'name', 'config', 'steps'}


def run_scenario(scenario, base_policy, over_http=False):
    """A scenario (parsed JSON) -> its normalised trace; ScenarioError when
    it breaks its format. `over_http`: format-2 steps go over a socket to
    the application `serve` serves, instead of to it in memory."""
    if not isinstance(scenario, dict) or \
            scenario.get('format') not in FORMATS:
        raise ScenarioError('not a peel-scenario/1 or /2 file')
    extra = set(scenario) - SCENARIO_KEYS
    if extra:
        raise ScenarioError('unknown scenario keys %s' % sorted(extra))
    deployment = Deployment(scenario.get('config') or {}, base_policy,
                            notifications.CollectingSink())
    try:
        given = scenario_uuids(scenario)
        steps = scenario.get('steps') or []
        if scenario['format'] == 'peel-scenario/1':
            controllers = Controllers(deployment)
            entries = [run_step(controllers, k, s)
                       for k, s in enumerate(steps)]
        elif over_http:
            from . import server
            with server.over_http(server.build_app(None)) as send:
                http = HttpSteps(deployment, given, send)
                entries = [http.step(k, s) for k, s in enumerate(steps)]
        else:
            http = HttpSteps(deployment, given)
            entries = [http.step(k, s) for k, s in enumerate(steps)]
        trace = {'format': FORMATS[scenario['format']], 'steps': entries}
        return normalise(trace, deployment, given)
    finally:
        deployment.close()
        clock.at_step(0)


def trace_name(path):
    base = os.path.basename(path)
    for suffix in ('.scenario.json', '.json'):
        if base.endswith(suffix):
            return base[:-len(suffix)] + '.trace.json'
    return base + '.trace.json'


def replay(paths, out_dir, base_policy, over_http=False):
    """Runs every scenario; writes NAME.trace.json into out_dir, or the one
    trace on stdout. Returns the exit status: 1 when a scenario was
    invalid (reported on stderr, no trace written), else 0."""
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
    started = time.time()
    invalid = 0
    for path in paths:
        try:
            with open(path, encoding='utf-8') as f:
                trace = run_scenario(json.load(f), base_policy, over_http)
        except (ScenarioError, ValueError, KeyError, TypeError) as e:
            sys.stderr.write('%s: invalid scenario: %s\n' % (path, e))
            invalid += 1
            continue
        if out_dir:
            with open(os.path.join(out_dir, trace_name(path)), 'w',
                      encoding='utf-8') as f:
                f.write(trace_text(trace))
        else:
            sys.stdout.buffer.write(trace_text(trace).encode('utf-8'))
            sys.stdout.flush()
    if out_dir:
        elapsed = time.time() - started
        rate = len(paths) / elapsed if elapsed else 0
        sys.stderr.write('%d scenario(s) in %.2fs (%.1f/s), %d invalid\n'
                         % (len(paths), elapsed, rate, invalid))
    return 1 if invalid else 0
