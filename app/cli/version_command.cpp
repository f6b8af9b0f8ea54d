#include "app/cli/commands.h"
#include "core/nn/build_info.h"
#include "core/runtime/cpu_features.h"

#include <iostream>

namespace binvit::cli {

int print_version() {
  const nn::BuildInfo info = nn::build_info();
  const runtime::CpuFeatures& cpu = runtime::cpu_features();
  std::cout << "binvit " << info.project_version << " (" << info.build_type << ")\n"
            << "libtorch: " << info.libtorch_version << "\n"
            << "blas: " << info.blas_library << "\n"
            << "cpu: " << (cpu.brand.empty() ? cpu.vendor : cpu.brand) << "\n"
            << "cpu features: " << runtime::describe_cpu_features(cpu) << "\n"
            << "threads: " << info.intra_op_threads << " intra-op of "
            << info.hardware_threads << " hardware\n";
  return 0;
}

}  // namespace binvit::cli
