#!/usr/bin/env bash
# Second README command: installs and builds as needed, then runs the whole
# test suite under ctest, then the sanitizer and fuzzing pass
# (scripts/test-sanitize.sh: every GoogleTest suite under ASan and UBSan,
# each fuzz target for 20 s; 12 to 15 minutes on 2 cores, docs/RELIABILITY.md).
# DYAD_SKIP_SANITIZE=1 skips that pass. Any failure fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/install-deps.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
main=$((SECONDS - start))
if [ "${DYAD_SKIP_SANITIZE:-0}" != 1 ]; then
  bash scripts/test-sanitize.sh
fi
echo "test: build and ctest ${main} s, sanitizer and fuzzing pass $((SECONDS - start - main)) s"
