#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerate the committed platform icons from resources/icons/tandem.svg:
#   packaging/windows/tandem.ico   16, 24, 32, 48, 64, 128 (BMP) and 256 (PNG) px
#   packaging/macos/tandem.icns    16, 32, 48, 128, 256, 512, 1024 px
# Needs (Debian): librsvg2-bin icoutils icnsutils
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
svg="$root/resources/icons/tandem.svg"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$tmp/$size.png"
done

icotool -c -o "$root/packaging/windows/tandem.ico" \
  "$tmp"/{16,24,32,48,64,128}.png -r "$tmp/256.png"
png2icns "$root/packaging/macos/tandem.icns" \
  "$tmp"/{16,32,48,128,256,512,1024}.png >/dev/null
echo "wrote packaging/windows/tandem.ico and packaging/macos/tandem.icns"
