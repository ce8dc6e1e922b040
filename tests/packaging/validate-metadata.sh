#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Validate the Linux desktop metadata that the .deb installs:
#   packaging/linux/org.tandem.Tandem.desktop        desktop-file-validate
#   packaging/linux/org.tandem.Tandem.metainfo.xml   appstreamcli validate --no-net
# and that the two agree with each other and with the project version.
#   bash tests/packaging/validate-metadata.sh SOURCE_DIR PROJECT_VERSION
# Exit 77 (CTest SKIP_RETURN_CODE) when neither validator is installed
# (Debian: desktop-file-utils, appstream).
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 SOURCE_DIR PROJECT_VERSION" >&2; exit 2; }
src="$1"
version="$2"
id=org.tandem.Tandem
desktop="$src/packaging/linux/$id.desktop"
metainfo="$src/packaging/linux/$id.metainfo.xml"
icon="$src/resources/icons/tandem.svg"
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

for f in "$desktop" "$metainfo" "$icon"; do
  [ -f "$f" ] || { echo "FAIL: missing $f" >&2; exit 1; }
done

have_desktop=0; have_appstream=0
command -v desktop-file-validate >/dev/null && have_desktop=1
command -v appstreamcli >/dev/null && have_appstream=1
if [ $have_desktop -eq 0 ] && [ $have_appstream -eq 0 ]; then
  echo "SKIP: neither desktop-file-validate nor appstreamcli is installed"
  exit 77
fi

# --- the validators -----------------------------------------------------------
if [ $have_desktop -eq 1 ]; then
  # Errors fail the command; warnings only print, so any output other than hints fails too.
  if ! out="$(desktop-file-validate "$desktop" 2>&1)"; then
    fail "desktop-file-validate: $out"
  elif [ -n "$(grep -v ': hint: ' <<<"$out" || true)" ]; then
    fail "desktop-file-validate warnings: $out"
  else
    echo "ok: desktop-file-validate $id.desktop"
  fi
else
  echo "note: desktop-file-validate not installed, desktop entry not validated"
fi

if [ $have_appstream -eq 1 ]; then
  # Fails on errors and warnings; info and pedantic notes pass.
  if out="$(appstreamcli validate --no-net --explain "$metainfo" 2>&1)"; then
    echo "ok: appstreamcli validate --no-net $id.metainfo.xml"
  else
    fail "appstreamcli validate: $out"
  fi
else
  echo "note: appstreamcli not installed, metainfo not validated"
fi

# --- consistency --------------------------------------------------------------
grep -q "<id>$id</id>" "$metainfo" || fail "metainfo <id> is not $id"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" \
  || fail "metainfo launchable is not $id.desktop"
grep -qx "Icon=$id" "$desktop" || fail "desktop entry Icon= is not $id (the installed icon name)"
grep -qx "Exec=tandem.*" "$desktop" || fail "desktop entry does not launch tandem"
latest="$(grep -o '<release [^>]*version="[^"]*"' "$metainfo" | head -n1 | sed 's/.*version="\([^"]*\)"/\1/')"
[ "$latest" = "$version" ] \
  || fail "newest metainfo release is '$latest' but the project version is $version: add a <release> entry"

[ $failed -eq 0 ] || exit 1
echo "ok: desktop entry and metainfo agree (id $id, release $version)"
