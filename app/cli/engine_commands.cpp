// `binvit export | infer | verify`: the packed engine from the command line. Export and verify
// are core/deploy workflows (shared with the GUI); here are their options and their printing.
#include "app/cli/commands.h"
#include "core/data/image_file.h"
#include "core/deploy/engine_input.h"
#include "core/deploy/export_model.h"
#include "core/deploy/segment_images.h"
#include "core/deploy/verify_model.h"
#include "core/inspect/png_file.h"
#include "core/inspect/segmentation_overlay.h"
#include "core/runtime/engine/engine.h"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace binvit::cli {

void register_export_command(CLI::App& app, Action& action) {
  struct Options {
    std::string source, out, classes, model;
    std::vector<std::string> overrides;
    int calibrate = 0;
    int64_t seed = 0;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Export a trained DeiT or BHViT model (classifier or segmentation) to a .bvit file for the "
      "packed engine, prepared as its run prepared images (also writes its safetensors and "
      "LibTorch archive next to it)");
  command->add_option("source", o->source, "Run folder or checkpoint")->check(CLI::ExistingPath);
  command->add_option("-o,--out", o->out, "The .bvit file to write")->required();
  command->add_option("--classes", o->classes,
                      "Class names, comma-separated (default: the checkpoint's, else 'class i')");
  command->add_option("-m,--model", o->model,
                      "Instead of a checkpoint: a freshly initialised preset (untrained; for "
                      "benchmarks and engine checks)");
  command->add_option("--set", o->overrides, "With --model: override a config field, key=value");
  command->add_option("--seed", o->seed, "With --model: the initialisation seed")
      ->capture_default_str();
  command
      ->add_option("--calibrate", o->calibrate,
                   "Run N images of the built-in Fashion-MNIST test set through the model first, "
                   "which initialises scales that have never seen data (as the first training "
                   "batch would)")
      ->capture_default_str();
  command->callback([&action, o] {
    action = [o] {
      deploy::ExportOptions options;
      options.source = o->source;
      options.preset = o->model;
      options.overrides = o->overrides;
      options.seed = o->seed;
      options.calibrate = o->calibrate;
      options.out = o->out;
      std::stringstream list(o->classes);
      for (std::string name; std::getline(list, name, ',');) options.class_names.push_back(name);
      std::cout << deploy::export_model(options).to_text();
      return 0;
    };
  });
}

// ---- infer ----

namespace {

struct InferOptions {
  std::string model;
  std::vector<std::string> images;
  int top = 5;
  bool segmentation = false;
  std::string out_dir = ".";
  double alpha = 0.5;
};

int classify(runtime::engine::Engine& engine, const InferOptions& o,
             const std::vector<cv::Mat>& images) {
  const torch::Tensor input = deploy::preprocess(images, engine.graph().preprocessing);
  const std::vector<float> logits = deploy::run_engine(engine, input);
  const auto classes = static_cast<int64_t>(engine.classes());
  const torch::Tensor probabilities = torch::softmax(
      torch::from_blob(const_cast<float*>(logits.data()), {input.size(0), classes}, torch::kFloat),
      1);
  const int64_t k = std::min<int64_t>(o.top, classes);
  const auto [values, indices] = probabilities.topk(k, 1);
  for (size_t i = 0; i < o.images.size(); ++i) {
    std::cout << o.images[i] << "\n";
    for (int64_t j = 0; j < k; ++j) {
      const int64_t c = indices[static_cast<int64_t>(i)][j].item<int64_t>();
      std::cout << "  " << std::fixed << std::setprecision(4)
                << values[static_cast<int64_t>(i)][j].item<float>() << "  "
                << engine.graph().classes[static_cast<size_t>(c)] << "\n";
    }
  }
  return 0;
}

// One overlay PNG per image, named after it, and the classes covering most of it.
int segment(runtime::engine::Engine& engine, const InferOptions& o,
            const std::vector<cv::Mat>& images) {
  const std::vector<deploy::SegmentedImage> segmented = deploy::segment_images(engine, images);
  const std::vector<std::string>& names = engine.graph().classes;
  inspect::OverlayOptions overlay;
  overlay.alpha = o.alpha;
  std::filesystem::create_directories(o.out_dir);
  for (size_t i = 0; i < images.size(); ++i) {
    const std::filesystem::path out =
        std::filesystem::path(o.out_dir) /
        (std::filesystem::path(o.images[i]).stem().string() + ".seg.png");
    inspect::write_png(
        out, inspect::render_segmentation_overlay(images[i], segmented[i].labels, names, overlay));
    std::cout << o.images[i] << " -> " << out.string() << "\n";
    std::vector<size_t> order(names.size());
    for (size_t c = 0; c < order.size(); ++c) order[c] = c;
    const std::vector<double>& share = segmented[i].class_share;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return share[a] > share[b]; });
    for (size_t j = 0; j < std::min<size_t>(static_cast<size_t>(o.top), order.size()); ++j) {
      if (share[order[j]] == 0.0) break;
      std::cout << "  " << std::fixed << std::setprecision(1) << std::setw(5)
                << 100.0 * share[order[j]] << " %  " << names[order[j]] << "\n";
    }
  }
  return 0;
}

}  // namespace

void register_infer_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<InferOptions>();
  CLI::App* command = app.add_subcommand(
      "infer",
      "Classify images with a .bvit model (packed engine), or segment them with a "
      "segmentation model and write colour overlays with a legend");
  command->add_option("model", o->model, ".bvit file")->required()->check(CLI::ExistingFile);
  command->add_option("images", o->images, "Image files")->required()->check(CLI::ExistingFile);
  command->add_option("--top", o->top, "How many classes to list")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_flag("--seg", o->segmentation,
                    "Segment: write <image>.seg.png (overlay and legend) per image; implied "
                    "for a segmentation model");
  command->add_option("--out-dir", o->out_dir, "With --seg: where the overlays go")
      ->capture_default_str();
  command->add_option("--alpha", o->alpha, "With --seg: share of the class colour")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  command->callback([&action, o] {
    action = [o] {
      auto engine = runtime::engine::Engine::load(o->model);
      std::vector<cv::Mat> images;
      for (const std::string& file : o->images) images.push_back(data::read_image(file));
      const bool segmentation = engine.graph().task == runtime::engine::Task::Segmentation;
      if (o->segmentation && !segmentation) {
        throw std::invalid_argument(o->model +
                                    " is a classification model; --seg needs a model "
                                    "exported from a segmentation checkpoint (bhvit-seg)");
      }
      return segmentation ? segment(engine, *o, images) : classify(engine, *o, images);
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
      "verify",
      "Run the .bvit model on the packed engine and its checkpoint in LibTorch on the "
      "same images; report per-layer bit agreement, logits difference, top-1 agreement");
  command->add_option("model", o->model, ".bvit file")->required()->check(CLI::ExistingFile);
  command
      ->add_option("-c,--checkpoint", o->checkpoint,
                   "The checkpoint (or run folder) it was exported from")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("-f,--format", o->format, "Dataset format")->capture_default_str();
  command->add_option("-p,--data", o->path, "Dataset folder; default: the built-in Fashion-MNIST");
  command->add_option("-s,--split", o->split, "Dataset split")->capture_default_str();
  command->add_option("-n,--limit", o->limit, "Use only the first N images (0: all)")
      ->capture_default_str();
  command->add_option("-b,--batch", o->batch, "Images per batch")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--json", o->json, "Also write the report as JSON");
  command->callback([&action, o] {
    action = [o] {
      deploy::VerifyOptions options;
      options.model = o->model;
      options.checkpoint = o->checkpoint;
      options.format = o->format;
      options.data_path = o->path;
      options.split = o->split;
      options.limit = o->limit;
      options.batch = o->batch;
      const deploy::VerifyResult result = deploy::verify_model(options);
      std::cout << result.to_text();
      if (!o->json.empty()) deploy::write_report(result, o->json, deploy::ReportFormat::kJson);
      return result.pass ? 0 : 3;
    };
  });
}

}  // namespace binvit::cli
