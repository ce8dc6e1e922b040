#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CSV loading benchmark of issue 3 ("Speed"): Tandem's CsvReader (bench_csv) and
# pandas.read_csv, side by side in one run, on the same files with a warm page cache.
#
#   tests/bench/run_benchmarks.sh [BUILD_DIR] [--repeat N] [--data-dir DIR] [--results FILE] [--round-trip]
#                                 [--numeric-rows N] [--mixed-rows N]
#
# BUILD_DIR (default build/release) must hold tests/bench/bench_csv already; this
# script builds nothing. The data sets are generated once by gen_csv.py into DIR
# (default $TANDEM_BENCH_DATA, else ${XDG_CACHE_HOME:-~/.cache}/tandem-bench).
# Each reader reads each file once untimed and N times timed (default 5) in one
# process; Tandem twice, with a parse thread per core (its default) and with one
# thread (as pandas' C parser has). The peak memory of each is measured apart, in
# a fresh process doing one read. --round-trip adds pandas with
# float_precision="round_trip" (correctly rounded floats, as Tandem parses them);
# engine="pyarrow" is added when pyarrow is importable. The JSON lines of every
# run go to FILE (default DIR/results-<time>-<pid>.jsonl) and Markdown tables are
# printed at the end. --numeric-rows and --mixed-rows make smaller (or larger)
# data sets for a quick try.
#
# Environment: PYTHON (default /usr/bin/python3, which must import numpy and pandas).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

build_dir="$repo/build/release"
repeat=5
data_dir="${TANDEM_BENCH_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem-bench}"
results=""
round_trip=0
gen_args=()
python="${PYTHON:-/usr/bin/python3}"

usage() {
    sed -n '4,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
    --repeat) repeat="${2:?--repeat needs a number}"; shift 2 ;;
    --data-dir) data_dir="${2:?--data-dir needs a directory}"; shift 2 ;;
    --results) results="${2:?--results needs a file}"; shift 2 ;;
    --round-trip) round_trip=1; shift ;;
    --numeric-rows | --mixed-rows) gen_args+=("$1" "${2:?$1 needs a number}"); shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run_benchmarks.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) build_dir="$1"; shift ;;
    esac
done
case "$repeat" in
'' | *[!0-9]* | 0) echo "run_benchmarks.sh: --repeat must be a positive integer" >&2; exit 2 ;;
esac

bench="$build_dir/tests/bench/bench_csv"
[ -x "$bench" ] || bench="$build_dir/tests/bench/bench_csv.exe"
if [ ! -x "$bench" ]; then
    cat >&2 <<EOF
run_benchmarks.sh: no bench_csv in $build_dir/tests/bench.
Build it first (tests/CMakeLists.txt must have "add_subdirectory(bench)", and
TANDEM_BUILD_BENCHMARKS must be ON, its default), e.g.:
  cmake --build $build_dir --target bench_csv
EOF
    exit 1
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
case "$build_type" in
Release | RelWithDebInfo) ;;
*) echo "run_benchmarks.sh: warning: $build_dir is a '${build_type:-unknown}' build; time a Release build" >&2 ;;
esac
if ! "$python" -c 'import numpy, pandas' 2>/dev/null; then
    echo "run_benchmarks.sh: $python cannot import numpy and pandas (Debian: apt install python3-pandas)" >&2
    exit 1
fi

mkdir -p "$data_dir"
results="${results:-$data_dir/results-$(date +%Y%m%dT%H%M%S)-$$.jsonl}"
: >"$results"

load() {
    if [ -r /proc/loadavg ]; then
        cut -d' ' -f1-3 /proc/loadavg
    else
        uptime
    fi
}

echo "== Data ($data_dir)"
list="$results.files"
"$python" "$here/gen_csv.py" --out-dir "$data_dir" "${gen_args[@]}" >"$list"
mapfile -t files <"$list"
rm -f "$list"
if [ "${#files[@]}" -eq 0 ]; then
    echo "run_benchmarks.sh: gen_csv.py named no data files" >&2
    exit 1
fi
for f in "${files[@]}"; do
    if command -v sha256sum >/dev/null; then
        sha256sum "$f"
    else
        echo "$f"
    fi
done

pyarrow=0
if "$python" -c 'import pyarrow' 2>/dev/null; then
    pyarrow=1
fi

echo "== Machine"
echo "bench_csv   $bench ($build_type)"
echo "python      $python, pandas $("$python" -c 'import pandas; print(pandas.__version__)')," \
    "pyarrow $([ "$pyarrow" = 1 ] && echo available || echo 'not available')"
echo "load avg    $(load) (before)"

# run LABEL COMMAND...: runs one measurement, keeps its JSON line (the last line of
# its output, tagged with LABEL) in the results file and echoes the human lines.
run() {
    local label="$1" out
    shift
    out=$("$@")
    printf '%s\n' "$out" | sed '$d' | sed 's/^/    /'
    printf '{"label":"%s","run":%s}\n' "$label" "$(printf '%s\n' "$out" | tail -n 1)" >>"$results"
}

for f in "${files[@]}"; do
    name=$(basename "$f")
    echo "== $name"
    cat "$f" >/dev/null # warm the page cache for both tools
    echo "  Tandem CsvReader, one parse thread per core: 1 warm-up + $repeat timed reads"
    run "tandem-time" "$bench" --warmup 1 --repeat "$repeat" "$f"
    echo "  Tandem CsvReader, one parse thread: 1 warm-up + $repeat timed reads"
    run "tandem1-time" "$bench" --warmup 1 --repeat "$repeat" --threads 1 "$f"
    echo "  pandas.read_csv (C engine): 1 warm-up + $repeat timed reads"
    run "pandas-time" "$python" "$here/pandas_read.py" --warmup 1 --repeat "$repeat" "$f"
    if [ "$round_trip" = 1 ]; then
        echo "  pandas.read_csv (C engine, float_precision=round_trip)"
        run "pandas-rt-time" "$python" "$here/pandas_read.py" --warmup 1 --repeat "$repeat" \
            --float-precision round_trip "$f"
    fi
    if [ "$pyarrow" = 1 ]; then
        echo "  pandas.read_csv (pyarrow engine)"
        run "pyarrow-time" "$python" "$here/pandas_read.py" --warmup 1 --repeat "$repeat" --engine pyarrow "$f"
    fi
    echo "  peak memory, one read in a fresh process each"
    run "tandem-mem" "$bench" --warmup 0 --repeat 1 --sample-memory --quiet "$f"
    run "pandas-mem" "$python" "$here/pandas_read.py" --warmup 0 --repeat 1 --quiet "$f"
    if [ "$pyarrow" = 1 ]; then
        run "pyarrow-mem" "$python" "$here/pandas_read.py" --warmup 0 --repeat 1 --engine pyarrow --quiet "$f"
    fi
done

echo "load avg    $(load) (after)"
echo "results     $results"
echo
"$python" - "$results" <<'EOF'
import json
import sys

runs = {}
order = []
for line in open(sys.argv[1], encoding="utf-8"):
    entry = json.loads(line)
    run = entry["run"]
    if run["file"] not in order:
        order.append(run["file"])
    runs[(run["file"], entry["label"])] = run


def mib(kb):
    return "n/a" if kb is None else f"{kb / 1024:.0f}"


threads = runs[(order[0], "tandem-time")]["threads"]
print(f"| data set | size | rows × columns | Tandem MB/s ({threads} threads) | pandas MB/s | Tandem / pandas "
      "| Tandem MB/s (1 thread) | Tandem 1 thread / pandas | Tandem peak RSS (MiB) | pandas peak RSS (MiB) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name in order:
    t = runs[(name, "tandem-time")]
    t1 = runs[(name, "tandem1-time")]
    p = runs[(name, "pandas-time")]
    tm = runs[(name, "tandem-mem")]
    pm = runs[(name, "pandas-mem")]
    print(f"| {name} | {t['bytes'] / 1e6:.0f} MB | {t['rows']:,} × {t['columns']} | {t['mb_per_s']:.0f} "
          f"| {p['mb_per_s']:.0f} | **{t['mb_per_s'] / p['mb_per_s']:.2f}×** "
          f"| {t1['mb_per_s']:.0f} | {t1['mb_per_s'] / p['mb_per_s']:.2f}× "
          f"| {mib(tm['peak_rss_kb'])} | {mib(pm['peak_rss_kb'])} |")
print()
print("Details (times in seconds; MB/s from the median; memory in MiB: peak RSS, RSS before the first read,")
print("bytes held by the loaded values; for Tandem also the peaks of anonymous and file-backed RSS):")
print()
print("| data set | reader | median s | min s | MB/s (best) | peak | baseline | values | anon / file peak | types |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
for name in order:
    for label, reader in (("tandem", f"Tandem CsvReader, {threads} threads"),
                          ("tandem1", "Tandem CsvReader, 1 thread"), ("pandas", "pandas C engine"),
                          ("pandas-rt", "pandas C, round_trip"), ("pyarrow", "pandas pyarrow")):
        t = runs.get((name, label + "-time"))
        if t is None:
            continue
        m = runs.get((name, label + "-mem"))
        memory = "| – | – | – | –"  # not measured (the round_trip variant)
        if m is not None:
            split = "–"
            if m["peak_anon_kb"] is not None:
                split = f"{mib(m['peak_anon_kb'])} / {mib(m['peak_file_kb'])}"
            memory = (f"| {mib(m['peak_rss_kb'])} | {mib(m['baseline_rss_kb'])} "
                      f"| {m['data_bytes'] / 1048576:.0f} | {split}")
        types = ", ".join(f"{n} {k}" for k, n in t["types"].items())
        print(f"| {name} | {reader} | {t['median_s']:.3f} | {t['min_s']:.3f} | {t['mb_per_s']:.0f} "
              f"({t['mb_per_s_best']:.0f}) {memory} | {types} |")
EOF
