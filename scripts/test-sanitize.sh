#!/usr/bin/env bash
# The sanitizer and fuzzing pass (scripts/test.sh runs it after the main
# ctest; docs/RELIABILITY.md). One clang build in build-san/ serves both:
# every file is compiled with AddressSanitizer, UndefinedBehaviorSanitizer and
# libFuzzer's coverage instrumentation, and the fuzz targets link libFuzzer.
# Only what runs here is built (dyad, the GoogleTest executables, the fuzz
# targets; no benchmark tools), at -O1 with line tables, to fit CI's budget.
#   1. every GoogleTest suite (the query test files included), each
#      executable run whole, two at a time: under ctest each test is its own
#      process and repeats its suite's setup (loading the default graph for
#      every API test), twice the CPU time. The other ctest entries run in
#      the main build only: they drive external programs (browser, export
#      readers, TCK), spawn dyad hundreds of times (crash test), time things
#      (benchmark smoke) or are Python (fixture lint);
#   2. each tests/fuzz target for DYAD_FUZZ_SECONDS (default 20) seconds,
#      starting from its seed corpus in tests/fuzz/corpus/<name>/. A crash
#      fails the script; the input is saved under build-san/fuzz-artifacts/.
# Extra arguments go to cmake. Needs clang and libclang-rt-*-dev
# (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${DYAD_FUZZ_SECONDS:-20}"
jobs="$(nproc)"
start=$(date +%s)

cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=Sanitize \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  "-DCMAKE_C_FLAGS=-O1 -gline-tables-only" "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" \
  -DDYAD_SANITIZE=ON -DDYAD_FUZZ=ON "$@" >/dev/null
# Longest first, so that the two lanes of step 1 finish together.
suites=(query_tests server_tests cli_tests storage_tests loader_tests graph_tests)
fuzzers=()
for src in tests/fuzz/*_fuzz.cc; do fuzzers+=("$(basename "$src" .cc)"); done
ninja -C build-san -j"$jobs" dyad "${suites[@]}" "${fuzzers[@]}"
built=$(date +%s)
status=0

export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# What ctest would set (tests/CMakeLists.txt); the suites run in build-san/tests.
export DYAD_BIN="$PWD/build-san/dyad" DYAD_SOURCE_DIR="$PWD"
mkdir -p build-san/suite-logs
rm -f build-san/suite-logs/*
printf '%s\n' "${suites[@]}" |
  xargs -P "$jobs" -I{} sh -c 'cd build-san/tests && ./{} --gtest_brief=1 >../suite-logs/{}.log 2>&1 ||
                                 mv ../suite-logs/{}.log ../suite-logs/{}.FAILED.log'
for log in build-san/suite-logs/*.log; do
  case "$log" in
    *.FAILED.log) echo "SANITIZER/TEST FAILURE: $log"; tail -80 "$log"; status=1 ;;
    *) echo "$(basename "$log" .log): $(sed -n 's/^\[  PASSED  \] //p' "$log")" ;;
  esac
done
tested=$(date +%s)

mkdir -p build-san/fuzz-artifacts
for fuzzer in "${fuzzers[@]}"; do
  target="build-san/tests/fuzz/$fuzzer"
  name=${fuzzer%_fuzz}
  work=$(mktemp -d)
  # New inputs go to the first (scratch) directory; the seeds stay as they are.
  if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="build-san/fuzz-artifacts/${name}-" "$work" "tests/fuzz/corpus/$name" \
       >"build-san/fuzz-artifacts/$name.log" 2>&1; then
    echo "FUZZ FAILURE: $name (log: build-san/fuzz-artifacts/$name.log)"
    tail -60 "build-san/fuzz-artifacts/$name.log"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build-san/fuzz-artifacts/$name.log" | tail -1)
  echo "fuzz $name: ${runs:-?} executions in ${seconds} s"
  rm -rf "$work"
done
done_at=$(date +%s)
echo "test-sanitize: build $((built - start)) s, test suites $((tested - built)) s, fuzzing $((done_at - tested)) s"
exit $status
