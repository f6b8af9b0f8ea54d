# Every dependency comes from a Debian bookworm package; when one is missing the error names it
# (scripts/setup.sh installs them all).

macro(binvit_require package debian_packages)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR
      "BinViT Studio needs ${package}, which CMake could not find.\n"
      "Install it with:  sudo apt-get install ${debian_packages}\n"
      "(or run scripts/setup.sh, which installs every dependency).")
  endif()
endmacro()

binvit_require(Torch "libtorch-dev libopenblas0-openmp")
binvit_require(nlohmann_json "nlohmann-json3-dev")
binvit_require(CLI11 "libcli11-dev" CONFIG)
binvit_require(OpenCV "libopencv-dev" COMPONENTS core imgproc imgcodecs)
# Torch's config exports a compile option for the C++11 ABI through its target; nothing else needed.

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(MATIO QUIET IMPORTED_TARGET matio)
endif()
if(NOT MATIO_FOUND)
  message(FATAL_ERROR "BinViT Studio needs matio (MATLAB .mat reader).\n"
    "Install it with:  sudo apt-get install libmatio-dev pkg-config")
endif()

binvit_require(Qt6 "qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev"
  COMPONENTS Core Test)
if(BINVIT_BUILD_GUI)
  binvit_require(Qt6 "qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev"
    COMPONENTS Widgets Concurrent PrintSupport Svg LinguistTools)
  binvit_require(QCustomPlotQt6 "libqcustomplot-dev" CONFIG)
endif()
if(BINVIT_BUILD_BENCHMARKS)
  binvit_require(benchmark "libbenchmark-dev")
endif()
