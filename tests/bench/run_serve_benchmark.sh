#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Serving benchmark of issue 9: `tandem-cli serve` under load from bench_serve,
# and the same load on an MLflow-like peer when it can be run.
#
#   tests/bench/run_serve_benchmark.sh [BUILD_DIR] [--requests M] [--peer-requests P] [--no-peer]
#
# BUILD_DIR (default build/release) must hold app/cli/tandem-cli and
# tests/bench/bench_serve already; this script builds nothing. In a temporary
# folder it runs resources/examples/iris_logreg.json, exports the run as a bundle,
# serves it on a free port of 127.0.0.1 and sends it M timed requests (default
# 20000) per configuration: 1, 8 and 64 keep-alive connections, 1, 5 and 100 rows
# per request, as dataframe_split, dataframe_records and CSV. Each line of
# results is bench_serve's JSON; a Markdown table follows, with the server's peak
# memory and the machine's load.
#
# The peer (unless --no-peer): MLflow itself is not a Debian package, so
# tests/bench/serve_peer.py does what `mlflow models serve` does for a
# scikit-learn model (Flask under gunicorn's sync workers, pandas parsing,
# StandardScaler + LogisticRegression fitted on the same file), with 1 worker
# (MLflow's default) and 2; P requests each (default M/10). It needs Debian's
# python3-flask, gunicorn, python3-pandas and python3-sklearn, and is left out
# when they are missing. Environment: PYTHON (default /usr/bin/python3).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

build_dir="$repo/build/release"
requests=20000
peer_requests=""
peer=1
python="${PYTHON:-/usr/bin/python3}"

usage() {
    sed -n '4,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
    --requests) requests="${2:?--requests needs a number}"; shift 2 ;;
    --peer-requests) peer_requests="${2:?--peer-requests needs a number}"; shift 2 ;;
    --no-peer) peer=0; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run_serve_benchmark.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) build_dir="$1"; shift ;;
    esac
done
case "$requests" in
'' | *[!0-9]* | 0) echo "run_serve_benchmark.sh: --requests must be a positive integer" >&2; exit 2 ;;
esac
[ -n "$peer_requests" ] || peer_requests=$(( requests / 10 > 1000 ? requests / 10 : 1000 ))

cli="$build_dir/app/cli/tandem-cli"
bench="$build_dir/tests/bench/bench_serve"
for program in "$cli" "$bench"; do
    if [ ! -x "$program" ]; then
        echo "run_serve_benchmark.sh: $program is missing: build the tandem-cli and bench_serve targets first" >&2
        exit 1
    fi
done

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "==> Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "==> Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "==> Exporting the iris logistic regression as a bundle"
"$cli" run "$repo/resources/examples/iris_logreg.json" --workspace "$work/ws" >/dev/null 2>&1
"$cli" export 1 --workspace "$work/ws" --out "$work/iris.tandem" >/dev/null 2>&1
# The model's inputs only: the rows bench_serve sends.
cut -d, -f1-4 "$repo/resources/samples/iris.csv" >"$work/inputs.csv"

# Waits until the server started in the background prints its URL on
# $work/server.out (or ends).
wait_for_port() {
    local i
    for i in $(seq 1 300); do
        if [ -n "$(url_port)" ]; then return 0; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
        sleep 0.1
    done
    echo "run_serve_benchmark.sh: the server did not start:" >&2
    cat "$work/server.out" "$work/server.err" >&2 || true
    exit 1
}
url_port() { grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/server.out" 2>/dev/null | head -1 | sed 's/.*://'; }

stop_server() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

results="$work/results.jsonl"
: >"$results"

# run_case SERVER CONNECTIONS ROWS FORMAT REQUESTS
run_case() {
    local line
    line=$("$bench" --port "$port" --data "$work/inputs.csv" --connections "$2" --rows "$3" --format "$4" \
        --requests "$5" | tail -1)
    echo "$line"
    echo "{\"server\": \"$1\", \"result\": $line}" >>"$results"
}

echo "==> tandem-cli serve"
"$cli" serve "$work/iris.tandem" --port 0 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
wait_for_port
port=$(url_port)
for connections in 1 8 64; do
    run_case tandem "$connections" 5 split "$requests"
done
for rows in 1 100; do
    run_case tandem 8 "$rows" split "$requests"
done
run_case tandem 8 5 records "$requests"
run_case tandem 8 5 csv "$requests"
tandem_peak=$(grep VmHWM "/proc/$server_pid/status" | awk '{print $2 / 1024 " MiB"}')
stop_server
echo "==> tandem-cli serve: peak resident memory $tandem_peak"

peer_note="no peer: run with python3-flask, gunicorn, python3-pandas and python3-sklearn installed"
if [ "$peer" = 1 ] && command -v gunicorn >/dev/null \
    && "$python" -c 'import flask, pandas, sklearn' 2>/dev/null; then
    peer_note=""
    for workers in 1 2; do
        echo "==> MLflow-like peer (serve_peer.py), gunicorn with $workers worker(s)"
        port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        PEER_DATA="$repo/resources/samples/iris.csv" PEER_TARGET=species \
            gunicorn -w "$workers" -b "127.0.0.1:$port" --chdir "$here" serve_peer:app \
            >"$work/server.err" 2>&1 &
        server_pid=$!
        echo "http://127.0.0.1:$port" >"$work/server.out"
        "$python" - "$port" <<'EOF'
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/ping", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
EOF
        run_case "peer, $workers worker(s)" 8 5 split "$peer_requests"
        run_case "peer, $workers worker(s)" 8 100 split "$peer_requests"
        run_case "peer, $workers worker(s)" 8 5 csv "$peer_requests"
        stop_server
    done
fi

echo "==> Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$python" - "$results" "$tandem_peak" "$peer_note" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| server | connections | rows/request | body | requests/s | rows/s | p50 ms | p90 ms | p99 ms | errors |")
print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
for row in rows:
    r = row["result"]
    lat = r["latency_ms"]
    print(f"| {row['server']} | {r['connections']} | {r['rows']} | {r['format']} | {r['requests_per_second']:.0f} "
          f"| {r['rows_per_second']:.0f} | {lat['p50']:.3f} | {lat['p90']:.3f} | {lat['p99']:.3f} | {r['errors']} |")
print()
print(f"tandem-cli serve peak resident memory: {sys.argv[2]}")
if sys.argv[3]:
    print(sys.argv[3])
EOF
