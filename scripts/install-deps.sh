#!/usr/bin/env bash
# Installs, with apt-get, every Debian package dyad needs to build and test
# that is not installed yet, then the npm packages of package-lock.json
# (Cytoscape.js, embedded into the binary, and playwright-core, which drives
# Debian's chromium in the browser tests). Idempotent: installs nothing when
# all are there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config python3
  librocksdb-dev rapidjson-dev libboost-graph-dev libcpp-httplib-dev
  libgtest-dev libcli11-dev libedit-dev
  tzdata  # /usr/share/zoneinfo: named time zones of the temporal functions
  chromium fonts-dejavu-core
  python3-networkx graphviz  # tests/export: readers of the exports, networkx for the algorithms
  clang libclang-rt-14-dev llvm-14  # scripts/test-sanitize.sh: ASan/UBSan, libFuzzer, llvm-symbolizer
)
# Node.js and npm: usually on the image already (possibly not from Debian).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
else
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages: `npm ci` when node_modules is missing or older than the lock.
if [ ! -f node_modules/.package-lock.json ] || [ ! -f node_modules/cytoscape/dist/cytoscape.min.js ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "install-deps: node_modules is up to date"
fi
