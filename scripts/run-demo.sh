#!/usr/bin/env bash
# Command (1) of the README: set up, build, and start the main job on the built-in default,
# the Fashion-MNIST demo. With a display BinViT Studio opens; without one the same demo runs
# headless through the CLI.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
bin="${BINVIT_BUILD_DIR:-$root/build}/app"
"$bin/binvit" demo "$@"
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "$bin/binvit-studio"
fi
echo "run-demo: no display; BinViT Studio not opened (run $bin/binvit-studio on a desktop)"
