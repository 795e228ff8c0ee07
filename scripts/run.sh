#!/usr/bin/env bash
# The main job: installs what is missing, builds (release preset) and opens the Coxswain console,
# which hosts the control plane in-process with its SQLite store under ./coxswain-data and writes
# an admin kubeconfig there for kubectl. Without a display it runs under Xvfb, so the cluster is
# still served (reach it with kubectl). Extra arguments go to coxswain (try --help).
# `COXSWAIN_HEADLESS=1 ./scripts/run.sh` starts the headless coxswain-master instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
data="$PWD/coxswain-data"
if [ "${COXSWAIN_HEADLESS:-0}" = 1 ]; then
  cmake --build --preset release -j "$(nproc)" --target coxswain-master
  exec ./build/release/backend/master/coxswain-master --data-dir "$data" \
      --write-kubeconfig "$data/kubeconfig" "$@"
fi
cmake --build --preset release -j "$(nproc)" --target coxswain
echo "Coxswain: cluster data in $data; for kubectl: export KUBECONFIG=$data/kubeconfig"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: running the console under Xvfb (the API stays reachable)." >&2
  exec xvfb-run -a ./build/release/app/coxswain --data-dir "$data" "$@"
fi
exec ./build/release/app/coxswain --data-dir "$data" "$@"
