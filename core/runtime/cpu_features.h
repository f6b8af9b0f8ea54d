#pragma once
// What the CPU can do, read once with CPUID, so kernels can choose their path at run time
// instead of at compile time (the binaries must run on any x86-64).

#include <string>

namespace binvit::runtime {

struct CpuFeatures {
  bool sse42 = false;
  bool popcnt = false;
  bool avx = false;
  bool avx2 = false;
  bool fma = false;
  bool bmi2 = false;
  bool avx512f = false;
  bool avx512vpopcntdq = false;
  std::string vendor;
  std::string brand;  // e.g. "AMD EPYC 7B13 64-Core Processor"
};

// Detected once per process; later calls return the same object.
const CpuFeatures& cpu_features();

// "avx2 fma bmi2 popcnt" style list of the features the kernels care about.
std::string describe_cpu_features(const CpuFeatures& features);

}  // namespace binvit::runtime
