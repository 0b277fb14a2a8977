#!/usr/bin/env bash
# First README command: install what is missing, build, and run the main job
# on the embedded US–China graph.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
echo
echo "== dyad stats (the embedded default graph)"
./build/dyad stats
echo
echo "== dyad get MMCA"
./build/dyad get MMCA
