#!/usr/bin/env bash
# Configures and builds BinViT Studio (Release, ccache) into build/ at the project root.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BINVIT_BUILD_DIR:-$root/build}
jobs=${BINVIT_JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Paths relative to the checkout, so another clone or worktree reuses the cache; precompiled
# headers are cacheable only with this sloppiness.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
echo "build: building in $build with $jobs jobs"
cmake --build "$build" -j "$jobs"
