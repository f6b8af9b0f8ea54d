// `binvit bench model.bvit`: the packed engine against the LibTorch float model of the same
// architecture and the LibTorch simulated-binary model, measured side by side (PERFORMANCE.md
// "How to measure"): systems alternate within every round, at each thread count; medians, p90,
// images/s, peak memory, bytes on disk, and the ratios. JSON + a text table. Only the options
// live here; the benchmark itself is core/deploy/benchmark_model (shared with the GUI).
#include "app/cli/commands.h"
#include "core/deploy/benchmark_model.h"

#include <iostream>
#include <string>
#include <vector>

namespace binvit::cli {

void register_bench_command(CLI::App& app, Action& action) {
  struct Options {
    std::string model, checkpoint, json;
    int rounds = 7, iterations = 5, batch = 1, warmup = 2;
    std::vector<int> threads{1, 2};
  };
  auto o = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("bench",
                         "Benchmark a .bvit model on the packed engine against LibTorch float and "
                         "simulated-binary models of the same architecture");
  command->add_option("model", o->model, ".bvit file")->required()->check(CLI::ExistingFile);
  command->add_option(
      "-c,--checkpoint", o->checkpoint,
      "Checkpoint for the simulated-binary model (default: same config, random weights; "
      "speed does not depend on the values)");
  command->add_option("-r,--rounds", o->rounds, "Rounds; every system runs once per round")
      ->capture_default_str();
  command->add_option("-i,--iterations", o->iterations, "Timed forwards per system and round")
      ->capture_default_str();
  command->add_option("-b,--batch", o->batch, "Images per forward")->capture_default_str();
  command->add_option("--warmup", o->warmup, "Untimed forwards per system first")
      ->capture_default_str();
  command->add_option("--threads", o->threads, "Thread counts (engine kernels and LibTorch)")
      ->delimiter(',')
      ->capture_default_str();
  command->add_option("--json", o->json,
                      "Where to write the JSON report (default: MODEL.bench.json)");
  command->callback([&action, o] {
    action = [o] {
      deploy::BenchmarkOptions options;
      options.model = o->model;
      options.checkpoint = o->checkpoint;
      options.rounds = o->rounds;
      options.iterations = o->iterations;
      options.batch = o->batch;
      options.warmup = o->warmup;
      options.threads = o->threads;
      const deploy::BenchmarkResult result = deploy::benchmark_model(options);
      std::cout << result.to_text();
      const std::string json_path = o->json.empty() ? o->model + ".bench.json" : o->json;
      deploy::write_report(result, json_path, deploy::ReportFormat::kJson);
      std::cout << "report: " << json_path << "\n";
      return 0;
    };
  });
}

}  // namespace binvit::cli
