#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real Slurm test (docs/CLUSTER.md): starts a one-node Slurm cluster on this
# machine in a temporary folder (munged on its own socket, slurmctld and slurmd with
# a minimal slurm.conf on free ports), then through tandem-cli:
#   1. runs a 6-task sweep as one job array and checks that every run is in the
#      store, executor "slurm", with the same parameters, per-fold, mean and
#      per-step metrics and artifacts as the same spec run locally;
#   2. starts the sweep again one task at a time, interrupts tandem-cli once a task
#      has finished (it cancels the array with scancel) and checks that every run
#      ended, the finished ones equal to the local ones, the rest cancelled, and
#      that Slurm has nothing of the array left to run;
#   3. runs tasks whose program fails and checks that each run failed with Slurm's
#      state and the path of its log.
# The cluster is torn down on exit. Every wait has a timeout: a daemon that does not
# start fails the test with its log, it never hangs.
#
# usage: slurm_sweep_test.sh TANDEM_CLI SOURCE_DIR
# Needs root (slurmd starts jobs as their user), munge, slurm-wlm, python3.
set -euo pipefail

cli="${1:?usage: slurm_sweep_test.sh TANDEM_CLI SOURCE_DIR}"
source_dir="${2:?usage: slurm_sweep_test.sh TANDEM_CLI SOURCE_DIR}"
cli="$(readlink -f "$cli")"
python=/usr/bin/python3
[ -x "$python" ] || python=python3

# The daemons live in sbin, which a normal user's PATH may not have.
export PATH="$PATH:/usr/sbin:/sbin"

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "==> $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the one-node Slurm cluster needs root (slurmd runs jobs as their user)"
  exit 77
fi
for tool in munged munge unmunge slurmctld slurmd sbatch squeue scancel sinfo; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install slurm-wlm munge)"
done

tmp="$(mktemp -d /tmp/tandem-slurm.XXXXXX)"
chmod 755 "$tmp"
pids=()
cleanup() {
  local status=$?
  set +e
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scancel --user=root >/dev/null 2>&1
  fi
  # Only the daemons this script started, by their process ids, youngest first.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    echo "---- logs of the test cluster ($tmp) ----" >&2
    for log in "$tmp"/log/*.log "$tmp"/munge-private/munged.log; do
      [ -f "$log" ] && { echo "-- $log" >&2; tail -n 30 "$log" >&2; }
    done
  fi
  if [ -z "${TANDEM_KEEP_SLURM_TEST:-}" ]; then rm -rf "$tmp"; else echo "kept $tmp" >&2; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Polls `$@` every half second for up to $1 seconds; false on timeout.
wait_for() {
  local seconds="$1"; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# The same while daemon $2 lives: false at once when it has exited.
wait_for_daemon() {
  local seconds="$1" pid="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# --- munge ------------------------------------------------------------------
note "Starting munged on its own socket"
mkdir -p "$tmp/munge" "$tmp/munge-private" "$tmp/log" "$tmp/state" "$tmp/spool"
chmod 755 "$tmp/munge"          # munged wants the socket's folder open to all
chmod 700 "$tmp/munge-private"  # and the key's folder closed
dd if=/dev/urandom of="$tmp/munge-private/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge-private/munge.key"
socket="$tmp/munge/munge.socket"
munged --foreground --force --socket="$socket" --key-file="$tmp/munge-private/munge.key" \
  --log-file="$tmp/munge-private/munged.log" --pid-file="$tmp/munge/munged.pid" \
  --seed-file="$tmp/munge-private/munged.seed" >"$tmp/log/munged.out" 2>&1 &
pids+=($!)
munge_works() { munge -n -S "$socket" | unmunge -S "$socket"; }
if ! wait_for_daemon 20 "${pids[-1]}" munge_works; then
  cat "$tmp/log/munged.out" "$tmp/munge-private/munged.log" >&2 2>/dev/null || true
  fail "munged did not start or answer within 20 s (see its log above): the Slurm test needs munge"
fi

# --- slurm ------------------------------------------------------------------
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ctld_port="$(free_port)"
slurmd_port="$(free_port)"
[ "$ctld_port" != "$slurmd_port" ] || slurmd_port="$(free_port)"
node="$(hostname -s 2>/dev/null || uname -n)"
node="${node%%.*}"
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=tandemtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool/slurmd-%n
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=600
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=2000 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
note "Starting slurmctld and slurmd (ports $ctld_port, $slurmd_port)"
slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
wait_for_daemon 30 "${pids[-1]}" scontrol ping || fail "slurmctld did not start or answer within 30 s"
slurmd -D -f "$SLURM_CONF" -N "$node" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)
node_idle() { [ "$(sinfo --noheader --nodes="$node" --format=%T 2>/dev/null)" = idle ]; }
wait_for_daemon 60 "${pids[-1]}" node_idle || { sinfo >&2 || true; fail "slurmd did not bring the node up idle within 60 s"; }
note "Cluster up: $(sinfo --noheader --format='%P %a %D %T %N')"

# --- the sweep ---------------------------------------------------------------
# Six runs; the dataset at an absolute path, as the nodes need it.
spec="$tmp/sweep.json"
cat >"$spec" <<EOF
{
    "version": 1,
    "name": "iris cluster sweep",
    "dataset": {"path": "$source_dir/resources/samples/iris.csv"},
    "target": "species",
    "model": {"id": "logreg", "params": {"max_iter": 200}},
    "evaluation": {"method": "kfold", "folds": 3, "seed": 11},
    "sweep": {"method": "grid", "params": {"C": {"min": 0.01, "max": 10, "steps": 3}, "penalty": ["l2", "l1"]}}
}
EOF
slurm_options=(--executor slurm --poll-interval 1 --mem 200M --result-wait 5)

note "Reference: the same sweep on this machine"
timeout 300 "$cli" sweep "$spec" --workspace "$tmp/local" >/dev/null 2>"$tmp/local.err" \
  || { cat "$tmp/local.err" >&2; fail "the local sweep failed"; }

note "1. The sweep as one job array through Slurm"
if ! timeout 300 "$cli" sweep "$spec" --workspace "$tmp/cluster" "${slurm_options[@]}" --max-parallel 2 \
    >"$tmp/cluster.out" 2>"$tmp/cluster.err"; then
  cat "$tmp/cluster.err" >&2
  fail "tandem-cli sweep --executor slurm failed"
fi
cat "$tmp/cluster.err"
grep -q "submitted job array" "$tmp/cluster.err" || fail "no job array was reported on stderr"

# Every run, compared in full with the local one of the same configuration.
compare_runs() { # ws expect_all_done
  "$cli" runs export --workspace "$tmp/local" --json >"$tmp/local.json"
  "$cli" runs export --workspace "$1" --json >"$tmp/other.json"
  "$python" - "$tmp/local.json" "$tmp/other.json" "$2" "$1" <<'PY'
import json, os, sys
local = {r["name"]: r for r in json.load(open(sys.argv[1]))}
other = json.load(open(sys.argv[2]))
all_done = sys.argv[3] == "all-done"
workspace = sys.argv[4]
problems = []
if len(other) != 6:
    problems.append(f"expected 6 runs, found {len(other)}")
counts = {}
for run in other:
    counts[run["status"]] = counts.get(run["status"], 0) + 1
    name = run["name"]
    if run["executor"] != "slurm":
        problems.append(f"run {run['id']} ({name}): executor {run['executor']!r}, expected 'slurm'")
    if run["status"] not in ("done", "cancelled"):
        problems.append(f"run {run['id']} ({name}) is {run['status']}: {run['error']}")
    if all_done and run["status"] != "done":
        problems.append(f"run {run['id']} ({name}) is {run['status']}, expected done")
    if run["status"] != "done":
        continue
    ref = local.get(name)
    if ref is None:
        problems.append(f"run {name} has no local counterpart")
        continue
    for key in ("params", "metrics", "folds", "steps"):
        if run[key] != ref[key]:
            problems.append(f"run {run['id']} ({name}): {key} differ from the local run:\n  slurm {run[key]}\n  local {ref[key]}")
    if sorted(run["artifacts"]) != sorted(ref["artifacts"]):
        problems.append(f"run {run['id']} ({name}): artifacts {run['artifacts']} vs local {ref['artifacts']}")
    for artifact in run["artifacts"]:
        mine = open(os.path.join(run["artifacts_dir"], artifact), "rb").read()
        theirs = open(os.path.join(ref["artifacts_dir"], artifact), "rb").read()
        if mine != theirs:
            problems.append(f"run {run['id']} ({name}): artifact {artifact} differs from the local run's")
    if not run["metrics"]:
        problems.append(f"run {run['id']} ({name}) has no metrics")
print("runs by status:", counts)
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
PY
}
compare_runs "$tmp/cluster" all-done || fail "the Slurm sweep's runs differ from the local ones"

# --- cancel mid-way ------------------------------------------------------------
note "2. The sweep again, one task at a time, interrupted once a task has finished"
timeout 300 "$cli" sweep "$spec" --workspace "$tmp/cancel" "${slurm_options[@]}" --max-parallel 1 \
  >"$tmp/cancel.out" 2>"$tmp/cancel.err" &
sweep_pid=$!
one_result() { compgen -G "$tmp/cancel/cluster/*/results/*.json" >/dev/null; }
if ! wait_for 180 one_result; then
  kill "$sweep_pid" 2>/dev/null || true
  cat "$tmp/cancel.err" >&2
  fail "no task of the second sweep finished within 180 s"
fi
kill -INT "$sweep_pid"
set +e
wait "$sweep_pid"
cancel_status=$?
set -e
cat "$tmp/cancel.err"
[ "$cancel_status" -eq 130 ] || fail "the interrupted sweep exited $cancel_status, expected 130"
array_id="$(sed -n 's/.*submitted job array \([0-9]*\).*/\1/p' "$tmp/cancel.err" | head -n 1)"
[ -n "$array_id" ] || fail "the interrupted sweep did not report its job array"
# scancel only asks: a running task takes a moment to be killed and leave COMPLETING.
tasks_left() { squeue --noheader --array --states=PENDING,RUNNING,COMPLETING --jobs="$array_id" --format=%i 2>/dev/null || true; }
array_drained() { [ -z "$(tasks_left)" ]; }
wait_for 60 array_drained || true
left="$(tasks_left)"
[ -z "$left" ] || fail "job array $array_id still has tasks queued or running after the interrupt: $left"
compare_runs "$tmp/cancel" some-cancelled || fail "the interrupted sweep's runs are not all finished and right"
"$cli" runs list --workspace "$tmp/cancel" --json | "$python" -c '
import json, sys
runs = json.load(sys.stdin)
done = sum(r["status"] == "done" for r in runs)
cancelled = sum(r["status"] == "cancelled" for r in runs)
print(f"interrupted sweep: {done} done, {cancelled} cancelled")
sys.exit(0 if done >= 1 and cancelled >= 1 else 1)' || fail "expected at least one done and one cancelled run"

# --- failing tasks -------------------------------------------------------------
note "3. Tasks whose program fails end failed with Slurm's state and their log"
set +e
timeout 300 "$cli" sweep "$spec" --workspace "$tmp/failing" "${slurm_options[@]}" --tandem-cli /bin/false \
  >"$tmp/failing.out" 2>"$tmp/failing.err"
failing_status=$?
set -e
[ "$failing_status" -eq 1 ] || { cat "$tmp/failing.err" >&2; fail "the failing sweep exited $failing_status, expected 1"; }
"$cli" runs list --workspace "$tmp/failing" --json | "$python" -c '
import json, sys
runs = json.load(sys.stdin)
bad = [r for r in runs if r["status"] != "failed" or "FAILED" not in (r["error"] or "") or "log: " not in r["error"]]
print(runs[0]["error"])
sys.exit(0 if len(runs) == 6 and not bad else 1)' || fail "the failing tasks' runs do not say Slurm's state and log"

note "All Slurm checks passed"
