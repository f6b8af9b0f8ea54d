#!/usr/bin/env bash
# Installs every Debian package BinViT Studio needs (bookworm). Idempotent: installs only what
# is missing and says what it did. Runs apt-get as root, or through sudo.
set -euo pipefail

packages=(
  build-essential cmake ccache pkg-config git
  libtorch-dev libopenblas0-openmp          # LibTorch, and a fast BLAS behind libblas.so.3
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  libqcustomplot-dev libopencv-dev nlohmann-json3-dev libmatio-dev libcli11-dev zlib1g-dev
  libbenchmark-dev libgloo-dev         # Google Benchmark; Gloo headers for c10d distributed training
  dataset-fashion-mnist                     # the built-in default dataset
  xvfb xauth                                # headless GUI runs and screenshots
  fonts-wqy-microhei qt6-translations-l10n  # Chinese interface: a CJK font, Qt's own strings
  desktop-file-utils appstream              # packaging checks
)

missing=()
for package in "${packages[@]}"; do
  [[ "$package" == \#* ]] && continue
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
else
  echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
  echo "setup: installed ${missing[*]}"
fi

# LibTorch links libblas.so.3; make sure it resolves to OpenBLAS, not the 30x slower reference.
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)
echo "setup: libblas.so.3 -> ${blas:-missing}"
case "$blas" in
  *openblas*) ;;
  *) echo "setup: warning: libblas.so.3 is not OpenBLAS; run: update-alternatives --config libblas.so.3-x86_64-linux-gnu" >&2 ;;
esac
