# One INTERFACE target carries the language standard, warnings and defines for every target.
find_program(BINVIT_CCACHE ccache)
if(BINVIT_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${BINVIT_CCACHE})
endif()

set(CMAKE_POSITION_INDEPENDENT_CODE ON)

add_library(binvit_settings INTERFACE)
target_compile_features(binvit_settings INTERFACE cxx_std_17)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(binvit_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wno-unused-parameter)
target_compile_definitions(binvit_settings INTERFACE
  BINVIT_VERSION="${PROJECT_VERSION}")
