#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One entry point for a fresh Debian 12 machine (as root, or a user with sudo):
#   bash .ci/bootstrap.sh run    install what is missing, build, open the GUI on the sample workspace
#   bash .ci/bootstrap.sh test   install what is missing, build, run the whole test suite
# Windows and macOS: see README.md.
set -euo pipefail

mode="${1:-}"
case "$mode" in
  run|test) ;;
  *) echo "usage: bash .ci/bootstrap.sh run|test" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build="$root/build/release"

# --- dependencies -----------------------------------------------------------
packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6svg6 libqt6sql6-sqlite
  qt6-qpa-plugins libqt6opengl6-dev libgl-dev libeigen3-dev libfast-float-dev zlib1g-dev
  # tandem-cli serve. Qt6HttpServer's CMake package needs Qt6WebSockets, which
  # Debian's qt6-httpserver-dev does not pull in.
  qt6-httpserver-dev qt6-websockets-dev
)
if [ "$mode" = test ]; then
  # Reference peers for numerical fixtures and benchmarks, packaging checks, Xvfb.
  packages+=(dpkg-dev file appstream desktop-file-utils xvfb xauth
             python3 python3-sklearn python3-scipy python3-pandas
             clang libclang-rt-14-dev
             weka dataset-fashion-mnist
             python3-flask gunicorn)
else
  packages+=(xvfb xauth)
fi
if [ "$mode" = test ]; then
  # The real Slurm test (tests/slurm/slurm_sweep_test.sh) starts a one-node cluster
  # on this machine: munged, slurmctld and slurmd with a config in a temp folder.
  packages+=(slurm-wlm munge)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
  echo "==> Installing ${#missing[@]} missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- build ------------------------------------------------------------------
jobs="$(nproc 2>/dev/null || echo 2)"
echo "==> Configuring ($build)"
cmake --preset release -DTANDEM_WARNINGS_AS_ERRORS=ON >/dev/null
echo "==> Building with $jobs jobs"
cmake --build "$build" -j "$jobs"

if [ "$mode" = test ]; then
  echo "==> Running the test suite"
  (cd "$build" && QT_QPA_PLATFORM=offscreen ctest -j "$jobs" --output-on-failure)
  # Fuzzing: the readers' libFuzzer targets (tests/fuzz), built with clang in their
  # own directory and run for a bounded time each, seeded from the committed corpus.
  # New inputs go to a scratch directory; a crash, hang or leak fails the run with
  # the reproducer saved as build/fuzz/<target>-crash-* (after every target has run).
  fuzz_seconds="${TANDEM_FUZZ_SECONDS:-60}"
  fuzz_start=$SECONDS
  fuzz_failed=()
  echo "==> Building the fuzzers (build/fuzz, clang)"
  cmake --preset fuzz >/dev/null
  cmake --build "$root/build/fuzz" --target tandem_fuzzers -j "$jobs"
  for target in csv arff idx bundle scoring_request; do
    fuzzer="$root/build/fuzz/tests/fuzz/fuzz_$target"
    [ -x "$fuzzer" ] || continue
    echo "==> Fuzzing the $target reader for ${fuzz_seconds}s"
    scratch="$(mktemp -d)"
    dict=()
    if [ -f "$root/tests/fuzz/$target.dict" ]; then dict=("-dict=$root/tests/fuzz/$target.dict"); fi
    if ! "$fuzzer" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        "${dict[@]}" -artifact_prefix="$root/build/fuzz/$target-" -print_final_stats=1 \
        "$scratch" "$root/tests/fuzz/corpus/$target" >"$root/build/fuzz/$target.log" 2>&1; then
      tail -n 60 "$root/build/fuzz/$target.log" >&2
      echo "error: fuzz_$target found a problem; reproducer in $root/build/fuzz/$target-*" >&2
      fuzz_failed+=("$target")
    fi
    grep -E '^stat::number_of_executed_units' "$root/build/fuzz/$target.log" || true
    rm -rf "$scratch"
  done
  echo "==> Fuzzing done in $((SECONDS - fuzz_start))s"
  if [ "${#fuzz_failed[@]}" -gt 0 ]; then
    echo "error: the fuzzers found problems in: ${fuzz_failed[*]}" >&2
    exit 1
  fi
  if [ -f packaging/linux/check-deb.sh ]; then
    echo "==> Building, installing and checking the .deb"
    bash packaging/linux/check-deb.sh "$build"
  fi
  echo "==> All tests passed"
  exit 0
fi

# --- run --------------------------------------------------------------------
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "==> Starting Tandem on the sample workspace"
  exec "$build/app/tandem/tandem" --sample-workspace
fi
# No display (a server or a container): start it under Xvfb, save a screenshot, quit.
shot="$build/tandem-screenshot.png"
echo "==> No display found: starting Tandem under Xvfb and saving a screenshot to $shot"
xvfb-run -a -s "-screen 0 1400x900x24" "$build/app/tandem/tandem" --sample-workspace --screenshot "$shot"
echo "==> Tandem started, showed the sample workspace and quit; screenshot: $shot"
