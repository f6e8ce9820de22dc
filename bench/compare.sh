#!/usr/bin/env bash
# Before/after figures from one run (a measurement, not a test: it asserts nothing).
# Runs the Google Benchmark programs of two builds alternately, REPS times each, and
# prints the median time per benchmark for both with the ratio after/before; then, with
# LOAD set, bench/load/concurrency.sh for both sievegate binaries (its own ratio against
# smtp-sink direct, measured in the same run).
# Usage: compare.sh BEFORE_DIR AFTER_DIR
#   each DIR holds lint_bench, runtime_bench, proxy_bench (and sievegate for LOAD);
#   environment: REPS (5), LOAD (unset: skip the load run), and concurrency.sh's own.
set -u
before=$1
after=$2
reps=${REPS:-5}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for prog in lint_bench runtime_bench proxy_bench; do
  for ((i = 0; i < reps; i++)); do
    for side in before after; do
      dir=$before
      [ "$side" = after ] && dir=$after
      timeout 300 "$dir/$prog" --benchmark_format=json --benchmark_min_time=0.2 \
        > "$tmp/$prog.$side.$i.json" 2>/dev/null
    done
  done
done

python3 - "$tmp" "$reps" <<'PY'
import json, statistics, sys, glob, os
tmp, reps = sys.argv[1], int(sys.argv[2])
print(f"{'benchmark':44} {'before':>12} {'after':>12} {'after/before':>13}")
for prog in ("lint_bench", "runtime_bench", "proxy_bench"):
    times = {"before": {}, "after": {}}
    for side in times:
        for i in range(reps):
            path = os.path.join(tmp, f"{prog}.{side}.{i}.json")
            try:
                data = json.load(open(path))
            except (OSError, ValueError):
                continue
            for b in data.get("benchmarks", []):
                times[side].setdefault(b["name"], []).append((b["real_time"], b["time_unit"]))
    for name, runs in times["before"].items():
        after = times["after"].get(name)
        if not after:
            continue
        b = statistics.median(t for t, _ in runs)
        a = statistics.median(t for t, _ in after)
        unit = runs[0][1]
        print(f"{name:44} {b:>10.1f}{unit:>2} {a:>10.1f}{unit:>2} {a / b if b else 0:>13.3f}")
PY

if [ -n "${LOAD:-}" ]; then
  for side in before after; do
    dir=$before
    [ "$side" = after ] && dir=$after
    echo "== load, $side ($dir/sievegate)"
    "$here/load/concurrency.sh" "$dir/sievegate"
  done
fi
