// `binvit export | infer | verify | bench`: the packed engine from the command line.
#include "app/cli/commands.h"
#include "core/data/dataset_factory.h"
#include "core/data/default_dataset.h"
#include "core/data/data_loader.h"
#include "core/data/image_file.h"
#include "core/data/transforms/presets.h"
#include "core/nn/build_info.h"
#include "core/nn/export/bvit_export.h"
#include "core/nn/export/engine_agreement.h"
#include "core/nn/io/model_weights.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/cpu_features.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/json/json_parser.h"
#include "core/runtime/kernels/registry.h"
#include "core/train/checkpoint.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace binvit::cli {
namespace {

namespace fs = std::filesystem;
using runtime::engine::Engine;

// A run folder's checkpoint: the newest best*.pt under checkpoints/, else the newest last*.pt.
fs::path resolve_checkpoint(const fs::path& run_or_checkpoint) {
  if (!fs::is_directory(run_or_checkpoint)) return run_or_checkpoint;
  const fs::path folder = fs::is_directory(run_or_checkpoint / "checkpoints")
                              ? run_or_checkpoint / "checkpoints" : run_or_checkpoint;
  for (const char* prefix : {"best", "last"}) {
    fs::path found;
    fs::file_time_type newest{};
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && name.rfind(prefix, 0) == 0 && entry.path().extension() == ".pt" &&
          (found.empty() || entry.last_write_time() > newest)) {
        found = entry.path();
        newest = entry.last_write_time();
      }
    }
    if (!found.empty()) return found;
  }
  throw std::runtime_error("no best*.pt or last*.pt checkpoint under '" + folder.string() + "'");
}

std::vector<double> list_of(const nlohmann::json& extra, const char* key, std::vector<double> fallback) {
  return extra.contains(key) ? extra.at(key).get<std::vector<double>>() : fallback;
}

data::PipelineOptions pipeline_of(const runtime::engine::Preprocessing& p) {
  data::PipelineOptions o;
  o.image_size = static_cast<int>(p.image_size);
  o.channels = static_cast<int>(p.channels);
  o.mean.assign(p.mean.begin(), p.mean.end());
  o.std.assign(p.std.begin(), p.std.end());
  o.crop_fraction = p.crop_fraction;
  return o;
}

// Images through the evaluation transforms the model was exported with: (B, C, H, W).
torch::Tensor preprocess(const std::vector<cv::Mat>& images, const runtime::engine::Preprocessing& p) {
  const data::TransformPtr transforms = data::gsb_eval_transforms(pipeline_of(p));
  data::Rng rng(0);
  std::vector<torch::Tensor> batch;
  for (const cv::Mat& image : images) batch.push_back(data::image_to_tensor(transforms->apply(image, rng)));
  return torch::stack(batch).contiguous();
}

std::vector<float> run_engine(Engine& engine, const torch::Tensor& images) {
  const torch::Tensor input = images.to(torch::kFloat).contiguous();
  return engine.run(input.data_ptr<float>(), static_cast<std::size_t>(input.size(0)));
}

// ---- export ----

}  // namespace

void register_export_command(CLI::App& app, Action& action) {
  struct Options {
    std::string source, out, classes, model;
    std::vector<std::string> overrides;
    int calibrate = 0;
    int64_t seed = 0;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "export", "Export a trained DeiT-family model to a .bvit file for the packed engine "
                "(also writes its safetensors and LibTorch archive next to it)");
  command->add_option("source", o->source, "Run folder or checkpoint")->check(CLI::ExistingPath);
  command->add_option("-o,--out", o->out, "The .bvit file to write")->required();
  command->add_option("--classes", o->classes,
                      "Class names, comma-separated (default: the checkpoint's, else 'class i')");
  command->add_option("-m,--model", o->model,
                      "Instead of a checkpoint: a freshly initialised preset (untrained; for "
                      "benchmarks and engine checks)");
  command->add_option("--set", o->overrides, "With --model: override a config field, key=value");
  command->add_option("--seed", o->seed, "With --model: the initialisation seed")->capture_default_str();
  command->add_option("--calibrate", o->calibrate,
                      "Run N images of the built-in Fashion-MNIST test set through the model first, "
                      "which initialises scales that have never seen data (as the first training "
                      "batch would)")->capture_default_str();
  command->callback([&action, o] {
    action = [o] {
      if (o->source.empty() == o->model.empty()) {
        throw std::invalid_argument("export needs either a run folder / checkpoint or --model PRESET");
      }
      train::Checkpoint checkpoint;
      std::string origin;
      if (!o->model.empty()) {
        torch::manual_seed(o->seed);
        checkpoint.config = nn::apply_overrides(nn::preset_config(o->model), o->overrides);
        checkpoint.model = nn::build_model(checkpoint.config);
        checkpoint.extra = {{"untrained_preset", o->model}, {"seed", o->seed}};
        origin = o->model + " (untrained, seed " + std::to_string(o->seed) + ")";
      } else {
        const fs::path checkpoint_path = resolve_checkpoint(o->source);
        checkpoint = train::load_checkpoint(checkpoint_path);
        origin = checkpoint_path.string();
      }
      const auto dataset = o->calibrate > 0 ? data::open_default_dataset(data::Split::kTest) : nullptr;
      nn::BvitExportOptions options;
      options.model_name = checkpoint.config.value("variant", "") + " from " + origin;
      if (!o->classes.empty()) {
        std::stringstream list(o->classes);
        for (std::string name; std::getline(list, name, ',');) options.class_names.push_back(name);
      } else if (checkpoint.extra.contains("class_names")) {
        options.class_names = checkpoint.extra.at("class_names").get<std::vector<std::string>>();
      } else if (dataset && dataset->num_classes() ==
                                static_cast<size_t>(checkpoint.config.value("num_classes", int64_t{0}))) {
        options.class_names = dataset->class_names();
      }
      options.mean = list_of(checkpoint.extra, "mean", options.mean);
      options.std = list_of(checkpoint.extra, "std", options.std);
      const int64_t channels = checkpoint.config.value("in_channels", int64_t{3});
      options.mean.resize(static_cast<size_t>(channels), options.mean.back());
      options.std.resize(static_cast<size_t>(channels), options.std.back());
      if (dataset) {
        runtime::engine::Preprocessing pre;
        pre.image_size = static_cast<size_t>(checkpoint.config.value("image_size", int64_t{224}));
        pre.channels = static_cast<size_t>(channels);
        pre.mean.assign(options.mean.begin(), options.mean.end());
        pre.std.assign(options.std.begin(), options.std.end());
        pre.crop_fraction = options.crop_fraction;
        std::vector<cv::Mat> images;
        for (size_t i = 0; i < std::min<size_t>(dataset->size(), static_cast<size_t>(o->calibrate)); ++i) {
          images.push_back(dataset->get(i).image);
        }
        torch::NoGradGuard no_grad;
        checkpoint.model->eval();
        checkpoint.model->forward(preprocess(images, pre));
        checkpoint.extra["calibrated_on"] = std::to_string(images.size()) + " Fashion-MNIST test images";
      }
      const fs::path out = o->out;
      nn::export_bvit(*checkpoint.model, out, options);
      fs::path safetensors = out, archive = out;
      safetensors.replace_extension(".safetensors");
      archive.replace_extension(".pt");
      nn::save_model_safetensors(safetensors, *checkpoint.model);
      train::save_checkpoint(archive, *checkpoint.model, checkpoint.extra);
      std::cout << "exported " << origin << "\n  " << out.string() << " ("
                << fs::file_size(out) << " bytes)\n  " << safetensors.string() << " ("
                << fs::file_size(safetensors) << " bytes)\n  " << archive.string() << " ("
                << fs::file_size(archive) << " bytes)\n";
      return 0;
    };
  });
}

// ---- infer ----

void register_infer_command(CLI::App& app, Action& action) {
  struct Options {
    std::string model;
    std::vector<std::string> images;
    int top = 5;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("infer", "Classify images with a .bvit model (packed engine)");
  command->add_option("model", o->model, ".bvit file")->required()->check(CLI::ExistingFile);
  command->add_option("images", o->images, "Image files")->required()->check(CLI::ExistingFile);
  command->add_option("--top", o->top, "How many classes to list")->capture_default_str()->check(CLI::PositiveNumber);
  command->callback([&action, o] {
    action = [o] {
      Engine engine = Engine::load(o->model);
      std::vector<cv::Mat> images;
      for (const std::string& file : o->images) images.push_back(data::read_image(file));
      const torch::Tensor input = preprocess(images, engine.graph().preprocessing);
      const std::vector<float> logits = run_engine(engine, input);
      const auto classes = static_cast<int64_t>(engine.classes());
      const torch::Tensor probabilities =
          torch::softmax(torch::from_blob(const_cast<float*>(logits.data()),
                                          {input.size(0), classes}, torch::kFloat), 1);
      const int64_t k = std::min<int64_t>(o->top, classes);
      const auto [values, indices] = probabilities.topk(k, 1);
      for (size_t i = 0; i < o->images.size(); ++i) {
        std::cout << o->images[i] << "\n";
        for (int64_t j = 0; j < k; ++j) {
          const int64_t c = indices[static_cast<int64_t>(i)][j].item<int64_t>();
          std::cout << "  " << std::fixed << std::setprecision(4)
                    << values[static_cast<int64_t>(i)][j].item<float>() << "  "
                    << engine.graph().classes[static_cast<size_t>(c)] << "\n";
        }
      }
      return 0;
    };
  });
}

// ---- verify ----

void register_verify_command(CLI::App& app, Action& action) {
  struct Options {
    std::string model, checkpoint, format = "fashion-mnist", path, split = "test", json;
    int64_t limit = 0;
    int batch = 50;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "verify", "Run the .bvit model on the packed engine and its checkpoint in LibTorch on the "
                "same images; report per-layer bit agreement, logits difference, top-1 agreement");
  command->add_option("model", o->model, ".bvit file")->required()->check(CLI::ExistingFile);
  command->add_option("-c,--checkpoint", o->checkpoint, "The checkpoint (or run folder) it was exported from")
      ->required()->check(CLI::ExistingPath);
  command->add_option("-f,--format", o->format, "Dataset format")->capture_default_str();
  command->add_option("-p,--data", o->path, "Dataset folder; default: the built-in Fashion-MNIST");
  command->add_option("-s,--split", o->split, "Dataset split")->capture_default_str();
  command->add_option("-n,--limit", o->limit, "Use only the first N images (0: all)")->capture_default_str();
  command->add_option("-b,--batch", o->batch, "Images per batch")->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--json", o->json, "Also write the report as JSON");
  command->callback([&action, o] {
    action = [o] {
      Engine engine = Engine::load(o->model);
      const train::Checkpoint checkpoint = train::load_checkpoint(resolve_checkpoint(o->checkpoint));
      const auto dataset = data::open_dataset({o->format, o->path, data::parse_split(o->split), {}});
      const data::TransformPtr transforms = data::gsb_eval_transforms(pipeline_of(engine.graph().preprocessing));
      const size_t count = o->limit > 0 ? std::min<size_t>(dataset->size(), static_cast<size_t>(o->limit))
                                        : dataset->size();
      nn::AgreementReport report;
      data::Rng rng(0);
      for (size_t begin = 0; begin < count; begin += static_cast<size_t>(o->batch)) {
        std::vector<torch::Tensor> batch;
        for (size_t i = begin; i < std::min(count, begin + static_cast<size_t>(o->batch)); ++i) {
          batch.push_back(data::image_to_tensor(transforms->apply(dataset->get(i).image, rng)));
        }
        nn::compare_engine_with_model(*checkpoint.model, engine, torch::stack(batch), report);
      }
      // Per layer: differing values end to end, and with every binarizing op fed the model's
      // own input of that layer (which isolates the rules from float rounding upstream).
      nlohmann::json layers = nlohmann::json::array();
      std::cout << std::left << std::setw(44) << "layer" << std::setw(8) << "kind" << std::right
                << std::setw(13) << "elements" << std::setw(13) << "end to end" << std::setw(13)
                << "same input" << "\n";
      for (size_t i = 0; i < report.layers.size(); ++i) {
        const nn::LayerAgreement& l = report.layers[i];
        const int64_t layerwise = i < report.layerwise.size() ? report.layerwise[i].differing : -1;
        std::cout << std::left << std::setw(44) << l.name << std::setw(8) << (l.bits ? "bits" : "counts")
                  << std::right << std::setw(13) << l.elements << std::setw(13) << l.differing
                  << std::setw(13) << layerwise << "\n";
        layers.push_back({{"name", l.name}, {"kind", l.bits ? "bits" : "counts"}, {"elements", l.elements},
                          {"differing_end_to_end", l.differing}, {"differing_same_input", layerwise}});
      }
      const bool pass = report.passes();
      std::cout << "images: " << report.images << " (" << dataset->size() << " in " << o->format << "/"
                << o->split << ")\n"
                << "differing binarized bits: " << report.differing_bits() << " (bar: 0)\n"
                << "differing binary-product integers: " << report.differing_counts() << " (bar: 0)\n"
                << "differing bits and integers with each layer fed the model's input: "
                << report.layerwise_differing() << " (bar: 0)\n"
                << "logits max relative difference: " << std::scientific << std::setprecision(3)
                << report.max_relative_difference << " (bar: 1e-4)\n" << std::defaultfloat
                << "top-1 agreement: " << std::fixed << std::setprecision(4)
                << 100.0 * report.top1_agreement() << " % (bar: 99.9 %)\n"
                << (pass ? "PASS" : "FAIL") << "\n";
      if (!o->json.empty()) {
        const nlohmann::json j{{"model", o->model}, {"checkpoint", o->checkpoint}, {"images", report.images},
                               {"differing_bits", report.differing_bits()},
                               {"differing_counts", report.differing_counts()},
                               {"differing_same_input", report.layerwise_differing()},
                               {"max_relative_difference", report.max_relative_difference},
                               {"top1_agreement", report.top1_agreement()}, {"pass", pass}, {"layers", layers}};
        runtime::write_file_atomically(o->json, j.dump(2) + "\n");
      }
      return pass ? 0 : 3;
    };
  });
}

}  // namespace binvit::cli
