#!/bin/bash
# Checks the project's Glance driver against the reference runner it
# replaces (../shared/oracle/run.py, where that is set up): every example
# scenario of both formats and RUNS generated scenarios of each format are
# replayed by both, and every trace file must be byte for byte the same.
# The driver is also compared with the traces recorded in examples/.
#
#   tools/glance-driver/check-against-oracle.sh [RUNS [SEED]]   # default 300 generated, seed 1
#
# Environment: ORACLE (default ../shared/oracle/run.py), GLANCE_SRC
# (default /tmp/glance-16), PYTHON (default /usr/bin/python3),
# KEEP=1 keeps the work directory. Exit status 0 when everything agrees,
# 1 on any difference, 3 when the driver or the reference cannot run.
set -u
cd "$(dirname "$0")/../.."
RUNS=${1:-300}
SEED=${2:-1}
PYTHON=${PYTHON:-/usr/bin/python3}
ORACLE=${ORACLE:-../shared/oracle/run.py}
DRIVER=tools/glance-driver/driver.py
export GLANCE_SRC=${GLANCE_SRC:-/tmp/glance-16}

if ! "$PYTHON" "$DRIVER" check >/dev/null; then exit 3; fi
if [ ! -f "$ORACLE" ]; then
  echo "check-against-oracle: no reference runner at $ORACLE (set ORACLE)" >&2
  exit 3
fi

WORK=$(mktemp -d -t glance-driver-check.XXXXXX)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
npx tsx scripts/faithfulness.ts --emit "$WORK/generated" --runs "$RUNS" --seed "$SEED" >/dev/null || exit 3
npx tsx scripts/faithfulness.ts --format 2 --emit "$WORK/generated-http" --runs "$RUNS" --seed "$SEED" >/dev/null || exit 3

status=0
# oracle_all OUT ERR SCENARIO... : the reference runner on every scenario.
# It stops the whole run on an exception it does not expect (webob's
# "Content-Length is different from actual app_iter length" on a download
# whose image size is not its data's); that scenario is listed in
# OUT/CRASHED and the run goes on with the ones after it.
oracle_all() {
  local out=$1 err=$2; shift 2
  local remaining=("$@") i f base
  mkdir -p "$out"; : > "$out/CRASHED"; : > "$err"
  while [ ${#remaining[@]} -gt 0 ]; do
    "$PYTHON" "$ORACLE" --out-dir "$out" "${remaining[@]}" 2>"$err.pass"
    cat "$err.pass" >> "$err"
    # exit status 1 is both "some scenario was invalid" and a traceback
    grep -q '^Traceback (most recent call last)' "$err.pass" || return
    for i in "${!remaining[@]}"; do
      f=${remaining[$i]}
      base=$(basename "$f" .scenario.json).trace.json
      if [ ! -f "$out/$base" ] && ! grep -qF "$f: invalid scenario" "$err"; then
        echo "$f" >> "$out/CRASHED"
        remaining=("${remaining[@]:$((i + 1))}")
        continue 2
      fi
    done
    return
  done
}

# compare NAME SCENARIO... : both runners, then every trace file.
# The reference runner leaves a scenario's config overrides set when
# oslo.config refuses one of its values (the scenario is invalid, and no
# trace is written), so they leak into the scenarios after it in the same
# run. A trace that differs after such a refusal is replayed again by the
# reference alone, and counted apart.
compare() {
  local name=$1; shift
  local n=$# t0 t1 t2
  t0=$(date +%s.%N)
  "$PYTHON" "$DRIVER" replay --out-dir "$WORK/$name/driver" "$@" 2>"$WORK/$name.driver.err"
  t1=$(date +%s.%N)
  oracle_all "$WORK/$name/oracle" "$WORK/$name.oracle.err" "$@"
  t2=$(date +%s.%N)
  local same=0 alone=0 refused=0 differ=0 crashed=0 f base ours theirs
  for f in "$@"; do
    base=$(basename "$f" .scenario.json).trace.json
    ours=$WORK/$name/driver/$base
    theirs=$WORK/$name/oracle/$base
    if grep -qxF "$f" "$WORK/$name/oracle/CRASHED" 2>/dev/null; then
      crashed=$((crashed + 1)); echo "  $base: the reference runner stopped on it" >&2
    elif [ ! -f "$ours" ] && [ ! -f "$theirs" ]; then
      refused=$((refused + 1))
    elif [ -f "$ours" ] && [ -f "$theirs" ] && cmp -s "$ours" "$theirs"; then
      same=$((same + 1))
    elif [ -f "$ours" ] && grep -q 'invalid scenario' "$WORK/$name.oracle.err" &&
      "$PYTHON" "$ORACLE" "$f" 2>/dev/null | cmp -s - "$ours"; then
      alone=$((alone + 1)); echo "  $base: identical when the reference replays it alone" >&2
    else
      differ=$((differ + 1)); echo "  differs: $base (diff $theirs $ours)" >&2
    fi
  done
  awk -v name="$name" -v same="$same" -v n="$n" -v t0="$t0" -v t1="$t1" -v t2="$t2" 'BEGIN {
    printf "%-30s %4d/%-4d identical   driver %6.1fs (%4.1f/s)   reference %6.1fs (%4.1f/s)\n",
      name, same, n, t1 - t0, n / (t1 - t0), t2 - t1, n / (t2 - t1) }'
  [ $refused -eq 0 ] || printf '%-30s %4d refused as invalid by both\n' '' "$refused"
  [ $crashed -eq 0 ] || printf '%-30s %4d the reference runner cannot replay (it stops the run on them)\n' '' "$crashed"
  [ $alone -eq 0 ] || printf '%-30s %4d identical when the reference replays them alone (its leak after a refused config)\n' '' "$alone"
  [ $differ -eq 0 ] || status=1
}

# recorded NAME DIR : the driver's traces against the ones in the repository
recorded() {
  local name=$1 dir=$2 same=0 total=0 f base
  for f in "$dir"/*.trace.json; do
    base=$(basename "$f")
    total=$((total + 1))
    if cmp -s "$f" "$WORK/$name/driver/$base"; then same=$((same + 1)); else echo "  differs from the recorded $f" >&2; fi
  done
  printf '%-30s %4d/%-4d identical to the recorded traces\n' "$name" "$same" "$total"
  [ $same -eq $total ] || status=1
}

shopt -s nullglob
format1=(examples/*.scenario.json)
format2=(examples/http/*.scenario.json)
generated=("$WORK"/generated/*.scenario.json)
generated_http=("$WORK"/generated-http/*.scenario.json)
compare examples-format-1 "${format1[@]}"
recorded examples-format-1 examples
if [ ${#format2[@]} -gt 0 ]; then
  compare examples-format-2 "${format2[@]}"
  recorded examples-format-2 examples/http
fi
compare "generated-format-1-seed-$SEED" "${generated[@]}"
compare "generated-format-2-seed-$SEED" "${generated_http[@]}"
[ $status -eq 0 ] && echo "the driver and the reference runner agree on every trace" || echo "DIFFERENCES: see above"
exit $status
