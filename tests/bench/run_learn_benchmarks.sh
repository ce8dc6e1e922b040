#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Learning benchmarks of issue 4 ("Speed"): Tandem (bench_learn, bench_knn) and
# scikit-learn (learn_sklearn.py, knn_sklearn.py), side by side in one run, on the
# same data, with the ratio sklearn time / Tandem time and each side's accuracy or R².
#
#   tests/bench/run_learn_benchmarks.sh [BUILD_DIR] [--repeat N] [--threads N] [--data-dir DIR]
#                                       [--fashion-mnist DIR] [--results FILE] [--wait-load L]
#                                       [--no-knn] [--only CASE]
#
#   logreg-synth   logistic regression, lbfgs, C 1, tol 1e-4, max_iter 100, on the
#                  1,000,000 x 20 binary data of gen_learn.py; train accuracy
#   logreg-fmnist  the same on Fashion-MNIST (60,000 x 784, 10 classes, multinomial,
#                  pixels / 255); accuracy on the 10,000 test images
#   ridge-synth    ridge, alpha 1, on the 1,000,000 x 20 linear data; train R²
#   knn-fmnist     k-NN (k 5, Euclidean, brute force) prediction of the 10,000
#                  Fashion-MNIST test images; test accuracy
#
# BUILD_DIR (default build/release) must hold tests/bench/bench_learn and bench_knn;
# this script builds nothing. gen_learn.py writes the synthetic data once into DIR
# (default $TANDEM_BENCH_DATA, else ${XDG_CACHE_HOME:-~/.cache}/tandem-bench).
# Fits: one untimed warm-up, then N timed (default 3), median; k-NN: one run each
# (it is long). Tandem uses --threads threads (FitContext::threads, default 2);
# scikit-learn's lbfgs and Ridge are single-threaded apart from BLAS, k-NN uses
# n_jobs = the same thread count. Before each measurement the 1-minute load and
# the busiest processes are printed and the load is kept in the results; with
# --wait-load L the script waits before each case (polling every minute, up to 30
# minutes) until the 1-minute load is below L.
# The JSON lines go to FILE (default DIR/learn-results-<time>-<pid>.jsonl) and a
# Markdown table is printed at the end.
#
# Environment: PYTHON (default /usr/bin/python3, which must import numpy and sklearn).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

build_dir="$repo/build/release"
repeat=3
threads=2
data_dir="${TANDEM_BENCH_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem-bench}"
mnist=/usr/share/datasets/fashion-mnist
results=""
wait_load=""
cases=(logreg-synth logreg-fmnist ridge-synth knn-fmnist)
python="${PYTHON:-/usr/bin/python3}"

usage() {
    sed -n '4,/^# Environment/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
    --repeat) repeat="${2:?--repeat needs a number}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a number}"; shift 2 ;;
    --data-dir) data_dir="${2:?--data-dir needs a directory}"; shift 2 ;;
    --fashion-mnist) mnist="${2:?--fashion-mnist needs a directory}"; shift 2 ;;
    --results) results="${2:?--results needs a file}"; shift 2 ;;
    --wait-load) wait_load="${2:?--wait-load needs a number}"; shift 2 ;;
    --no-knn) cases=(logreg-synth logreg-fmnist ridge-synth); shift ;;
    --only) cases=("${2:?--only needs a case}"); shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run_learn_benchmarks.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) build_dir="$1"; shift ;;
    esac
done
for n in "$repeat" "$threads"; do
    case "$n" in
    '' | *[!0-9]* | 0) echo "run_learn_benchmarks.sh: --repeat and --threads need a positive integer" >&2; exit 2 ;;
    esac
done

bench_learn="$build_dir/tests/bench/bench_learn"
bench_knn="$build_dir/tests/bench/bench_knn"
for b in "$bench_learn" "$bench_knn"; do
    if [ ! -x "$b" ]; then
        echo "run_learn_benchmarks.sh: no $b; build it first:" >&2
        echo "  cmake --build $build_dir --target bench_learn bench_knn" >&2
        exit 1
    fi
done
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
case "$build_type" in
Release | RelWithDebInfo) ;;
*) echo "run_learn_benchmarks.sh: warning: $build_dir is a '${build_type:-unknown}' build; time a Release build" >&2 ;;
esac
if ! "$python" -c 'import numpy, sklearn' 2>/dev/null; then
    echo "run_learn_benchmarks.sh: $python cannot import numpy and sklearn (Debian: apt install python3-sklearn)" >&2
    exit 1
fi
if [ ! -r "$mnist/train-images-idx3-ubyte.gz" ]; then
    echo "run_learn_benchmarks.sh: no Fashion-MNIST in $mnist (Debian: apt install dataset-fashion-mnist)" >&2
    exit 1
fi

mkdir -p "$data_dir"
results="${results:-$data_dir/learn-results-$(date +%Y%m%dT%H%M%S)-$$.jsonl}"
: >"$results"

load1() {
    cut -d' ' -f1 /proc/loadavg
}

# With --wait-load, waits until the 1-minute load is below it (at most 30 minutes).
wait_quiet() {
    if [ -n "$wait_load" ]; then
        local waited=0
        while awk -v l="$(load1)" -v max="$wait_load" 'BEGIN { exit !(l >= max) }'; do
            if [ "$waited" -ge 30 ]; then
                echo "    still loaded after 30 minutes: measuring anyway"
                break
            fi
            echo "    load $(load1) >= $wait_load: waiting a minute ($waited/30)"
            sleep 60
            waited=$((waited + 1))
        done
    fi
}

# Prints the load and the busiest processes.
check_quiet() {
    echo "    load avg $(cut -d' ' -f1-3 /proc/loadavg); busiest processes (lifetime %CPU):"
    ps aux --sort=-%cpu | sed -n '2,4p' | awk '{ printf "      %5s%% %s", $3, $11; for (i = 12; i <= NF && i < 15; ++i) printf " %s", $i; print "" }'
}

# run CASE SIDE COMMAND...: runs one measurement, keeps its JSON line (the last
# line of its output) tagged with CASE, SIDE and the load before it.
run() {
    local name="$1" side="$2" before out
    shift 2
    check_quiet
    before=$(load1)
    out=$("$@")
    printf '%s\n' "$out" | sed '$d' | sed 's/^/    /'
    printf '{"case":"%s","side":"%s","load_before":%s,"load_after":%s,"run":%s}\n' "$name" "$side" "$before" \
        "$(load1)" "$(printf '%s\n' "$out" | tail -n 1)" >>"$results"
}

echo "== Data ($data_dir)"
mapfile -t synth < <("$python" "$here/gen_learn.py" --out-dir "$data_dir")
x="${synth[0]}" binary="${synth[1]}" linear="${synth[2]}"
for f in "${synth[@]}"; do
    if command -v sha256sum >/dev/null; then sha256sum "$f"; else echo "$f"; fi
    cat "$f" >/dev/null # warm the page cache
done
echo "Fashion-MNIST: $mnist"

echo "== Machine"
echo "bench_learn  $bench_learn ($build_type), $threads threads"
echo "python       $python, $("$python" -c 'import numpy, sklearn; print("numpy", numpy.__version__, "scikit-learn", sklearn.__version__)')"

for c in "${cases[@]}"; do
    echo "== $c"
    wait_quiet
    case "$c" in
    logreg-synth)
        run "$c" tandem "$bench_learn" --model logreg --x "$x" --y "$binary" --threads "$threads" --warmup 1 \
            --repeat "$repeat" --param C=1 --param tol=1e-4 --param max_iter=100
        run "$c" sklearn "$python" "$here/learn_sklearn.py" --model logreg --x "$x" --y "$binary" --warmup 1 \
            --repeat "$repeat" --C 1 --tol 1e-4 --max-iter 100
        ;;
    logreg-fmnist)
        run "$c" tandem "$bench_learn" --model logreg --fashion-mnist "$mnist" --threads "$threads" --warmup 1 \
            --repeat "$repeat" --param C=1 --param tol=1e-4 --param max_iter=100
        run "$c" sklearn "$python" "$here/learn_sklearn.py" --model logreg --fashion-mnist "$mnist" --warmup 1 \
            --repeat "$repeat" --C 1 --tol 1e-4 --max-iter 100
        ;;
    ridge-synth)
        run "$c" tandem "$bench_learn" --model ridge --x "$x" --y "$linear" --threads "$threads" --warmup 1 \
            --repeat "$repeat" --param alpha=1
        run "$c" sklearn "$python" "$here/learn_sklearn.py" --model ridge --x "$x" --y "$linear" --warmup 1 \
            --repeat "$repeat" --alpha 1
        ;;
    knn-fmnist)
        echo "    (one run each: a prediction takes minutes)"
        run "$c" tandem "$bench_knn" --dir "$mnist" --threads "$threads" --neighbors 5 --metric euclidean
        run "$c" sklearn "$python" "$here/knn_sklearn.py" --dir "$mnist" --threads "$threads" --neighbors 5 \
            --metric euclidean
        ;;
    *) echo "run_learn_benchmarks.sh: unknown case $c" >&2; exit 2 ;;
    esac
done

echo "load avg     $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo "results      $results"
echo
"$python" - "$results" <<'EOF'
import json
import sys

runs = {}
order = []
for line in open(sys.argv[1], encoding="utf-8"):
    entry = json.loads(line)
    if entry["case"] not in order:
        order.append(entry["case"])
    runs[(entry["case"], entry["side"])] = entry

titles = {
    "logreg-synth": "logreg fit, 1,000,000 × 20 binary",
    "logreg-fmnist": "logreg fit, Fashion-MNIST 60,000 × 784, 10 classes",
    "ridge-synth": "ridge fit (alpha 1), 1,000,000 × 20",
    "knn-fmnist": "k-NN predict (k 5), 10,000 × 60,000 Fashion-MNIST",
}


def seconds(run):
    return run["median_s"] if "median_s" in run else run["predict_seconds"]


def metric(run):
    if "metric" in run:
        return f"{run['metric']} {run['value']:.4f}"
    return f"accuracy {run['accuracy']:.4f}"


def detail(run):
    if "iterations" in run:
        return f"{run['iterations']} it., loss {run['train_loss']:.6f}"
    return ""


print("| benchmark | Tandem s | scikit-learn s | sklearn / Tandem | Tandem metric | sklearn metric "
      "| Tandem iterations, train loss | sklearn iterations, train loss | load before (T / s) |")
print("|---|---:|---:|---:|---|---|---|---|---|")
for name in order:
    t = runs.get((name, "tandem"))
    s = runs.get((name, "sklearn"))
    if t is None or s is None:
        continue
    ts, ss = seconds(t["run"]), seconds(s["run"])
    print(f"| {titles.get(name, name)} | {ts:.3f} | {ss:.3f} | **{ss / ts:.2f}×** | {metric(t['run'])} "
          f"| {metric(s['run'])} | {detail(t['run'])} | {detail(s['run'])} "
          f"| {t['load_before']:.2f} / {s['load_before']:.2f} |")
EOF
