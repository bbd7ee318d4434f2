#!/bin/sh
# Re-records the trace of every example (or of the scenarios named) with the
# Glance 16.0.0 reference runner, writing NAME.trace.json next to each
# NAME.scenario.json. The traces are committed fixtures: CI never runs this.
# Needs the runner set up as in ../../shared/oracle/README.md (Debian's
# python3-glance for the dependencies, Glance 16.0.0 source in $GLANCE_SRC,
# default /tmp/glance-16).
#   examples/record.sh                       # every example
#   examples/record.sh examples/017-*.json   # some of them
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runner=${ORACLE_RUN:-$here/../../shared/oracle/run.py}
python=${ORACLE_PYTHON:-/usr/bin/python3}
if [ ! -f "$runner" ]; then
    echo "record.sh: reference runner not found at $runner (set ORACLE_RUN)" >&2
    exit 2
fi
if [ "$#" -eq 0 ]; then
    set -- "$here"/*.scenario.json
fi
exec "$python" "$runner" --out-dir "$here" "$@"
