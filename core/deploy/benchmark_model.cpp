#include "core/deploy/benchmark_model.h"

#include "core/deploy/report_writing.h"
#include "core/nn/build_info.h"
#include "core/nn/models/model_registry.h"
#include "core/nn/quantizers/quantization_switch.h"
#include "core/runtime/cpu_features.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/kernels/parallel.h"
#include "core/runtime/kernels/registry.h"
#include "core/train/checkpoint.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iterator>
#include <sstream>
#include <stdexcept>

#ifndef BINVIT_BUILD_FLAGS
#define BINVIT_BUILD_FLAGS "unknown"
#endif

namespace binvit::deploy {
namespace {

namespace fs = std::filesystem;
using runtime::engine::Engine;

// Resident memory from /proc/self/status (kB field `key`), in MiB.
double status_mib(const std::string& key) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  }
  return 0.0;
}

// Resets the peak resident size (VmHWM) to the current one (Linux >= 4.0).
void reset_peak_memory() { std::ofstream("/proc/self/clear_refs") << "5"; }

double percentile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<size_t>(position);
  const size_t upper = std::min(lower + 1, values.size() - 1);
  return values[lower] + (values[upper] - values[lower]) * (position - static_cast<double>(lower));
}

struct System {
  std::string name;
  std::function<void()> run;
  double peak_mib = 0.0;
  std::map<int, std::vector<double>> latencies_ms;  // per thread count
};

fs::path temporary_path(const std::string& name) {
  return fs::temp_directory_path() / ("binvit-bench-" + std::to_string(::getpid()) + "-" + name);
}

// Model: nn::ClassifierModel or nn::SegmentationModel.
template <typename Model>
uint64_t saved_size(const Model& model, const std::string& name) {
  const fs::path path = temporary_path(name);
  train::save_checkpoint(path, model);
  const uint64_t size = fs::file_size(path);
  fs::remove(path);
  return size;
}

// A LibTorch model of either task, in eval mode, with what the benchmark does with it.
struct LibtorchModel {
  std::function<void(const torch::Tensor&)> forward;
  std::function<uint64_t(const std::string&)> saved_size;
};

template <typename Model>
LibtorchModel libtorch_model_of(std::shared_ptr<Model> model, bool quantizers_off) {
  if (quantizers_off) nn::set_quantization_enabled(*model, false);
  model->eval();
  return {[model](const torch::Tensor& images) { model->forward(images); },
          [model](const std::string& name) { return saved_size(*model, name); }};
}

// Built fresh from `config`, or loaded from `checkpoint` when one is given; `quantizers_off`
// switches every quantizer off.
LibtorchModel libtorch_model(const nlohmann::json& config, bool quantizers_off,
                             const fs::path& checkpoint = {}) {
  if (nn::task_of(config) == nn::ModelTask::Segmentation) {
    return libtorch_model_of(checkpoint.empty()
                                 ? nn::build_segmentation_model(config)
                                 : train::load_segmentation_checkpoint(checkpoint).model,
                             quantizers_off);
  }
  return libtorch_model_of(
      checkpoint.empty() ? nn::build_model(config) : train::load_checkpoint(checkpoint).model,
      quantizers_off);
}

// LibTorch's and OpenBLAS's OpenMP threads spin after each parallel region unless
// OMP_WAIT_POLICY=PASSIVE; on a machine with few cores they then take CPU from whatever runs
// next (here: the other system of the round). It must be set before the process starts, so the
// report records it.
std::string omp_wait_policy() {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  return policy != nullptr ? policy : "unset (spinning OpenMP threads distort alternated timings)";
}

// The GUI runs benchmarks in a long-lived process, so the thread counts a benchmark sets must
// not outlive it (also when it throws).
class ThreadCountsRestorer {
 public:
  ThreadCountsRestorer()
      : torch_threads_(torch::get_num_threads()),
        engine_threads_(runtime::kernels::num_threads()) {}
  ~ThreadCountsRestorer() {
    torch::set_num_threads(torch_threads_);
    runtime::engine::set_engine_threads(engine_threads_);
  }
  ThreadCountsRestorer(const ThreadCountsRestorer&) = delete;
  ThreadCountsRestorer& operator=(const ThreadCountsRestorer&) = delete;

 private:
  int torch_threads_;
  int engine_threads_;
};

MachineInfo machine_info() {
  const nn::BuildInfo info = nn::build_info();
  const runtime::CpuFeatures& cpu = runtime::cpu_features();
  MachineInfo m;
  m.cpu = cpu.brand.empty() ? cpu.vendor : cpu.brand;
  m.cpu_features = runtime::describe_cpu_features(cpu);
  m.hardware_threads = info.hardware_threads;
  m.blas = info.blas_library;
  m.libtorch = info.libtorch_version;
  m.build_type = info.build_type;
  m.build_flags = BINVIT_BUILD_FLAGS;
  m.engine_kernels = runtime::kernels::active_kernels().name;
  m.omp_wait_policy = omp_wait_policy();
  return m;
}

}  // namespace

std::vector<SystemTiming> BenchmarkResult::of_system(const std::string& system) const {
  std::vector<SystemTiming> rows;
  std::copy_if(results.begin(), results.end(), std::back_inserter(rows),
               [&](const SystemTiming& t) { return t.system == system; });
  return rows;
}

nlohmann::json BenchmarkResult::to_json() const {
  nlohmann::json rows = nlohmann::json::array();
  for (const SystemTiming& t : results) {
    rows.push_back({{"system", t.system},
                    {"threads", t.threads},
                    {"median_ms", t.median_ms},
                    {"p90_ms", t.p90_ms},
                    {"images_per_second", t.images_per_second},
                    {"peak_mib", t.peak_mib},
                    {"time_over_engine", t.time_over_engine},
                    {"samples", t.samples}});
  }
  nlohmann::json report{
      {"model", model.string()},
      {"architecture", architecture},
      {"batch", batch},
      {"rounds", rounds},
      {"iterations", iterations},
      {"machine",
       {{"cpu", machine.cpu},
        {"cpu_features", machine.cpu_features},
        {"hardware_threads", machine.hardware_threads},
        {"blas", machine.blas},
        {"libtorch", machine.libtorch},
        {"build_type", machine.build_type},
        {"build_flags", machine.build_flags},
        {"engine_kernels", machine.engine_kernels},
        {"omp_wait_policy", machine.omp_wait_policy}}},
      {"bytes",
       {{"bvit", bytes.bvit},
        {"float32_checkpoint", bytes.float32_checkpoint},
        {"binary_model_checkpoint", bytes.binary_model_checkpoint},
        {"float_over_bvit", bytes.float_over_bvit},
        {"binary_linear_weights_packed", bytes.binary_linear_weights_packed},
        {"binary_linear_weights_float32", bytes.binary_linear_weights_float32},
        {"binary_linear_ratio", bytes.binary_linear_ratio}}},
      {"results", rows},
  };
  for (const auto& [system, ratio] : scaling) report["scaling"][system] = ratio;
  // Only when it happened, so that a complete report reads as it always has.
  if (cancelled) {
    report["cancelled"] = true;
    report["rounds_completed"] = rounds_completed;
  }
  return report;
}

std::string BenchmarkResult::to_csv() const {
  std::string csv =
      detail::csv_line({"system", "threads", "median_ms", "p90_ms", "images_per_second", "peak_mib",
                        "time_over_engine", "samples"});
  const auto number = [](double value) {
    std::ostringstream out;
    out << std::setprecision(9) << value;
    return out.str();
  };
  for (const SystemTiming& t : results) {
    csv += detail::csv_line({t.system, std::to_string(t.threads), number(t.median_ms),
                             number(t.p90_ms), number(t.images_per_second), number(t.peak_mib),
                             number(t.time_over_engine), std::to_string(t.samples)});
  }
  return csv;
}

std::string BenchmarkResult::to_text() const {
  std::ostringstream table;
  table << "model: " << model.string() << " (batch " << batch << ", " << rounds << " rounds x "
        << iterations << " forwards, alternating)\n"
        << "cpu: " << machine.cpu << ", BLAS: " << machine.blas << ", LibTorch " << machine.libtorch
        << ", " << machine.build_type << ", engine kernels " << machine.engine_kernels
        << ", OMP_WAIT_POLICY " << machine.omp_wait_policy << "\n"
        << std::left << std::setw(18) << "system" << std::right << std::setw(8) << "threads"
        << std::setw(12) << "median ms" << std::setw(10) << "p90 ms" << std::setw(10) << "img/s"
        << std::setw(12) << "peak MiB" << std::setw(14) << "vs engine"
        << "\n";
  for (const SystemTiming& t : results) {
    table << std::left << std::setw(18) << t.system << std::right << std::setw(8) << t.threads
          << std::fixed << std::setprecision(3) << std::setw(12) << t.median_ms << std::setw(10)
          << t.p90_ms << std::setprecision(1) << std::setw(10) << t.images_per_second
          << std::setw(12) << t.peak_mib << std::setprecision(2) << std::setw(13)
          << t.time_over_engine << "x\n";
  }
  // Systems in their benchmark order, not the map's alphabetical one.
  table << std::fixed;
  for (const SystemTiming& t : results) {
    const auto ratio = scaling.find(t.system);
    if (t.threads != 1 || ratio == scaling.end()) continue;
    table << t.system << ": " << threads.back() << " threads vs 1: " << std::setprecision(2)
          << ratio->second << "x\n";
  }
  table << std::setprecision(1) << "bytes: .bvit " << bytes.bvit << ", float32 checkpoint "
        << bytes.float32_checkpoint << " (" << bytes.float_over_bvit
        << "x the .bvit), binary model checkpoint " << bytes.binary_model_checkpoint
        << "; binary linear weights " << bytes.binary_linear_weights_packed << " packed vs "
        << bytes.binary_linear_weights_float32 << " float32 (" << bytes.binary_linear_ratio
        << "x)\n";
  if (cancelled) table << "cancelled after " << rounds_completed << " rounds\n";
  return table.str();
}

BenchmarkResult benchmark_model(const BenchmarkOptions& o, const ProgressCallback& progress,
                                CancelFlag cancel) {
  if (o.rounds < 1 || o.iterations < 1 || o.batch < 1 || o.warmup < 0 || o.threads.empty()) {
    throw std::invalid_argument(
        "bench: rounds, iterations and batch must be positive, warmup >= 0, and at least one "
        "thread count given");
  }
  for (const int threads : o.threads) {
    if (threads < 1) throw std::invalid_argument("bench: thread counts must be positive");
  }
  const ThreadCountsRestorer restore_thread_counts;
  BenchmarkResult result;
  result.model = o.model;
  result.batch = o.batch;
  result.rounds = o.rounds;
  result.iterations = o.iterations;
  result.threads = o.threads;

  // Systems, each created on its own with the peak memory of creating it and one forward.
  detail::report(progress, "loading " + o.model.string(), 0.0);
  const double baseline_mib = status_mib("VmRSS");
  reset_peak_memory();
  auto engine = std::make_shared<Engine>(Engine::load(o.model));
  const auto& pre = engine->graph().preprocessing;
  const torch::Tensor images =
      torch::randn({o.batch, static_cast<int64_t>(pre.channels),
                    static_cast<int64_t>(pre.image_size), static_cast<int64_t>(pre.image_size)});
  std::vector<System> systems;
  systems.push_back(System{"engine",
                           [engine, images] {
                             engine->run(images.data_ptr<float>(),
                                         static_cast<size_t>(images.size(0)));
                           },
                           0.0,
                           {}});
  systems.back().run();
  systems.back().peak_mib = status_mib("VmHWM") - baseline_mib;

  const runtime::json::Value* stored = engine->file().header().find("config");
  if (stored == nullptr) {
    throw std::runtime_error(o.model.string() + " has no model config in its header");
  }
  const nlohmann::json config = nlohmann::json::parse(stored->dump());
  result.architecture = config;
  // DeiT has a float variant of its own; BHViT's float model (classifier or segmentation) is the
  // same architecture with every quantizer switched off (float weights and activations, float
  // attention).
  const bool deit = config.value("family", "") == "deit";
  nlohmann::json float_config = config;
  if (deit) float_config["variant"] = "float";

  torch::NoGradGuard no_grad;
  detail::report(progress, "building the LibTorch float model", 0.03);
  double before = status_mib("VmRSS");
  reset_peak_memory();
  const LibtorchModel float_model = libtorch_model(float_config, !deit);
  systems.push_back(
      System{"libtorch-float", [float_model, images] { float_model.forward(images); }, 0.0, {}});
  systems.back().run();
  systems.back().peak_mib = status_mib("VmHWM") - before;

  detail::report(progress, "building the LibTorch simulated-binary model", 0.06);
  before = status_mib("VmRSS");
  reset_peak_memory();
  const LibtorchModel binary_model = libtorch_model(config, false, o.checkpoint);
  systems.push_back(
      System{"libtorch-binary", [binary_model, images] { binary_model.forward(images); }, 0.0, {}});
  systems.back().run();  // also initialises the lazy scales of a fresh model
  systems.back().peak_mib = status_mib("VmHWM") - before;

  // Alternating rounds per thread count; the order rotates so no system always runs first.
  const double total_rounds = static_cast<double>(o.rounds * o.threads.size());
  for (int threads : o.threads) {
    if (detail::is_cancelled(cancel)) break;
    runtime::engine::set_engine_threads(threads);
    torch::set_num_threads(threads);
    detail::report(progress, "warming up at " + std::to_string(threads) + " threads",
                   0.1 + 0.85 * result.rounds_completed / total_rounds);
    for (System& s : systems) {
      for (int w = 0; w < o.warmup; ++w) s.run();
    }
    for (int round = 0; round < o.rounds; ++round) {
      if (detail::is_cancelled(cancel)) break;
      detail::report(progress,
                     std::to_string(threads) + " threads: round " + std::to_string(round + 1) +
                         " of " + std::to_string(o.rounds),
                     0.1 + 0.85 * result.rounds_completed / total_rounds);
      for (size_t k = 0; k < systems.size(); ++k) {
        System& s = systems[(k + static_cast<size_t>(round)) % systems.size()];
        for (int it = 0; it < o.iterations; ++it) {
          const auto start = std::chrono::steady_clock::now();
          s.run();
          const std::chrono::duration<double, std::milli> elapsed =
              std::chrono::steady_clock::now() - start;
          s.latencies_ms[threads].push_back(elapsed.count());
        }
      }
      ++result.rounds_completed;
    }
  }
  result.cancelled = detail::is_cancelled(cancel);

  // Bytes on disk and the packed binary weights against their float32 size.
  detail::report(progress, "measuring sizes", 0.95);
  ModelBytes& b = result.bytes;
  b.bvit = fs::file_size(o.model);
  b.float32_checkpoint = float_model.saved_size("float.pt");
  b.binary_model_checkpoint = binary_model.saved_size("binary.pt");
  b.float_over_bvit = static_cast<double>(b.float32_checkpoint) / static_cast<double>(b.bvit);
  for (const auto& op : engine->graph().ops) {
    if (const auto* l = std::get_if<runtime::engine::BinaryLinearOp>(&op)) {
      b.binary_linear_weights_packed += l->out_features * l->words * 8;
      b.binary_linear_weights_float32 += l->out_features * l->in_features * 4;
    }
  }
  b.binary_linear_ratio = b.binary_linear_weights_packed
                              ? static_cast<double>(b.binary_linear_weights_float32) /
                                    static_cast<double>(b.binary_linear_weights_packed)
                              : 0.0;
  result.machine = machine_info();

  const auto measured = [&](int threads) { return systems[0].latencies_ms.count(threads) > 0; };
  for (int threads : o.threads) {
    if (!measured(threads)) continue;
    const double engine_median = percentile(systems[0].latencies_ms[threads], 0.5);
    for (const System& s : systems) {
      const std::vector<double>& l = s.latencies_ms.at(threads);
      SystemTiming t;
      t.system = s.name;
      t.threads = threads;
      t.median_ms = percentile(l, 0.5);
      t.p90_ms = percentile(l, 0.9);
      t.images_per_second = 1000.0 * o.batch / t.median_ms;
      t.peak_mib = s.peak_mib;
      t.time_over_engine = t.median_ms / engine_median;
      t.samples = l.size();
      result.results.push_back(t);
    }
  }
  if (o.threads.size() >= 2 && o.threads[0] == 1 && measured(1) && measured(o.threads.back())) {
    for (const System& s : systems) {
      result.scaling[s.name] = percentile(s.latencies_ms.at(1), 0.5) /
                               percentile(s.latencies_ms.at(o.threads.back()), 0.5);
    }
  }
  detail::report(progress, result.cancelled ? "cancelled" : "benchmarked", 1.0);
  return result;
}

void write_report(const BenchmarkResult& result, const std::filesystem::path& path,
                  ReportFormat format) {
  detail::write_report_file(path, format, result.to_json(), result.to_csv());
}

}  // namespace binvit::deploy
