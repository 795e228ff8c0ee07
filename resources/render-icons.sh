#!/usr/bin/env bash
# Renders the PNG icon sizes from the SVG logo. Run by hand after editing the SVG and commit the
# PNGs: the build and the packages use the committed files, so building needs no SVG renderer.
# Needs rsvg-convert (Debian package librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/icons"
command -v rsvg-convert >/dev/null || { echo "render-icons: apt-get install librsvg2-bin" >&2; exit 1; }
svg=io.coxswain.Coxswain.svg
for size in 16 24 32 48 64 128 256 512; do
  dir="hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  rsvg-convert --width "$size" --height "$size" "$svg" --output "$dir/io.coxswain.Coxswain.png"
done
echo "render-icons: rendered $(ls hicolor | wc -l) PNG sizes into $(pwd)/hicolor"
