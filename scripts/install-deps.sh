#!/usr/bin/env bash
# Installs, with apt-get, every Debian package dyad needs to build and test
# that is not installed yet. Idempotent: installs nothing when all are there.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config python3
  librocksdb-dev rapidjson-dev libboost-graph-dev libcpp-httplib-dev
  libgtest-dev libcli11-dev libedit-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
