#include "app/cli/commands.h"
#include "core/data/default_dataset.h"
#include "core/nn/models/model_registry.h"

#include <iostream>

namespace binvit::cli {
namespace {

// The default model fitted to Fashion-MNIST: 28 x 28 grey images, ten classes.
nlohmann::json demo_model_config() {
  return nn::apply_overrides(nn::preset_config(nn::default_model_name()),
                             {"image_size=28", "in_channels=1", "num_classes=10"});
}

int run_demo() {
  const data::DefaultDataset dataset = data::default_dataset();
  std::cout << "BinViT Studio demo: " << dataset.name << " from " << dataset.root.string() << "\n";
  const auto missing = data::missing_files(dataset);
  if (!missing.empty()) {
    std::cerr << "binvit: error: the default dataset is incomplete; missing " << missing.front()
              << " (install it with: sudo apt-get install dataset-fashion-mnist)\n";
    return 1;
  }
  for (const auto& file : dataset.files) {
    std::cout << "  " << file.filename().string() << "  " << std::filesystem::file_size(file)
              << " bytes\n";
  }
  std::cout << "  classes:";
  for (const auto& name : dataset.class_names) std::cout << " " << name << ";";
  std::cout << "\n\nDefault model " << nn::default_model_name() << " for 28x28 grey images:\n";
  nn::ModelSummary summary = nn::build_model(demo_model_config())->summary();
  summary.model = nn::default_model_name();
  std::cout << nn::format_table(summary);
  return 0;
}

}  // namespace

void register_demo_command(CLI::App& app, Action& action) {
  CLI::App* command = app.add_subcommand(
      "demo", "The built-in default: the Fashion-MNIST demo with the small GSB model");
  command->callback([&action] { action = run_demo; });
}

}  // namespace binvit::cli
