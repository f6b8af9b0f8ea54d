#pragma once
// One function per `binvit` subcommand: each registers its options on the parser and returns
// the action to run once the command line is parsed (set only if that subcommand was chosen).

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>

namespace binvit::cli {

using Action = std::function<int()>;

// `binvit --version`: versions, LibTorch, BLAS in use, CPU features, threads.
int print_version();

// `binvit models`: the registered model presets.
void register_models_command(CLI::App& app, Action& action);
// `binvit summary --model NAME [--set key=value ...] [--json]`.
void register_summary_command(CLI::App& app, Action& action);
// `binvit import-weights FILE [--model NAME] [--released] [--out CHECKPOINT]`.
void register_import_weights_command(CLI::App& app, Action& action);
// `binvit export-weights CHECKPOINT --out FILE [--released]`.
void register_export_weights_command(CLI::App& app, Action& action);
// `binvit demo`: the built-in default, the Fashion-MNIST demo.
void register_demo_command(CLI::App& app, Action& action);
// `binvit data info|preview --format F --path P ...`: statistics; one image through the
// training transforms several times, as a PNG grid.
void register_data_command(CLI::App& app, Action& action);

// This executable's path (for starting copies of itself).
std::string executable_path(const char* argv0);

// `binvit train`, `binvit eval`, `binvit launch` (data-parallel); `self` is this executable,
// which launch starts once per rank.
void register_train_commands(CLI::App& app, Action& action, const std::string& self);
// `binvit export RUN_OR_CHECKPOINT --out model.bvit`: .bvit + safetensors + LibTorch archive.
void register_export_command(CLI::App& app, Action& action);
// `binvit infer model.bvit IMAGE...`: top-5 classes per image from the packed engine.
void register_infer_command(CLI::App& app, Action& action);
// `binvit verify model.bvit --checkpoint CKPT [--data ...]`: engine vs LibTorch agreement.
void register_verify_command(CLI::App& app, Action& action);
// `binvit bench model.bvit`: engine vs LibTorch float and simulated-binary models.
void register_bench_command(CLI::App& app, Action& action);
// `binvit inspect CHECKPOINT_OR_RUN IMAGE --out DIR [--layer L] [--head H] [--mass 0.9]`:
// attention maps, rollout, mass masks and GSB components as PNG files, plus summary.json.
void register_inspect_command(CLI::App& app, Action& action);

}  // namespace binvit::cli
