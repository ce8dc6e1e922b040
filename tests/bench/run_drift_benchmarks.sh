#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Drift benchmark of issue 8 ("Speed"): Tandem's full drift report (bench_drift) and a
# scipy/numpy implementation of the same tests (drift_scipy.py: scipy.stats.ks_2samp +
# the PSI over the reference's deciles, per feature), side by side in one run, on the
# same 500,000 x 500,000 rows x 30 numeric features, with the ratio scipy time / Tandem
# time and a check that both sides computed the same numbers.
#
#   tests/bench/run_drift_benchmarks.sh [BUILD_DIR] [--repeat N] [--threads N] [--data-dir DIR]
#                                       [--rows N] [--features P] [--results FILE]
#
# Tandem computes per feature its default test (normalised Wasserstein), the missing-
# value checks and, as additional tests, KS and PSI: more than the scipy side does. It
# runs once on --threads threads (default: the machine's, nproc) and once on 1 thread;
# scipy and numpy are single-threaded for these calls. Each side: one untimed warm-up,
# then --repeat N timed runs (default 3), median wall seconds (and process CPU seconds).
# Data loading is not timed on either side.
#
# BUILD_DIR (default build/release) must hold tests/bench/bench_drift; this script
# builds nothing. gen_drift.py writes the data once into DIR (default $TANDEM_BENCH_DATA,
# else ${XDG_CACHE_HOME:-~/.cache}/tandem-bench). Before each measurement the load
# average and the busiest processes are printed and the 1-minute load is kept with the
# results (JSON lines in FILE, default DIR/drift-results-<time>-<pid>.jsonl). The table
# at the end is Markdown, for docs/BENCHMARKS.md.
#
# Environment: PYTHON (default /usr/bin/python3, which must import numpy and scipy).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

build_dir="$repo/build/release"
repeat=3
threads=$(nproc 2>/dev/null || echo 2)
rows=500000
features=30
data_dir="${TANDEM_BENCH_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem-bench}"
results=""
python="${PYTHON:-/usr/bin/python3}"

usage() {
    sed -n '4,/^# Environment/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
    --repeat) repeat="${2:?--repeat needs a number}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a number}"; shift 2 ;;
    --rows) rows="${2:?--rows needs a number}"; shift 2 ;;
    --features) features="${2:?--features needs a number}"; shift 2 ;;
    --data-dir) data_dir="${2:?--data-dir needs a directory}"; shift 2 ;;
    --results) results="${2:?--results needs a file}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run_drift_benchmarks.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) build_dir="$1"; shift ;;
    esac
done
for n in "$repeat" "$threads" "$rows" "$features"; do
    case "$n" in
    '' | *[!0-9]* | 0) echo "run_drift_benchmarks.sh: --repeat, --threads, --rows and --features need a positive integer" >&2; exit 2 ;;
    esac
done

bench="$build_dir/tests/bench/bench_drift"
if [ ! -x "$bench" ]; then
    echo "run_drift_benchmarks.sh: no $bench; build it first: cmake --build $build_dir --target bench_drift" >&2
    exit 1
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
case "$build_type" in
Release | RelWithDebInfo) ;;
*) echo "run_drift_benchmarks.sh: warning: $build_dir is a '${build_type:-unknown}' build; time a Release build" >&2 ;;
esac
if ! "$python" -c 'import numpy, scipy' 2>/dev/null; then
    echo "run_drift_benchmarks.sh: $python cannot import numpy and scipy (Debian: apt install python3-scipy)" >&2
    exit 1
fi

mkdir -p "$data_dir"
results="${results:-$data_dir/drift-results-$(date +%Y%m%dT%H%M%S)-$$.jsonl}"
: >"$results"

echo "== Data ($data_dir)"
mapfile -t files < <("$python" "$here/gen_drift.py" --out-dir "$data_dir" --rows "$rows" --features "$features")
reference="${files[0]}" current="${files[1]}"
for f in "${files[@]}"; do
    ls -l "$f"
    cat "$f" >/dev/null # warm the page cache
done

echo "== Machine"
echo "bench_drift  $bench ($build_type)"
echo "python       $python, $("$python" -c 'import numpy, scipy; print("numpy", numpy.__version__, "scipy", scipy.__version__)')"
echo "cores        $(nproc 2>/dev/null || echo '?'); $(uptime)"

load1() {
    cut -d' ' -f1 /proc/loadavg
}

check_quiet() {
    echo "    load avg $(cut -d' ' -f1-3 /proc/loadavg); busiest processes (lifetime %CPU):"
    ps aux --sort=-%cpu | sed -n '2,4p' | awk '{ printf "      %5s%% %s", $3, $11; for (i = 12; i <= NF && i < 15; ++i) printf " %s", $i; print "" }'
}

# run SIDE COMMAND...: one measurement; its JSON line (the last line) is kept with the load.
run() {
    local side="$1" before out
    shift
    echo "== $side"
    check_quiet
    before=$(load1)
    out=$("$@")
    printf '%s\n' "$out" | sed '$d' | sed 's/^/    /'
    printf '{"side":"%s","load_before":%s,"load_after":%s,"run":%s}\n' "$side" "$before" "$(load1)" \
        "$(printf '%s\n' "$out" | tail -n 1)" >>"$results"
}

common=(--reference "$reference" --current "$current" --features "$features" --warmup 1 --repeat "$repeat")
run "tandem-${threads}" "$bench" "${common[@]}" --threads "$threads"
if [ "$threads" -ne 1 ]; then
    run "tandem-1" "$bench" "${common[@]}" --threads 1
fi
run scipy "$python" "$here/drift_scipy.py" "${common[@]}"

echo "load avg     $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo "results      $results"
echo

"$python" - "$results" "$rows" "$features" <<'EOF'
import json
import math
import sys

runs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
rows, features = int(sys.argv[2]), int(sys.argv[3])
scipy_run = next(r for r in runs if r["side"] == "scipy")
s = scipy_run["run"]

print(f"Drift report, {rows:,} reference x {rows:,} current rows x {features} numeric features")
print()
print("| side | threads | wall s (median) | CPU s | scipy / side | load before |")
print("|---|---:|---:|---:|---:|---:|")
for r in runs:
    run = r["run"]
    threads = run.get("threads", 1)
    ratio = s["median_s"] / run["median_s"]
    name = "scipy ks_2samp + numpy PSI" if r["side"] == "scipy" else "Tandem DriftReport (Wasserstein + KS + PSI)"
    print(f"| {name} | {threads} | {run['median_s']:.3f} | {run['cpu_median_s']:.2f} | "
          f"{'**' + format(ratio, '.2f') + '×**' if r['side'] != 'scipy' else '1'} | {r['load_before']:.2f} |")

# Both sides computed the same numbers: KS statistic, KS p-value (relative, where
# representable) and PSI, feature by feature.
print()
for r in runs:
    if r["side"] == "scipy":
        continue
    t = r["run"]
    d_gap = max(abs(a - b) for a, b in zip(t["ks_statistic"], s["ks_statistic"]))
    p_gap = max((abs(a - b) / b if b > 1e-300 else abs(a - b)) for a, b in zip(t["ks_pvalue"], s["ks_pvalue"]))
    psi_gap = max(abs(a - b) / max(abs(b), 1e-300) for a, b in zip(t["psi"], s["psi"]))
    print(f"{r['side']}: same numbers as scipy: KS D max |diff| {d_gap:.1e}, KS p max rel. diff {p_gap:.1e}, "
          f"PSI max rel. diff {psi_gap:.1e}; features drifted (Tandem's verdict): {t['drifted']} of {features}")
EOF
