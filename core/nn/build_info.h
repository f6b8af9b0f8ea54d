#pragma once
// Facts about the numeric environment that every report must record (PERFORMANCE.md).

#include <string>

namespace binvit::nn {

struct BuildInfo {
  std::string project_version;
  std::string libtorch_version;
  std::string blas_library;  // resolved path of libblas.so.3: reference BLAS is 30x slower
  std::string build_type;
  int intra_op_threads = 0;
  int hardware_threads = 0;
};

BuildInfo build_info();

// Sets LibTorch's intra-op threads; 0 means "all hardware threads" (LibTorch defaults to 1 here).
void set_intra_op_threads(int threads);

}  // namespace binvit::nn
