#!/usr/bin/env bash
# Second README command: installs and builds as needed, then runs the whole
# test suite under ctest: every GoogleTest suite and the fixture lint.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
