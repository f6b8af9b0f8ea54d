#include "core/deploy/export_model.h"

#include "core/data/default_dataset.h"
#include "core/deploy/engine_input.h"
#include "core/deploy/report_writing.h"
#include "core/deploy/run_checkpoint.h"
#include "core/nn/export/bvit_export.h"
#include "core/nn/io/model_weights.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/run_data_config.h"

#include <algorithm>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace binvit::deploy {
namespace {

namespace fs = std::filesystem;

std::vector<double> list_of(const nlohmann::json& extra, const char* key,
                            std::vector<double> fallback) {
  return extra.contains(key) ? extra.at(key).get<std::vector<double>>() : fallback;
}

WrittenFile written(const std::string& kind, const fs::path& path) {
  return WrittenFile{kind, path, static_cast<std::uint64_t>(fs::file_size(path))};
}

// The model being exported, classifier or segmentation model: what export does with it.
struct ExportSubject {
  nlohmann::json config, extra;
  std::function<void(const torch::Tensor&)> forward;  // in eval mode, no gradients
  std::function<void(const fs::path&, const nn::BvitExportOptions&)> write_bvit;
  std::function<void(const fs::path&)> write_safetensors;
  std::function<void(const fs::path&, const nlohmann::json& extra)> write_archive;
};

// Checkpoint: train::Checkpoint or train::SegmentationCheckpoint.
template <typename Checkpoint>
ExportSubject subject_of(const Checkpoint& checkpoint) {
  ExportSubject s;
  s.config = checkpoint.config;
  s.extra = checkpoint.extra;
  const auto model = checkpoint.model;
  s.forward = [model](const torch::Tensor& images) {
    torch::NoGradGuard no_grad;
    model->eval();
    model->forward(images);
  };
  s.write_bvit = [model](const fs::path& p, const nn::BvitExportOptions& options) {
    nn::export_bvit(*model, p, options);
  };
  s.write_safetensors = [model](const fs::path& p) { nn::save_model_safetensors(p, *model); };
  s.write_archive = [model](const fs::path& p, const nlohmann::json& extra) {
    train::save_checkpoint(p, *model, extra);
  };
  return s;
}

ExportSubject untrained_preset(const ExportOptions& o) {
  torch::manual_seed(o.seed);
  const nlohmann::json config = nn::apply_overrides(nn::preset_config(o.preset), o.overrides);
  const nlohmann::json extra = {{"untrained_preset", o.preset}, {"seed", o.seed}};
  if (nn::task_of(config) == nn::ModelTask::Segmentation) {
    return subject_of(
        train::SegmentationCheckpoint{nn::build_segmentation_model(config), config, extra});
  }
  return subject_of(train::Checkpoint{nn::build_model(config), config, extra});
}

ExportSubject saved_checkpoint(const fs::path& path) {
  if (train::is_segmentation_checkpoint(path)) {
    return subject_of(train::load_segmentation_checkpoint(path));
  }
  return subject_of(train::load_checkpoint(path));
}

}  // namespace

const WrittenFile* ExportResult::file(const std::string& kind) const {
  for (const WrittenFile& f : files) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

nlohmann::json ExportResult::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const WrittenFile& f : files) {
    list.push_back({{"kind", f.kind}, {"path", f.path.string()}, {"bytes", f.bytes}});
  }
  return {
      {"origin", origin},      {"checkpoint", checkpoint.string()},      {"model_name", model_name},
      {"variant", variant},    {"calibrated_images", calibrated_images}, {"files", list},
      {"cancelled", cancelled}};
}

std::string ExportResult::to_csv() const {
  std::string csv = detail::csv_line({"kind", "path", "bytes"});
  for (const WrittenFile& f : files) {
    csv += detail::csv_line({f.kind, f.path.string(), std::to_string(f.bytes)});
  }
  return csv;
}

std::string ExportResult::to_text() const {
  std::ostringstream out;
  out << "exported " << origin << "\n";
  for (const WrittenFile& f : files)
    out << "  " << f.path.string() << " (" << f.bytes << " bytes)\n";
  if (cancelled) out << "cancelled\n";
  return out.str();
}

ExportResult export_model(const ExportOptions& o, const ProgressCallback& progress,
                          CancelFlag cancel) {
  if (o.source.empty() == o.preset.empty()) {
    throw std::invalid_argument("export needs either a run folder / checkpoint or --model PRESET");
  }
  if (o.out.empty()) throw std::invalid_argument("export needs the .bvit file to write (--out)");
  if (o.calibrate < 0) throw std::invalid_argument("export: --calibrate must be >= 0");
  ExportResult result;
  ExportSubject checkpoint;
  if (!o.preset.empty()) {
    detail::report(progress, "building " + o.preset, 0.0);
    checkpoint = untrained_preset(o);
    result.origin = o.preset + " (untrained, seed " + std::to_string(o.seed) + ")";
  } else {
    result.checkpoint = resolve_checkpoint(o.source);
    detail::report(progress, "loading " + result.checkpoint.string(), 0.0);
    checkpoint = saved_checkpoint(result.checkpoint);
    result.origin = result.checkpoint.string();
  }
  result.variant = checkpoint.config.value("variant", "");

  const auto dataset = o.calibrate > 0 ? data::open_default_dataset(data::Split::kTest) : nullptr;
  nn::BvitExportOptions options;
  options.model_name = result.variant + " from " + result.origin;
  result.model_name = options.model_name;
  // The run's own data config first: the file must prepare images as the run evaluated them.
  const std::optional<data::DataConfig> run_data =
      o.source.empty() ? std::nullopt
                       : train::read_run_data_config(train::run_folder_of(result.checkpoint));
  const int64_t classes = checkpoint.config.value("num_classes", int64_t{0});
  if (!o.class_names.empty()) {
    options.class_names = o.class_names;
  } else if (checkpoint.extra.contains("class_names")) {
    options.class_names = checkpoint.extra.at("class_names").get<std::vector<std::string>>();
  } else if (run_data) {
    std::string why;
    options.class_names = train::run_class_names(*run_data, classes, why);
    if (options.class_names.empty())
      detail::report(progress, "class names: " + why + "; numbering the classes", 0.05);
  } else if (dataset && static_cast<int64_t>(dataset->num_classes()) == classes) {
    options.class_names = dataset->class_names();
  }
  if (run_data) {
    options.mean = run_data->mean;
    options.std = run_data->std;
  } else {
    options.mean = list_of(checkpoint.extra, "mean", options.mean);
    options.std = list_of(checkpoint.extra, "std", options.std);
  }
  const int64_t channels = checkpoint.config.value("in_channels", int64_t{3});
  options.mean.resize(static_cast<size_t>(channels), options.mean.back());
  options.std.resize(static_cast<size_t>(channels), options.std.back());

  if (dataset) {
    if (detail::is_cancelled(cancel)) {
      result.cancelled = true;
      return result;
    }
    detail::report(progress, "calibrating on " + std::to_string(o.calibrate) + " images", 0.1);
    runtime::engine::Preprocessing pre;
    pre.image_size = static_cast<size_t>(checkpoint.config.value("image_size", int64_t{224}));
    pre.channels = static_cast<size_t>(channels);
    pre.mean.assign(options.mean.begin(), options.mean.end());
    pre.std.assign(options.std.begin(), options.std.end());
    pre.crop_fraction = options.crop_fraction;
    std::vector<cv::Mat> images;
    for (size_t i = 0; i < std::min<size_t>(dataset->size(), static_cast<size_t>(o.calibrate));
         ++i) {
      images.push_back(dataset->get(i).image);
    }
    // One batch, as the first training batch would be: the lazily initialised scales see the
    // statistics of all calibration images at once.
    checkpoint.forward(preprocess(images, pre));
    result.calibrated_images = static_cast<int>(images.size());
    checkpoint.extra["calibrated_on"] =
        std::to_string(images.size()) + " Fashion-MNIST test images";
  }

  fs::path safetensors = o.out, archive = o.out;
  safetensors.replace_extension(".safetensors");
  archive.replace_extension(".pt");
  const struct {
    const char* kind;
    fs::path path;
    double fraction;
    std::function<void(const fs::path&)> write;
  } steps[] = {
      {"bvit", o.out, 0.4, [&](const fs::path& p) { checkpoint.write_bvit(p, options); }},
      {"safetensors", safetensors, 0.7,
       [&](const fs::path& p) { checkpoint.write_safetensors(p); }},
      {"libtorch", archive, 0.85,
       [&](const fs::path& p) { checkpoint.write_archive(p, checkpoint.extra); }},
  };
  for (const auto& step : steps) {
    if (detail::is_cancelled(cancel)) {
      result.cancelled = true;
      return result;
    }
    detail::report(progress, "writing " + step.path.string(), step.fraction);
    step.write(step.path);
    result.files.push_back(written(step.kind, step.path));
  }
  detail::report(progress, "exported", 1.0);
  return result;
}

void write_report(const ExportResult& result, const std::filesystem::path& path,
                  ReportFormat format) {
  detail::write_report_file(path, format, result.to_json(), result.to_csv());
}

}  // namespace binvit::deploy
