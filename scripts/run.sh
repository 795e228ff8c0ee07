#!/usr/bin/env bash
# Installs what is missing, builds (release preset) and starts the control plane with an embedded
# SQLite store, writing an admin kubeconfig. Extra arguments go to coxswain-master.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target coxswain-master
exec ./build/release/backend/master/coxswain-master --data-dir "$PWD/coxswain-data" \
    --write-kubeconfig "$PWD/coxswain-data/admin.kubeconfig" "$@"
