// `binvit bench model.bvit`: the packed engine against the LibTorch float model of the same
// architecture and the LibTorch simulated-binary model, measured side by side (PERFORMANCE.md
// "How to measure"): systems alternate within every round, at each thread count; medians, p90,
// images/s, peak memory, bytes on disk, and the ratios. JSON + a text table.
#include "app/cli/commands.h"
#include "core/nn/build_info.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/cpu_features.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/kernels/registry.h"
#include "core/train/checkpoint.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace binvit::cli {
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

uint64_t saved_size(const nn::ClassifierModel& model, const std::string& name) {
  const fs::path path = temporary_path(name);
  train::save_checkpoint(path, model);
  const uint64_t size = fs::file_size(path);
  fs::remove(path);
  return size;
}

// LibTorch's and OpenBLAS's OpenMP threads spin after each parallel region unless
// OMP_WAIT_POLICY=PASSIVE; on a machine with few cores they then take CPU from whatever runs
// next (here: the other system of the round). It must be set before the process starts, so the
// report records it.
std::string omp_wait_policy() {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  return policy != nullptr ? policy : "unset (spinning OpenMP threads distort alternated timings)";
}

}  // namespace

void register_bench_command(CLI::App& app, Action& action) {
  struct Options {
    std::string model, checkpoint, json;
    int rounds = 7, iterations = 5, batch = 1, warmup = 2;
    std::vector<int> threads{1, 2};
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "bench", "Benchmark a .bvit model on the packed engine against LibTorch float and "
               "simulated-binary models of the same architecture");
  command->add_option("model", o->model, ".bvit file")->required()->check(CLI::ExistingFile);
  command->add_option("-c,--checkpoint", o->checkpoint,
                      "Checkpoint for the simulated-binary model (default: same config, random weights; "
                      "speed does not depend on the values)");
  command->add_option("-r,--rounds", o->rounds, "Rounds; every system runs once per round")->capture_default_str();
  command->add_option("-i,--iterations", o->iterations, "Timed forwards per system and round")->capture_default_str();
  command->add_option("-b,--batch", o->batch, "Images per forward")->capture_default_str();
  command->add_option("--warmup", o->warmup, "Untimed forwards per system first")->capture_default_str();
  command->add_option("--threads", o->threads, "Thread counts (engine kernels and LibTorch)")
      ->delimiter(',')->capture_default_str();
  command->add_option("--json", o->json, "Where to write the JSON report (default: MODEL.bench.json)");
  command->callback([&action, o] {
    action = [o] {
      // Systems, each created on its own with the peak memory of creating it and one forward.
      const double baseline_mib = status_mib("VmRSS");
      reset_peak_memory();
      auto engine = std::make_shared<Engine>(Engine::load(o->model));
      const auto& pre = engine->graph().preprocessing;
      const torch::Tensor images = torch::randn({o->batch, static_cast<int64_t>(pre.channels),
                                                 static_cast<int64_t>(pre.image_size),
                                                 static_cast<int64_t>(pre.image_size)});
      std::vector<System> systems;
      systems.push_back(System{"engine", [engine, images] {
                                 engine->run(images.data_ptr<float>(), static_cast<size_t>(images.size(0)));
                               }, 0.0, {}});
      systems.back().run();
      systems.back().peak_mib = status_mib("VmHWM") - baseline_mib;

      const runtime::json::Value* stored = engine->file().header().find("config");
      if (stored == nullptr) throw std::runtime_error(o->model + " has no model config in its header");
      const nlohmann::json config = nlohmann::json::parse(stored->dump());
      nlohmann::json float_config = config;
      float_config["variant"] = "float";

      torch::NoGradGuard no_grad;
      double before = status_mib("VmRSS");
      reset_peak_memory();
      std::shared_ptr<nn::ClassifierModel> float_model = nn::build_model(float_config);
      float_model->eval();
      systems.push_back(System{"libtorch-float", [float_model, images] { float_model->forward(images); }, 0.0, {}});
      systems.back().run();
      systems.back().peak_mib = status_mib("VmHWM") - before;

      before = status_mib("VmRSS");
      reset_peak_memory();
      std::shared_ptr<nn::ClassifierModel> binary_model =
          o->checkpoint.empty() ? nn::build_model(config) : train::load_checkpoint(o->checkpoint).model;
      binary_model->eval();
      systems.push_back(System{"libtorch-binary", [binary_model, images] { binary_model->forward(images); }, 0.0, {}});
      systems.back().run();  // also initialises the lazy scales of a fresh model
      systems.back().peak_mib = status_mib("VmHWM") - before;

      // Alternating rounds per thread count; the order rotates so no system always runs first.
      for (int threads : o->threads) {
        runtime::engine::set_engine_threads(threads);
        torch::set_num_threads(threads);
        for (System& s : systems)
          for (int w = 0; w < o->warmup; ++w) s.run();
        for (int round = 0; round < o->rounds; ++round) {
          for (size_t k = 0; k < systems.size(); ++k) {
            System& s = systems[(k + static_cast<size_t>(round)) % systems.size()];
            for (int it = 0; it < o->iterations; ++it) {
              const auto start = std::chrono::steady_clock::now();
              s.run();
              const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
              s.latencies_ms[threads].push_back(elapsed.count());
            }
          }
        }
      }

      // Bytes on disk and the packed binary weights against their float32 size.
      const uint64_t bvit_bytes = fs::file_size(o->model);
      const uint64_t float_checkpoint = saved_size(*float_model, "float.pt");
      const uint64_t binary_checkpoint = saved_size(*binary_model, "binary.pt");
      uint64_t packed_bytes = 0, packed_as_float = 0;
      for (const auto& op : engine->graph().ops) {
        if (const auto* l = std::get_if<runtime::engine::BinaryLinearOp>(&op)) {
          packed_bytes += l->out_features * l->words * 8;
          packed_as_float += l->out_features * l->in_features * 4;
        }
      }

      const nn::BuildInfo info = nn::build_info();
      const runtime::CpuFeatures& cpu = runtime::cpu_features();
      nlohmann::json report{
          {"model", o->model},
          {"architecture", config},
          {"batch", o->batch},
          {"rounds", o->rounds},
          {"iterations", o->iterations},
          {"machine", {{"cpu", cpu.brand.empty() ? cpu.vendor : cpu.brand},
                       {"cpu_features", runtime::describe_cpu_features(cpu)},
                       {"hardware_threads", info.hardware_threads},
                       {"blas", info.blas_library},
                       {"libtorch", info.libtorch_version},
                       {"build_type", info.build_type},
                       {"engine_kernels", runtime::kernels::active_kernels().name},
                       {"omp_wait_policy", omp_wait_policy()}}},
          {"bytes", {{"bvit", bvit_bytes}, {"float32_checkpoint", float_checkpoint},
                     {"binary_model_checkpoint", binary_checkpoint},
                     {"float_over_bvit", static_cast<double>(float_checkpoint) / static_cast<double>(bvit_bytes)},
                     {"binary_linear_weights_packed", packed_bytes},
                     {"binary_linear_weights_float32", packed_as_float},
                     {"binary_linear_ratio", packed_bytes ? static_cast<double>(packed_as_float) / packed_bytes : 0.0}}},
      };
      std::ostringstream table;
      table << "model: " << o->model << " (batch " << o->batch << ", " << o->rounds << " rounds x "
            << o->iterations << " forwards, alternating)\n"
            << "cpu: " << report["machine"]["cpu"].get<std::string>() << ", BLAS: " << info.blas_library
            << ", LibTorch " << info.libtorch_version << ", " << info.build_type << ", engine kernels "
            << runtime::kernels::active_kernels().name << ", OMP_WAIT_POLICY " << omp_wait_policy() << "\n"
            << std::left << std::setw(18) << "system" << std::right << std::setw(8) << "threads"
            << std::setw(12) << "median ms" << std::setw(10) << "p90 ms" << std::setw(10) << "img/s"
            << std::setw(12) << "peak MiB" << std::setw(14) << "vs engine" << "\n";
      nlohmann::json results = nlohmann::json::array();
      for (int threads : o->threads) {
        const double engine_median = percentile(systems[0].latencies_ms[threads], 0.5);
        for (const System& s : systems) {
          const std::vector<double>& l = s.latencies_ms.at(threads);
          const double median = percentile(l, 0.5), p90 = percentile(l, 0.9);
          const double ratio = median / engine_median;
          results.push_back({{"system", s.name}, {"threads", threads}, {"median_ms", median},
                             {"p90_ms", p90}, {"images_per_second", 1000.0 * o->batch / median},
                             {"peak_mib", s.peak_mib}, {"time_over_engine", ratio},
                             {"samples", l.size()}});
          table << std::left << std::setw(18) << s.name << std::right << std::setw(8) << threads
                << std::fixed << std::setprecision(3) << std::setw(12) << median << std::setw(10) << p90
                << std::setprecision(1) << std::setw(10) << 1000.0 * o->batch / median
                << std::setw(12) << s.peak_mib << std::setprecision(2) << std::setw(13) << ratio << "x\n";
        }
      }
      for (const System& s : systems) {
        if (o->threads.size() < 2 || o->threads[0] != 1) break;
        const double one = percentile(s.latencies_ms.at(1), 0.5);
        const double more = percentile(s.latencies_ms.at(o->threads.back()), 0.5);
        table << s.name << ": " << o->threads.back() << " threads vs 1: " << std::setprecision(2)
              << one / more << "x\n";
        report["scaling"][s.name] = one / more;
      }
      report["results"] = results;
      table << std::setprecision(1) << "bytes: .bvit " << bvit_bytes << ", float32 checkpoint "
            << float_checkpoint << " (" << static_cast<double>(float_checkpoint) / bvit_bytes
            << "x the .bvit), binary model checkpoint " << binary_checkpoint
            << "; binary linear weights " << packed_bytes << " packed vs " << packed_as_float
            << " float32 (" << (packed_bytes ? static_cast<double>(packed_as_float) / packed_bytes : 0.0)
            << "x)\n";
      std::cout << table.str();
      const std::string json_path = o->json.empty() ? o->model + ".bench.json" : o->json;
      runtime::write_file_atomically(json_path, report.dump(2) + "\n");
      std::cout << "report: " << json_path << "\n";
      return 0;
    };
  });
}

}  // namespace binvit::cli
