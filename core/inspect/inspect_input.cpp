#include "core/inspect/inspect_input.h"

#include "core/train/run_folder.h"

#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace binvit::inspect {
namespace fs = std::filesystem;

fs::path run_folder_of(const fs::path& checkpoint) {
  const fs::path root = checkpoint.parent_path().parent_path().parent_path();
  if (checkpoint.parent_path().parent_path().filename() == "checkpoints" &&
      fs::exists(root / "config.json")) {
    return root;
  }
  return {};
}

std::optional<data::DataConfig> read_run_data_config(const fs::path& run_folder) {
  if (run_folder.empty()) return std::nullopt;
  const train::RunFolder run = train::RunFolder::open(run_folder);
  if (!run.config().contains("data")) return std::nullopt;
  try {
    return data::data_config_from_json(run.config().at("data"));
  } catch (const std::exception& error) {
    throw std::runtime_error((run_folder / "config.json").string() +
                             ": unreadable data config: " + error.what());
  }
}

cv::Mat to_model_colour(const cv::Mat& image, int channels) {
  if (image.empty() || image.depth() != CV_8U ||
      (image.channels() != 1 && image.channels() != 3 && image.channels() != 4)) {
    throw std::invalid_argument(
        "inspect: the image must be a non-empty 8-bit grey, RGB or RGBA image");
  }
  cv::Mat out = image;
  if (image.channels() == 4) cv::cvtColor(image, out, cv::COLOR_RGBA2RGB);
  if (channels == 1 && out.channels() == 3) cv::cvtColor(out, out, cv::COLOR_RGB2GRAY);
  return out;
}

std::vector<std::string> numbered_class_names(int64_t classes) {
  std::vector<std::string> names;
  for (int64_t i = 0; i < classes; ++i) names.push_back("class " + std::to_string(i));
  return names;
}

std::vector<double> fitted_to_channels(std::vector<double> values, int channels) {
  if (values.empty()) values.push_back(0.0);
  values.resize(static_cast<size_t>(channels), values.back());
  return values;
}

}  // namespace binvit::inspect
