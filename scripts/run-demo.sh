#!/usr/bin/env bash
# Command (1) of the README: set up, build, and run the main job on the built-in default: the
# GSB two-stage demo on Fashion-MNIST (`binvit train` without arguments), then, when a display is
# available, open BinViT Studio. Extra arguments go to `binvit train` (e.g. --set seed=1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
bin="${BINVIT_BUILD_DIR:-$root/build}/app"
"$bin/binvit" train "$@"
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "$bin/binvit-studio"
fi
echo "run-demo: no display, so BinViT Studio was not opened (run $bin/binvit-studio on a desktop)"
