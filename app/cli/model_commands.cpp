#include "app/cli/commands.h"
#include "core/nn/models/model_registry.h"

#include <iomanip>
#include <iostream>

namespace binvit::cli {

void register_models_command(CLI::App& app, Action& action) {
  CLI::App* command = app.add_subcommand("models", "List the model presets");
  command->callback([&action] {
    action = [] {
      for (const nn::ModelPreset& preset : nn::model_presets()) {
        std::cout << std::left << std::setw(24) << preset.name << preset.description << "\n";
      }
      return 0;
    };
  });
}

void register_summary_command(CLI::App& app, Action& action) {
  struct Options {
    std::string model = nn::default_model_name();
    std::vector<std::string> overrides;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "summary", "Per-layer parameters, bits, FLOPs, BOPs, OPs and bytes of a model");
  command->add_option("-m,--model", options->model, "Model preset (see `binvit models`)")
      ->capture_default_str();
  command->add_option("--set", options->overrides, "Override a config field: key=value")
      ->allow_extra_args(false);
  command->add_flag("--json", options->json, "Print JSON instead of a table");
  command->callback([&action, options] {
    action = [options] {
      const auto config = nn::apply_overrides(nn::preset_config(options->model), options->overrides);
      nn::ModelSummary summary = nn::summarize_model(config);
      summary.model = options->model;
      if (options->json) {
        std::cout << nn::to_json(summary).dump(2) << "\n";
      } else {
        std::cout << nn::format_table(summary);
      }
      return 0;
    };
  });
}

}  // namespace binvit::cli
