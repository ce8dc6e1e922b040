#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Learning benchmarks of issues 4 and 5 ("Speed"): Tandem (bench_learn, bench_knn) and
# its peers, scikit-learn (learn_sklearn.py, knn_sklearn.py) and for boosting xgboost
# (learn_sklearn.py --model xgb), side by side in one run, on the same data, with the
# ratio peer time / Tandem time and each side's accuracy or R².
#
#   tests/bench/run_learn_benchmarks.sh [BUILD_DIR] [--repeat N] [--repeat-long N] [--threads N]
#                                       [--data-dir DIR] [--fashion-mnist DIR] [--results FILE]
#                                       [--wait-load L] [--train-rows N] [--no-knn]
#                                       [--only CASE[,CASE...]]
#
# Issue 4 (one untimed warm-up fit, then --repeat N timed, default 3, median):
#   logreg-synth   logistic regression, lbfgs, C 1, tol 1e-4, max_iter 100, on the
#                  1,000,000 x 20 binary data of gen_learn.py; train accuracy
#   logreg-fmnist  the same on Fashion-MNIST (60,000 x 784, 10 classes, multinomial,
#                  pixels / 255); accuracy on the 10,000 test images
#   ridge-synth    ridge, alpha 1, on the 1,000,000 x 20 linear data; train R²
#   knn-fmnist     k-NN (k 5, Euclidean, brute force) prediction of the 10,000
#                  Fashion-MNIST test images; test accuracy
# Issue 5 (no warm-up, --repeat-long N timed fits, default 1, median), classifiers on
# Fashion-MNIST (pixels / 255, accuracy on the 10,000 test images) and on the
# 1,000,000 x 20 non-linear binary data of gen_learn.py (accuracy on its 200,000
# held-out rows); hyperparameters matched side by side in the arrays below:
#   tree-fmnist, tree-synth      Registry tree vs DecisionTreeClassifier (gini, no depth
#                                limit, min_samples_leaf 1, all features)
#   forest-fmnist, forest-synth  forest vs RandomForestClassifier(n_jobs=THREADS,
#                                max_features sqrt, bootstrap), 100 trees on Fashion-MNIST,
#                                20 on 1M x 20 (scikit-learn would take minutes more)
#   gbdt-fmnist, gbdt-synth      gbdt vs HistGradientBoostingClassifier (OMP_NUM_THREADS=
#                                THREADS) and xgboost XGBClassifier(tree_method hist, lossguide,
#                                n_jobs=THREADS): 100 rounds, learning rate 0.1, 31 leaves,
#                                255 bins, no L2, no early stopping
#   mlp-fmnist, mlp-synth        mlp vs MLPClassifier: one hidden layer of 100 relu, adam,
#                                alpha 1e-4, batch 200, learning rate 1e-3, 10 epochs on
#                                Fashion-MNIST, 5 on 1M x 20, all run (tol 0)
# --only takes case names and the groups issue4 and issue5 (comma-separated); default:
# every case (about 20 minutes here, most of it scikit-learn). --train-rows N fits every
# side on the first N training rows only (short trial runs; test rows stay all; k-NN
# ignores it). Example trial: --only forest-fmnist --train-rows 5000.
#
# BUILD_DIR (default build/release) must hold tests/bench/bench_learn (and bench_knn
# for knn-fmnist); this script builds nothing. gen_learn.py writes the synthetic data
# once into DIR (default $TANDEM_BENCH_DATA, else ${XDG_CACHE_HOME:-~/.cache}/tandem-bench).
# k-NN: one run each (it is long). Tandem uses --threads threads (FitContext::threads,
# default 2); the peers get the same count where they take one (k-NN and random forest
# n_jobs, HistGradientBoosting OMP_NUM_THREADS, xgboost n_jobs); scikit-learn's lbfgs,
# Ridge, decision tree and MLP are single-threaded apart from BLAS. Each side's CPU
# seconds of the fit are kept as well. A side that fails is reported and skipped.
# Before each measurement the 1-minute load and
# the busiest processes are printed and the load is kept in the results; with
# --wait-load L the script waits before each case (polling every minute, up to 30
# minutes) until the 1-minute load is below L.
# The JSON lines go to FILE (default DIR/learn-results-<time>-<pid>.jsonl) and a
# Markdown table (one row per case and peer) is printed at the end; it can be printed
# again from a results file with: run_learn_benchmarks.sh --table FILE.
#
# Environment: PYTHON (default /usr/bin/python3, which must import numpy and sklearn).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

build_dir="$repo/build/release"
repeat=3
repeat_long=1
threads=2
train_rows=""
data_dir="${TANDEM_BENCH_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem-bench}"
mnist=/usr/share/datasets/fashion-mnist
results=""
wait_load=""
issue4=(logreg-synth logreg-fmnist ridge-synth knn-fmnist)
issue5=(tree-fmnist tree-synth forest-fmnist forest-synth gbdt-fmnist gbdt-synth mlp-fmnist mlp-synth)
cases=("${issue4[@]}" "${issue5[@]}")
no_knn=""
table_only=""
python="${PYTHON:-/usr/bin/python3}"

usage() {
    sed -n '4,/^# Environment/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# print_table FILE: the Markdown table of a results file, one row per case and peer.
print_table() {
"$python" - "$1" <<'EOF'
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
    "tree-fmnist": "decision tree fit, Fashion-MNIST",
    "tree-synth": "decision tree fit, 1,000,000 × 20 non-linear",
    "forest-fmnist": "random forest fit, Fashion-MNIST",
    "forest-synth": "random forest fit, 1,000,000 × 20 non-linear",
    "gbdt-fmnist": "gradient boosting fit, Fashion-MNIST",
    "gbdt-synth": "gradient boosting fit, 1,000,000 × 20 non-linear",
    "mlp-fmnist": "MLP fit, Fashion-MNIST",
    "mlp-synth": "MLP fit, 1,000,000 × 20 non-linear",
}
peers = {"sklearn": "scikit-learn", "xgboost": "xgboost"}
# Issue 5's speed goals (peer / Tandem at least this; issue 4's: faster, > 1).
speed_goals = {("forest", "sklearn"): 2.0}


def seconds(run):
    return run["median_s"] if "median_s" in run else run["predict_seconds"]


def cpu(run):
    return f"{run['cpu_median_s']:.1f}" if "cpu_median_s" in run else "–"


def value(run):
    return (run["metric"], run["value"]) if "metric" in run else ("accuracy", run["accuracy"])


def metric(run):
    name, v = value(run)
    if "rows" in run and run.get("test") == "train":
        name = "train " + name
    return f"{name} {v:.4f}"


def detail(run):
    if "train_loss" in run:
        return f"{run['iterations']} it., loss {run['train_loss']:.6f}"
    if "iterations" in run:
        return f"{run['iterations']} it."
    return ""


def goal(name, side, ratio, t, p):
    """Met / not met: the speed ratio and the accuracy (within 0.5 points, or better)."""
    family = name.split("-")[0]
    need = speed_goals.get((family, side), 1.0)
    fast = ratio >= need if need > 1.0 else ratio > 1.0
    (tm, tv), (_, pv) = value(t), value(p)
    scale = 100.0 if tm == "accuracy" else 1.0
    close = (tv - pv) * scale >= -0.5 if tm == "accuracy" else (tv - pv) >= -0.005
    return (f"{'≥' if need > 1.0 else '>'} {need:g}× {'met' if fast else '**not met**'}; "
            f"{tm} {'met' if close else '**not met**'}")


print("| benchmark | peer | Tandem s | peer s | peer / Tandem | Tandem metric | peer metric | Δ (points) "
      "| CPU s (T / peer) | Tandem detail | peer detail | load before (T / peer) | goal |")
print("|---|---|---:|---:|---:|---|---|---:|---|---|---|---|---|")
for name in order:
    t = runs.get((name, "tandem"))
    for side, peer in peers.items():
        p = runs.get((name, side))
        if p is None:
            continue
        if t is None:
            print(f"| {titles.get(name, name)} | {peer} {p['run'].get('version', '')} | failed "
                  f"| {seconds(p['run']):.3f} | | | {metric(p['run'])} | | – / {cpu(p['run'])} | | {detail(p['run'])} "
                  f"| – / {p['load_before']:.2f} | |")
            continue
        ts, ps = seconds(t["run"]), seconds(p["run"])
        (tm, tv), (_, pv) = value(t["run"]), value(p["run"])
        delta = f"{(tv - pv) * 100:+.2f}" if tm == "accuracy" else f"{tv - pv:+.6f}"
        rows = t["run"].get("rows")
        note = f" (first {rows:,} train rows)" if rows and rows not in (60000, 1000000) else ""
        print(f"| {titles.get(name, name)}{note} | {peer} {p['run'].get('version', '')} | {ts:.3f} | {ps:.3f} "
              f"| **{ps / ts:.2f}×** | {metric(t['run'])} | {metric(p['run'])} | {delta} "
              f"| {cpu(t['run'])} / {cpu(p['run'])} | {detail(t['run'])} | {detail(p['run'])} "
              f"| {t['load_before']:.2f} / {p['load_before']:.2f} | {goal(name, side, ps / ts, t['run'], p['run'])} |")
EOF
}

# --only's list: case names and the groups issue4 and issue5.
select_cases() {
    local name
    cases=()
    for name in ${1//,/ }; do
        case "$name" in
        issue4) cases+=("${issue4[@]}") ;;
        issue5) cases+=("${issue5[@]}") ;;
        *) cases+=("$name") ;;
        esac
    done
}

while [ $# -gt 0 ]; do
    case "$1" in
    --repeat) repeat="${2:?--repeat needs a number}"; shift 2 ;;
    --repeat-long) repeat_long="${2:?--repeat-long needs a number}"; shift 2 ;;
    --train-rows) train_rows="${2:?--train-rows needs a number}"; shift 2 ;;
    --table) table_only="${2:?--table needs a results file}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a number}"; shift 2 ;;
    --data-dir) data_dir="${2:?--data-dir needs a directory}"; shift 2 ;;
    --fashion-mnist) mnist="${2:?--fashion-mnist needs a directory}"; shift 2 ;;
    --results) results="${2:?--results needs a file}"; shift 2 ;;
    --wait-load) wait_load="${2:?--wait-load needs a number}"; shift 2 ;;
    --no-knn) no_knn=1; shift ;;
    --only) select_cases "${2:?--only needs a case}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run_learn_benchmarks.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) build_dir="$1"; shift ;;
    esac
done
if [ -n "$table_only" ]; then
    print_table "$table_only"
    exit 0
fi
for n in "$repeat" "$repeat_long" "$threads" ${train_rows:+"$train_rows"}; do
    case "$n" in
    '' | *[!0-9]* | 0)
        echo "run_learn_benchmarks.sh: --repeat, --repeat-long, --threads and --train-rows need a positive integer" >&2
        exit 2
        ;;
    esac
done
if [ -n "$no_knn" ]; then
    kept=()
    for c in "${cases[@]}"; do
        [ "$c" = knn-fmnist ] || kept+=("$c")
    done
    cases=("${kept[@]}")
fi
for c in "${cases[@]}"; do
    case " ${issue4[*]} ${issue5[*]} " in
    *" $c "*) ;;
    *) echo "run_learn_benchmarks.sh: unknown case $c" >&2; usage >&2; exit 2 ;;
    esac
done

bench_learn="$build_dir/tests/bench/bench_learn"
bench_knn="$build_dir/tests/bench/bench_knn"
needed=("$bench_learn")
case " ${cases[*]} " in *" knn-fmnist "*) needed+=("$bench_knn") ;; esac
for b in "${needed[@]}"; do
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
case " ${cases[*]} " in
*" gbdt-"*)
    if ! "$python" -c 'import xgboost' 2>/dev/null; then
        echo "run_learn_benchmarks.sh: $python cannot import xgboost (Debian: apt install python3-xgboost)" >&2
        exit 1
    fi
    ;;
esac
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
    if ! out=$("$@"); then
        printf '%s\n' "$out" | sed 's/^/    /'
        echo "    FAILED: $side exited with an error (its message is above); no result kept"
        return 0
    fi
    printf '%s\n' "$out" | sed '$d' | sed 's/^/    /'
    printf '{"case":"%s","side":"%s","load_before":%s,"load_after":%s,"run":%s}\n' "$name" "$side" "$before" \
        "$(load1)" "$(printf '%s\n' "$out" | tail -n 1)" >>"$results"
}

echo "== Data ($data_dir)"
mapfile -t synth < <("$python" "$here/gen_learn.py" --out-dir "$data_dir")
x="${synth[0]}" binary="${synth[1]}" linear="${synth[2]}"
nonlinear="${synth[3]}" test_x="${synth[4]}" test_y="${synth[5]}"
for f in "${synth[@]}"; do
    if command -v sha256sum >/dev/null; then sha256sum "$f"; else echo "$f"; fi
    cat "$f" >/dev/null # warm the page cache
done
echo "Fashion-MNIST: $mnist"

echo "== Machine"
echo "bench_learn  $bench_learn ($build_type), $threads threads"
echo "python       $python, $("$python" -c 'import numpy, sklearn; print("numpy", numpy.__version__, "scikit-learn", sklearn.__version__)')"
if "$python" -c 'import xgboost' 2>/dev/null; then
    echo "xgboost      $("$python" -c 'import xgboost; print(xgboost.__version__)')"
fi
[ -z "$train_rows" ] || echo "train rows   first $train_rows only (a trial run: not for the record)"

# Issue 5's hyperparameters, side by side: the names differ, the values match. The
# number of trees and epochs depends on the data set and is added per case.
forest_trees_fmnist=100 forest_trees_synth=20
mlp_epochs_fmnist=10 mlp_epochs_synth=5
tree_tandem=(criterion=gini max_depth=0 min_samples_split=2 min_samples_leaf=1 max_features=all)
tree_sklearn=(criterion=gini max_depth=None min_samples_split=2 min_samples_leaf=1 max_features=None)
forest_tandem=(criterion=gini max_depth=0 min_samples_split=2 min_samples_leaf=1 max_features=sqrt bootstrap=true)
forest_sklearn=(criterion=gini max_depth=None min_samples_split=2 min_samples_leaf=1 max_features=sqrt bootstrap=True n_jobs="$threads")
# An L2 penalty of 1 (xgboost's default reg_lambda) on every side: without it the
# softmax leaves of Fashion-MNIST blow up from about round 38 (-G/H over leaves of
# confident rows) and HistGradientBoosting and Tandem end near 0.81 where xgboost,
# whose softmax hessian is twice theirs, reaches 0.89: no like-for-like comparison.
gbdt_tandem=(n_estimators=100 learning_rate=0.1 max_leaf_nodes=31 max_depth=0 min_samples_leaf=20
    l2_regularization=1 max_bins=255 early_stopping=false)
gbdt_sklearn=(max_iter=100 learning_rate=0.1 max_leaf_nodes=31 max_depth=None min_samples_leaf=20
    l2_regularization=1 max_bins=255 early_stopping=False)
# xgboost has no minimum row count per leaf: min_child_weight bounds a leaf's hessian
# sum (p (1 - p) per row for log loss, at most 0.25), so no value matches
# min_samples_leaf=20. 1e-3 is scikit-learn's own hessian floor (min_hessian_to_split);
# max_bin 256 vs max_bins 255: scikit-learn keeps one more bin for missing values.
gbdt_xgb=(tree_method=hist n_estimators=100 learning_rate=0.1 max_depth=0 max_leaves=31 grow_policy=lossguide
    max_bin=256 min_child_weight=1e-3 reg_lambda=1 n_jobs="$threads")
mlp_tandem=(hidden_layer_sizes=100 activation=relu solver=adam alpha=1e-4 batch_size=200 learning_rate_init=0.001
    tol=0 shuffle=true early_stopping=false)
mlp_sklearn=("hidden_layer_sizes=(100,)" activation=relu solver=adam alpha=1e-4 batch_size=200
    learning_rate_init=0.001 tol=0 shuffle=True early_stopping=False)

# as_params NAME=VALUE...: sets P to --param NAME=VALUE for each.
as_params() {
    P=()
    local kv
    for kv in "$@"; do P+=(--param "$kv"); done
}

# The arguments of a long (issue 5) fit on either side: data, warm-up, repeats, rows.
fmnist_args=(--fashion-mnist "$mnist")
synth_args=(--x "$x" --y "$nonlinear" --test-x "$test_x" --test-y "$test_y")
long_args=(--warmup 0 --repeat "$repeat_long" ${train_rows:+--train-rows "$train_rows"})
short_args=(--warmup 1 --repeat "$repeat" ${train_rows:+--train-rows "$train_rows"})

for c in "${cases[@]}"; do
    echo "== $c"
    wait_quiet
    case "$c" in
    logreg-synth)
        run "$c" tandem "$bench_learn" --model logreg --x "$x" --y "$binary" --threads "$threads" "${short_args[@]}" \
            --param C=1 --param tol=1e-4 --param max_iter=100
        run "$c" sklearn "$python" "$here/learn_sklearn.py" --model logreg --x "$x" --y "$binary" "${short_args[@]}" \
            --C 1 --tol 1e-4 --max-iter 100
        ;;
    logreg-fmnist)
        run "$c" tandem "$bench_learn" --model logreg "${fmnist_args[@]}" --threads "$threads" "${short_args[@]}" \
            --param C=1 --param tol=1e-4 --param max_iter=100
        run "$c" sklearn "$python" "$here/learn_sklearn.py" --model logreg "${fmnist_args[@]}" "${short_args[@]}" \
            --C 1 --tol 1e-4 --max-iter 100
        ;;
    ridge-synth)
        run "$c" tandem "$bench_learn" --model ridge --x "$x" --y "$linear" --threads "$threads" "${short_args[@]}" \
            --param alpha=1
        run "$c" sklearn "$python" "$here/learn_sklearn.py" --model ridge --x "$x" --y "$linear" "${short_args[@]}" \
            --alpha 1
        ;;
    knn-fmnist)
        echo "    (one run each: a prediction takes minutes)"
        run "$c" tandem "$bench_knn" --dir "$mnist" --threads "$threads" --neighbors 5 --metric euclidean
        run "$c" sklearn "$python" "$here/knn_sklearn.py" --dir "$mnist" --threads "$threads" --neighbors 5 \
            --metric euclidean
        ;;
    tree-* | forest-* | gbdt-* | mlp-*)
        family="${c%%-*}" # the Registry id and learn_sklearn.py's model name
        if [ "${c#*-}" = fmnist ]; then
            data=("${fmnist_args[@]}") trees=$forest_trees_fmnist epochs=$mlp_epochs_fmnist
        else
            data=("${synth_args[@]}") trees=$forest_trees_synth epochs=$mlp_epochs_synth
        fi
        case "$family" in
        tree) tandem_params=("${tree_tandem[@]}") peer_params=("${tree_sklearn[@]}") ;;
        forest)
            tandem_params=("${forest_tandem[@]}" n_estimators="$trees")
            peer_params=("${forest_sklearn[@]}" n_estimators="$trees")
            ;;
        gbdt) tandem_params=("${gbdt_tandem[@]}") peer_params=("${gbdt_sklearn[@]}") ;;
        mlp)
            tandem_params=("${mlp_tandem[@]}" max_iter="$epochs" n_iter_no_change="$epochs")
            peer_params=("${mlp_sklearn[@]}" max_iter="$epochs" n_iter_no_change="$epochs")
            ;;
        esac
        as_params "${tandem_params[@]}"
        run "$c" tandem "$bench_learn" --model "$family" "${data[@]}" --threads "$threads" "${long_args[@]}" "${P[@]}"
        as_params "${peer_params[@]}"
        run "$c" sklearn env OMP_NUM_THREADS="$threads" "$python" "$here/learn_sklearn.py" --model "$family" \
            "${data[@]}" "${long_args[@]}" "${P[@]}"
        if [ "$family" = gbdt ]; then
            as_params "${gbdt_xgb[@]}"
            run "$c" xgboost "$python" "$here/learn_sklearn.py" --model xgb "${data[@]}" "${long_args[@]}" "${P[@]}"
        fi
        ;;
    *) echo "run_learn_benchmarks.sh: unknown case $c" >&2; exit 2 ;;
    esac
done

echo "load avg     $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo "results      $results"
echo
print_table "$results"
