#!/usr/bin/env bash
# Installs what is missing, builds (dev preset) and runs every test. Used by .ci/run.
# Services the system tests need (sshd, dockerd, a registry) are started by the tests themselves,
# each on its own port/namespace, and stopped when they end.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset dev
cmake --build --preset dev -j "$(nproc)"
ctest --preset dev -j "$(nproc)" --timeout 900
