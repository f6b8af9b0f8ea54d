#include "core/inspect/segmentation_overlay.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace binvit::inspect {
namespace {

constexpr int kLegendRow = 20;
constexpr int kSwatch = 14;
constexpr double kFontScale = 0.45;

cv::Mat as_rgb(const cv::Mat& image) {
  if (image.type() == CV_8UC3) return image;
  if (image.type() == CV_8UC1) {
    cv::Mat rgb;
    cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB);
    return rgb;
  }
  throw std::invalid_argument("segmentation overlay: the image must be CV_8UC1 or CV_8UC3");
}

int class_at(const cv::Mat& mask, int row, int col) {
  return mask.type() == CV_8UC1 ? mask.at<uint8_t>(row, col) : mask.at<int32_t>(row, col);
}

}  // namespace

cv::Vec3b class_colour(int index) {
  // Hues a golden-ratio step apart never repeat and neighbouring indices land far apart; three
  // alternating brightness levels separate the hues that do come close.
  const double hue = std::fmod(index * 0.6180339887498949, 1.0) * 6.0;
  const double value = index % 3 == 0 ? 0.95 : index % 3 == 1 ? 0.75 : 0.55;
  const double saturation = 0.85;
  const double chroma = value * saturation;
  const double x = chroma * (1.0 - std::fabs(std::fmod(hue, 2.0) - 1.0));
  double r = 0, g = 0, b = 0;
  switch (static_cast<int>(hue)) {
    case 0:
      r = chroma, g = x;
      break;
    case 1:
      r = x, g = chroma;
      break;
    case 2:
      g = chroma, b = x;
      break;
    case 3:
      g = x, b = chroma;
      break;
    case 4:
      r = x, b = chroma;
      break;
    default:
      r = chroma, b = x;
      break;
  }
  const double m = value - chroma;
  const auto byte = [&](double v) { return static_cast<uint8_t>(std::lround(255.0 * (v + m))); };
  return {byte(r), byte(g), byte(b)};
}

cv::Mat render_segmentation_overlay(const cv::Mat& image, const cv::Mat& mask,
                                    const std::vector<std::string>& class_names,
                                    const OverlayOptions& options) {
  if (image.empty() || mask.empty()) {
    throw std::invalid_argument("segmentation overlay: the image and the mask must not be empty");
  }
  if (mask.type() != CV_8UC1 && mask.type() != CV_32SC1) {
    throw std::invalid_argument("segmentation overlay: the mask must be CV_8UC1 or CV_32SC1");
  }
  const cv::Mat rgb = as_rgb(image);
  cv::Mat labels = mask;
  if (mask.size() != rgb.size()) cv::resize(mask, labels, rgb.size(), 0, 0, cv::INTER_NEAREST);

  std::set<int> present;
  cv::Mat blended = rgb.clone();
  const double alpha = std::clamp(options.alpha, 0.0, 1.0);
  for (int r = 0; r < labels.rows; ++r) {
    for (int c = 0; c < labels.cols; ++c) {
      const int k = class_at(labels, r, c);
      if (k == options.ignore_label) continue;
      if (k < 0 || k >= static_cast<int>(class_names.size())) {
        throw std::invalid_argument("segmentation overlay: class " + std::to_string(k) +
                                    " at pixel (" + std::to_string(c) + ", " + std::to_string(r) +
                                    ") has no name (" + std::to_string(class_names.size()) +
                                    " names)");
      }
      present.insert(k);
      const cv::Vec3b colour = class_colour(k);
      cv::Vec3b& pixel = blended.at<cv::Vec3b>(r, c);
      for (int ch = 0; ch < 3; ++ch) {
        pixel[ch] = cv::saturate_cast<uint8_t>((1.0 - alpha) * pixel[ch] + alpha * colour[ch]);
      }
    }
  }
  if (!options.legend) return blended;
  std::vector<int> listed;
  if (options.legend_all) {
    for (int k = 0; k < static_cast<int>(class_names.size()); ++k) listed.push_back(k);
  } else {
    listed.assign(present.begin(), present.end());
  }
  int text_width = 0;
  for (const int k : listed) {
    int baseline = 0;
    text_width =
        std::max(text_width, cv::getTextSize(class_names[static_cast<size_t>(k)],
                                             cv::FONT_HERSHEY_SIMPLEX, kFontScale, 1, &baseline)
                                 .width);
  }
  const int legend_width = listed.empty() ? 0 : kSwatch + 16 + text_width;
  const int height = std::max(rgb.rows, static_cast<int>(listed.size()) * kLegendRow + 8);
  cv::Mat out(height, rgb.cols + legend_width, CV_8UC3, cv::Scalar(255, 255, 255));
  blended.copyTo(out(cv::Rect(0, 0, rgb.cols, rgb.rows)));
  for (size_t i = 0; i < listed.size(); ++i) {
    const int k = listed[i];
    const int top = 4 + static_cast<int>(i) * kLegendRow;
    const cv::Vec3b colour = class_colour(k);
    cv::rectangle(out, cv::Rect(rgb.cols + 6, top + 3, kSwatch, kSwatch),
                  cv::Scalar(colour[0], colour[1], colour[2]), cv::FILLED);
    cv::putText(out, class_names[static_cast<size_t>(k)],
                cv::Point(rgb.cols + 10 + kSwatch, top + 15), cv::FONT_HERSHEY_SIMPLEX, kFontScale,
                cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
  }
  return out;
}

}  // namespace binvit::inspect
