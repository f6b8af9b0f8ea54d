#!/usr/bin/env bash
# Builds the Debian package from this build tree and checks what a user installs: both programs
# on the PATH, the desktop entry, AppStream metainfo and icon, the package metadata, and that the
# desktop and AppStream files pass their validators. Usage: check_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "packaging: $*" >&2; exit 1; }

desktop-file-validate "$source/packaging/binvit-studio.desktop" || fail "desktop entry is invalid"
appstreamcli validate --no-net --pedantic "$source/packaging/io.github.binvit.studio.metainfo.xml" \
  || fail "AppStream metainfo is invalid"

(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/*.deb 2>/dev/null | head -n 1)
[[ -n "$deb" ]] || fail "cpack wrote no .deb into $work"

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/binvit ./usr/bin/binvit-studio \
            ./usr/share/applications/binvit-studio.desktop \
            ./usr/share/metainfo/io.github.binvit.studio.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/binvit-studio.svg \
            ./usr/share/doc/binvit-studio/copyright; do
  grep -q " ${path}\$" <<<"$contents" || fail "$deb lacks $path"
done

[[ $(dpkg-deb -f "$deb" Package) == binvit-studio ]] || fail "wrong package name"
depends=$(dpkg-deb -f "$deb" Depends)
for dependency in libopenblas0-openmp qt6-qpa-plugins; do
  grep -q "$dependency" <<<"$depends" || fail "Depends lacks $dependency: $depends"
done

# The installed programs run from the unpacked tree.
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/binvit" --version >/dev/null || fail "the packaged binvit does not run"
QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/binvit-studio" --version >/dev/null \
  || fail "the packaged binvit-studio does not run"
desktop-file-validate "$work/root/usr/share/applications/binvit-studio.desktop"
echo "packaging: $(basename "$deb") ($(du -h "$deb" | cut -f1)) passes"
