#!/usr/bin/env bash
# Configures and builds BinViT Studio (Release, ccache) into build/ at the project root.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BINVIT_BUILD_DIR:-$root/build}
jobs=${BINVIT_JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
echo "build: building in $build with $jobs jobs"
cmake --build "$build" -j "$jobs"
