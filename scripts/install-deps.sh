#!/usr/bin/env bash
# Installs the Debian 12 packages Coxswain builds and tests with. Idempotent: skips apt when
# everything is already present, so repeated runs cost nothing.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config git
  nlohmann-json3-dev libyaml-cpp-dev libboost-dev libsqlite3-dev libssl-dev libssh-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  qt6-base-dev qt6-charts-dev qtkeychain-qt6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev libqt6opengl6-dev zlib1g-dev
)
TEST_PKGS=(
  curl procps iproute2 iptables openssh-server openssh-client sqlite3 xvfb xauth
  runc containernetworking-plugins docker-registry busybox-static openssl util-linux
  mmdebstrap desktop-file-utils appstream sudo fonts-wqy-microhei docker.io
  dbus gnome-keyring libsecret-tools
)

missing=()
for p in "${BUILD_PKGS[@]}" "${TEST_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# kubectl drives the system tests. Debian 12 itself ships only an old kubernetes-client; the
# machines we build on carry kubectl v1.32 from the Kubernetes/Google Cloud apt repository.
if ! command -v kubectl >/dev/null 2>&1; then
  $SUDO apt-get install -y -qq kubectl || echo "install-deps: kubectl not installable here; system tests will be skipped" >&2
fi
