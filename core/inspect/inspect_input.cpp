#include "core/inspect/inspect_input.h"

#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace binvit::inspect {
namespace fs = std::filesystem;

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
