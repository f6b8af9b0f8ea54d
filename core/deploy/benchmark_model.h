#pragma once
// Benchmarks a `.bvit` on the packed engine against the LibTorch float model of the same
// architecture and the LibTorch simulated-binary model, side by side (PERFORMANCE.md "How to
// measure"): the systems alternate within every round, at each thread count; medians, p90,
// images/s, peak memory, bytes on disk and the ratios, with the machine and build they were
// measured on. The work of `binvit bench`. Torch-free header (see deploy_common.h).

#include "core/deploy/deploy_common.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace binvit::deploy {

struct BenchmarkOptions {
  std::filesystem::path model;  // the .bvit file
  // Checkpoint of the simulated-binary model; empty: the same config with random weights (speed
  // does not depend on the values).
  std::filesystem::path checkpoint;
  int rounds = 7;      // every system runs once per round; cancelling is checked between rounds
  int iterations = 5;  // timed forwards per system and round
  int batch = 1;       // images per forward
  int warmup = 2;      // untimed forwards per system first, at each thread count
  // Thread counts, for the engine's kernels and LibTorch alike. Both are process-wide settings;
  // benchmark_model restores LibTorch's and the engine's previous counts when it returns.
  std::vector<int> threads{1, 2};
};

// The systems, in this order in every result: "engine", "libtorch-float", "libtorch-binary".
struct SystemTiming {
  std::string system;
  int threads = 1;
  double median_ms = 0.0;
  double p90_ms = 0.0;
  double images_per_second = 0.0;
  double peak_mib = 0.0;          // peak resident memory of creating it and one forward
  double time_over_engine = 0.0;  // median / the engine's median at the same thread count
  std::size_t samples = 0;        // timed forwards
};

struct MachineInfo {
  std::string cpu;           // brand string, else vendor
  std::string cpu_features;  // e.g. "avx2 fma popcnt"
  int hardware_threads = 0;
  std::string blas;  // resolved libblas.so.3: reference BLAS would be 30x slower
  std::string libtorch;
  std::string build_type;       // "Release" / "Debug"
  std::string build_flags;      // compiler and its flags for this build type
  std::string engine_kernels;   // "avx2" or "portable"
  std::string omp_wait_policy;  // OMP_WAIT_POLICY, or why unset matters
};

struct ModelBytes {
  std::uint64_t bvit = 0;
  std::uint64_t float32_checkpoint = 0;       // LibTorch archive of the float model
  std::uint64_t binary_model_checkpoint = 0;  // LibTorch archive of the simulated-binary model
  double float_over_bvit = 0.0;
  std::uint64_t binary_linear_weights_packed = 0;
  std::uint64_t binary_linear_weights_float32 = 0;
  double binary_linear_ratio = 0.0;  // float32 / packed: 32 when packing is exact
};

struct BenchmarkResult {
  std::filesystem::path model;
  nlohmann::json architecture;  // the model config stored in the .bvit
  int batch = 1, rounds = 0, iterations = 0;
  std::vector<int> threads;
  MachineInfo machine;
  ModelBytes bytes;
  // Per thread count (in the order asked), then per system in the order above. A thread count
  // the benchmark did not reach before it was cancelled has no rows.
  std::vector<SystemTiming> results;
  // system -> median at 1 thread / median at the last thread count (only when threads starts
  // with 1 and has at least two entries, and both were measured).
  std::map<std::string, double> scaling;
  int rounds_completed = 0;  // summed over thread counts
  bool cancelled = false;

  // The rows of one system (one per thread count measured).
  std::vector<SystemTiming> of_system(const std::string& system) const;
  // The JSON `binvit bench` writes.
  nlohmann::json to_json() const;
  // One row per result: system,threads,median_ms,p90_ms,images_per_second,peak_mib,
  // time_over_engine,samples.
  std::string to_csv() const;
  // The table `binvit bench` prints.
  std::string to_text() const;
};

// Throws std::invalid_argument for bad options, std::runtime_error (or a subclass) naming the
// file for an unreadable model or checkpoint.
BenchmarkResult benchmark_model(const BenchmarkOptions& options,
                                const ProgressCallback& progress = {}, CancelFlag cancel = nullptr);

void write_report(const BenchmarkResult& result, const std::filesystem::path& path,
                  ReportFormat format = ReportFormat::kByExtension);

}  // namespace binvit::deploy
