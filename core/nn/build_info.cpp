#include "core/nn/build_info.h"

#include <torch/torch.h>

#include <filesystem>
#include <thread>

namespace binvit::nn {
namespace {

std::string resolved_blas_library() {
  const std::filesystem::path link = "/usr/lib/x86_64-linux-gnu/libblas.so.3";
  std::error_code error;
  const auto target = std::filesystem::canonical(link, error);
  return error ? std::string("not found (") + link.string() + ")" : target.string();
}

}  // namespace

BuildInfo build_info() {
  BuildInfo info;
  info.project_version = BINVIT_VERSION;
  info.libtorch_version = std::to_string(TORCH_VERSION_MAJOR) + "." +
                          std::to_string(TORCH_VERSION_MINOR) + "." +
                          std::to_string(TORCH_VERSION_PATCH);
  info.blas_library = resolved_blas_library();
#ifdef NDEBUG
  info.build_type = "Release";
#else
  info.build_type = "Debug";
#endif
  info.intra_op_threads = torch::get_num_threads();
  info.hardware_threads = static_cast<int>(std::thread::hardware_concurrency());
  return info;
}

void set_intra_op_threads(int threads) {
  const int hardware = static_cast<int>(std::thread::hardware_concurrency());
  torch::set_num_threads(threads > 0 ? threads : std::max(1, hardware));
}

}  // namespace binvit::nn
