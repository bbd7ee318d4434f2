#!/bin/sh
# Re-records the trace of every format-2 example (or of the scenarios named)
# with the Glance 16.0.0 reference runner, writing NAME.trace.json next to
# each NAME.scenario.json. The traces are committed fixtures: CI never runs
# this. Needs the runner set up as in ../../../shared/oracle/README.md.
#   examples/http/record.sh                            # every example
#   examples/http/record.sh examples/http/2[0-4]*.scenario.json
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runner=${ORACLE_RUN:-$here/../../../shared/oracle/run.py}
python=${ORACLE_PYTHON:-/usr/bin/python3}
if [ ! -f "$runner" ]; then
    echo "record.sh: reference runner not found at $runner (set ORACLE_RUN)" >&2
    exit 2
fi
if [ "$#" -eq 0 ]; then
    set -- "$here"/*.scenario.json
fi
exec "$python" "$runner" --out-dir "$here" "$@"
