#include "core/inspect/segmentation_report.h"

#include "core/inspect/png_file.h"
#include "core/runtime/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace binvit::inspect {
namespace fs = std::filesystem;

namespace {

nlohmann::json per_class(const std::vector<double>& values, const std::vector<std::string>& names) {
  nlohmann::json out = nlohmann::json::object();
  for (size_t c = 0; c < values.size() && c < names.size(); ++c) {
    out[names[c]] = std::isnan(values[c]) ? nlohmann::json() : nlohmann::json(values[c]);
  }
  return out;
}

}  // namespace

std::vector<fs::path> write_segmentation_report(const SegmentationInspection& result,
                                                const SegmentationModelInfo& model,
                                                const fs::path& folder) {
  fs::create_directories(folder);
  std::vector<fs::path> files;
  auto png = [&](const std::string& name, const cv::Mat& image) {
    files.push_back(folder / name);
    write_png(files.back(), image);
  };
  png("prediction_overlay.png", result.prediction_overlay);
  cv::Mat labels;
  result.prediction.convertTo(labels, model.class_names.size() > 255 ? CV_16UC1 : CV_8UC1);
  png("prediction_labels.png", labels);
  if (result.scored) png("truth_overlay.png", result.truth_overlay);

  nlohmann::json summary = {
      {"model", model.model_name},
      {"checkpoint", model.checkpoint.string()},
      {"input_size", model.preprocessing.image_size},
      {"class_names", model.class_names},
      {"predicted_share", per_class(result.predicted_share, model.class_names)},
      {"notes", model.notes}};
  if (result.scored) {
    summary["miou"] = result.mean_iou;
    summary["pixel_accuracy"] = result.pixel_accuracy;
    summary["class_iou"] = per_class(result.iou, model.class_names);
  }
  nlohmann::json names = nlohmann::json::array();
  for (const fs::path& file : files) names.push_back(file.filename().string());
  summary["files"] = names;
  files.push_back(folder / "summary.json");
  runtime::write_file_atomically(files.back(), summary.dump(2) + "\n");
  return files;
}

}  // namespace binvit::inspect
