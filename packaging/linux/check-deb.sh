#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build the .deb from a configured and built tree, install it, check it, remove it.
#   bash packaging/linux/check-deb.sh BUILD_DIR
# Runs as root (CI) or through sudo. Called by `.ci/bootstrap.sh test` after ctest.
# Needs dpkg-dev (dpkg-shlibdeps) and file for CPack's dependency list.
set -euo pipefail

die() { echo "check-deb: error: $*" >&2; exit 1; }
say() { echo "check-deb: $*"; }

[ $# -eq 1 ] || { echo "usage: bash packaging/linux/check-deb.sh BUILD_DIR" >&2; exit 2; }
build="$(cd "$1" 2>/dev/null && pwd)" || die "no such build directory: $1"
[ -f "$build/CPackConfig.cmake" ] || die "$build is not a configured Tandem build (no CPackConfig.cmake)"

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  die "need root or sudo to install the package"
fi
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps file; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install cmake dpkg-dev file)"
done

expected="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
[ -n "$expected" ] || die "no CMAKE_PROJECT_VERSION in $build/CMakeCache.txt"

# --- build the package --------------------------------------------------------
out="$build/packages"
mkdir -p "$out"
rm -f "$out"/tandem_*.deb "$out"/tandem_*.deb.sha256
say "cpack -G DEB in $build"
log="$(cd "$build" && cpack -G DEB -B "$out" 2>&1)" || { echo "$log" >&2; die "cpack -G DEB failed"; }
shopt -s nullglob
debs=("$out"/tandem_*.deb)
shopt -u nullglob
[ "${#debs[@]}" -eq 1 ] || die "expected one tandem_*.deb in $out, found ${#debs[@]}"
deb="${debs[0]}"
say "built $deb"

[ "$(dpkg-deb -f "$deb" Package)" = tandem ] || die "package name is not 'tandem'"
deb_version="$(dpkg-deb -f "$deb" Version)"
[ "${deb_version%-*}" = "$expected" ] || die "package version $deb_version does not match project version $expected"
depends="$(dpkg-deb -f "$deb" Depends)"
say "Depends: $depends"
grep -q 'libqt6core6' <<<"$depends" || die "Depends has no libqt6core6: CPACK_DEBIAN_PACKAGE_SHLIBDEPS did not run"
contents="$(dpkg-deb -c "$deb")"
has_gui=0
if grep -q ' \./usr/bin/tandem$' <<<"$contents"; then has_gui=1; fi

# --- install ------------------------------------------------------------------
if dpkg-query -W -f='${Status}' tandem 2>/dev/null | grep -q "ok installed"; then
  say "note: a tandem package is already installed; it is replaced and then removed"
fi
cleanup() {
  if dpkg-query -W -f='${Status}' tandem 2>/dev/null | grep -q "installed"; then
    say "removing the package (dpkg -r tandem)"
    $sudo dpkg -r tandem >/dev/null
  fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
say "dpkg -i $(basename "$deb")"
if ! $sudo dpkg -i "$deb" >/dev/null 2>&1; then
  say "dependencies missing: apt-get -f install"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq --no-install-recommends >/dev/null
fi
dpkg-query -W -f='${Status}' tandem 2>/dev/null | grep -q "install ok installed" \
  || die "the package did not install cleanly"

# --- check --------------------------------------------------------------------
[ -x /usr/bin/tandem-cli ] || die "/usr/bin/tandem-cli is missing"
version_out="$(/usr/bin/tandem-cli --version 2>&1)" || die "tandem-cli --version failed: $version_out"
say "tandem-cli --version: $version_out"
grep -qF "$expected" <<<"$version_out" || die "tandem-cli --version does not print $expected"

binaries=(/usr/bin/tandem-cli)
[ "$has_gui" -eq 1 ] && binaries+=(/usr/bin/tandem)
for bin in "${binaries[@]}"; do
  missing="$(ldd "$bin" | grep 'not found' || true)"
  [ -z "$missing" ] || die "$bin has unresolved libraries (Depends incomplete):"$'\n'"$missing"
done

desktop=/usr/share/applications/org.tandem.Tandem.desktop
metainfo=/usr/share/metainfo/org.tandem.Tandem.metainfo.xml
icon=/usr/share/icons/hicolor/scalable/apps/org.tandem.Tandem.svg
if [ "$has_gui" -eq 1 ]; then
  for f in "$desktop" "$metainfo" "$icon"; do
    [ -f "$f" ] || die "$f is not installed"
  done
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || die "installed desktop file does not validate"
  fi
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$metainfo" >/dev/null || die "installed metainfo does not validate"
  fi
  say "desktop entry, metainfo and icon installed"
else
  say "headless build (no tandem GUI): no desktop entry, metainfo or icon expected"
  for f in "$desktop" "$metainfo" "$icon"; do
    [ ! -e "$f" ] || die "$f installed without the GUI it launches"
  done
fi
[ -f /usr/share/doc/tandem/copyright ] || die "/usr/share/doc/tandem/copyright is missing"

# --- remove -------------------------------------------------------------------
trap - EXIT
say "dpkg -r tandem"
$sudo dpkg -r tandem >/dev/null
[ ! -e /usr/bin/tandem-cli ] || die "/usr/bin/tandem-cli is still there after dpkg -r"
say "OK: $(basename "$deb") builds, installs, runs and removes cleanly"
