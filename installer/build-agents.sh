#!/usr/bin/env bash
# Cross-builds coxswain-agent for linux-arm64 with Debian's cross toolchain:
#   installer/build-agents.sh BUILD_DIR OUTPUT_FILE
# configures the project in BUILD_DIR for aarch64 (agent only: no console, tests or benchmarks),
# builds coxswain-agent (incrementally on later runs) and copies the stripped binary to
# OUTPUT_FILE. The COX_CROSS_AGENTS CMake option runs this; it also works by hand.
# Needs: dpkg --add-architecture arm64 && apt-get update && apt-get install g++-aarch64-linux-gnu
#        libssl-dev:arm64 zlib1g-dev:arm64 libsqlite3-dev:arm64 libssh-dev:arm64
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BUILD_DIR OUTPUT_FILE" >&2; exit 2; }
build_dir=$1
output=$2
source_dir=$(cd "$(dirname "$0")/.." && pwd)

missing=()
command -v aarch64-linux-gnu-g++ >/dev/null || missing+=(g++-aarch64-linux-gnu)
for lib in libssl-dev zlib1g-dev libsqlite3-dev libssh-dev; do
  dpkg-query -W -f='${Status}' "$lib:arm64" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$lib:arm64")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-agents: missing ${missing[*]}" >&2
  echo "build-agents: dpkg --add-architecture arm64 && apt-get update && apt-get install ${missing[*]}" >&2
  exit 1
fi

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$source_dir/installer/aarch64-linux-gnu.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXE_LINKER_FLAGS=-s \
    -DCMAKE_RUNTIME_OUTPUT_DIRECTORY="$build_dir/bin" \
    -DCOX_BUILD_APP=OFF -DCOX_BUILD_TESTS=OFF -DCOX_BUILD_BENCHMARKS=OFF >/dev/null
fi
cmake --build "$build_dir" --target coxswain-agent -- -j"${COX_CROSS_JOBS:-2}"
mkdir -p "$(dirname "$output")"
cp "$build_dir/bin/coxswain-agent" "$output.tmp"
mv "$output.tmp" "$output" # atomic: a half-copied binary is never packaged
