#include "app/cli/commands.h"
#include "core/nn/io/model_weights.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"

#include <iostream>

namespace binvit::cli {
namespace {

nn::TensorNaming naming_of(bool released) {
  return released ? nn::TensorNaming::Released : nn::TensorNaming::Project;
}

}  // namespace

void register_import_weights_command(CLI::App& app, Action& action) {
  struct Options {
    std::string file, model = nn::default_model_name(), out;
    std::vector<std::string> overrides;
    bool released = false, allow_incomplete = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "import-weights", "Load safetensors weights into a model, report what matched, save a checkpoint");
  command->add_option("file", o->file, "safetensors file")->required()->check(CLI::ExistingFile);
  command->add_option("-m,--model", o->model, "Model preset")->capture_default_str();
  command->add_option("--set", o->overrides, "Override a config field: key=value");
  command->add_flag("--released", o->released,
                    "Tensor names of the authors' released Python code (One_bit_vit_new.py, BHViT.py)");
  command->add_option("-o,--out", o->out, "Write a BinViT checkpoint of the imported model");
  command->add_flag("--allow-incomplete", o->allow_incomplete,
                    "Save even when tensors are missing, unexpected or mis-shaped");
  command->callback([&action, o] {
    action = [o] {
      const auto model = nn::build_model(nn::apply_overrides(nn::preset_config(o->model), o->overrides));
      const nn::LoadReport report = nn::load_model_safetensors(o->file, *model, naming_of(o->released));
      std::cout << o->file << " -> " << o->model << ": " << report.describe();
      if (!report.complete() && !o->allow_incomplete) {
        std::cerr << "binvit: error: " << o->file << " does not match model " << o->model
                  << " (see above; --allow-incomplete saves anyway)\n";
        return 2;
      }
      if (!o->out.empty()) {
        train::save_checkpoint(o->out, *model, {{"imported_from", o->file}});
        std::cout << "checkpoint written to " << o->out << "\n";
      }
      return 0;
    };
  });
}

void register_export_weights_command(CLI::App& app, Action& action) {
  struct Options {
    std::string checkpoint, out;
    bool released = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("export-weights", "Write a checkpoint's weights as safetensors");
  command->add_option("checkpoint", o->checkpoint, "BinViT checkpoint")->required()->check(CLI::ExistingFile);
  command->add_option("-o,--out", o->out, "safetensors file to write")->required();
  command->add_flag("--released", o->released, "Use the released Python code's tensor names");
  command->callback([&action, o] {
    action = [o] {
      const train::Checkpoint checkpoint = train::load_checkpoint(o->checkpoint);
      nn::save_model_safetensors(o->out, *checkpoint.model, naming_of(o->released));
      std::cout << "wrote " << o->out << "\n";
      return 0;
    };
  });
}

}  // namespace binvit::cli
