#!/usr/bin/env bash
# Builds the .bvit reader fuzzer with clang (libFuzzer + ASan + UBSan) in build-fuzz/ and runs it
# from the seed corpus for a while (default 60 s; FUZZ_SECONDS overrides). New inputs go to
# build-fuzz/corpus so the committed corpus stays small; crashes are written to build-fuzz/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BINVIT_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DBINVIT_BUILD_FUZZERS=ON -DBINVIT_BUILD_GUI=OFF -DBINVIT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --target fuzz_bvit_reader -j "${BINVIT_JOBS:-1}"
mkdir -p "$build/corpus"
cd "$build"
./tests/fuzz/fuzz_bvit_reader -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
  corpus "$root/tests/fuzz/corpus"
