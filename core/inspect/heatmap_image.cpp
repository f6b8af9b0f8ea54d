#include "core/inspect/heatmap_image.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace binvit::inspect {
namespace {

constexpr int kLabelHeight = 24;
constexpr int kBarWidth = 14;
constexpr int kBarMargin = 70;  // colour bar plus its tick labels
constexpr double kFontScale = 0.42;

std::string format_value(double v) {
  char text[32];
  std::snprintf(text, sizeof text, std::fabs(v) >= 0.01 || v == 0 ? "%.3f" : "%.1e", v);
  return text;
}

// 8-bit levels through OpenCV's viridis, as RGB.
cv::Mat colourise(const cv::Mat& levels) {
  cv::Mat bgr, rgb;
  cv::applyColorMap(levels, bgr, cv::COLORMAP_VIRIDIS);
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return rgb;
}

}  // namespace

cv::Mat render_heatmap(const cv::Mat& image, const GridMap& map, const std::string& label,
                       const HeatmapOptions& options) {
  if (image.empty() || (image.type() != CV_8UC1 && image.type() != CV_8UC3)) {
    throw std::invalid_argument("heatmap: the image must be a non-empty CV_8UC1 or CV_8UC3 image");
  }
  if (map.height < 1 || map.width < 1 ||
      map.values.size() != static_cast<size_t>(map.height) * map.width) {
    throw std::invalid_argument("heatmap: a " + std::to_string(map.height) + "x" +
                                std::to_string(map.width) + " map needs as many values, got " +
                                std::to_string(map.values.size()));
  }
  double lo = options.lo, hi = options.hi;
  if (std::isnan(lo) || std::isnan(hi)) {
    const auto [smallest, largest] = std::minmax_element(map.values.begin(), map.values.end());
    lo = std::min(0.0, static_cast<double>(*smallest));
    hi = *largest;
  }
  if (!(hi > lo)) hi = lo + 1;  // a constant map shows as the bottom colour, not a division by 0

  cv::Mat rgb;
  if (image.channels() == 1) {
    cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB);
  } else {
    rgb = image;
  }
  const int factor =
      std::max(1, static_cast<int>(std::ceil(static_cast<double>(options.min_side) /
                                             std::max(1, std::min(rgb.rows, rgb.cols)))));
  cv::Mat shown;
  cv::resize(rgb, shown, cv::Size(rgb.cols * factor, rgb.rows * factor), 0, 0, cv::INTER_NEAREST);

  cv::Mat levels(map.height, map.width, CV_8UC1);
  for (int r = 0; r < map.height; ++r) {
    for (int c = 0; c < map.width; ++c) {
      const double v = (map.values[static_cast<size_t>(r) * map.width + c] - lo) / (hi - lo);
      levels.at<uint8_t>(r, c) =
          cv::saturate_cast<uint8_t>(std::lround(255.0 * std::clamp(v, 0.0, 1.0)));
    }
  }
  // Nearest neighbour keeps every patch a visible block, which is what a token is.
  cv::Mat cells;
  cv::resize(levels, cells, shown.size(), 0, 0, cv::INTER_NEAREST);
  cv::Mat blended;
  cv::addWeighted(colourise(cells), options.alpha, shown, 1.0 - options.alpha, 0.0, blended);

  cv::Mat out(blended.rows + kLabelHeight, blended.cols + kBarMargin, CV_8UC3,
              cv::Scalar(255, 255, 255));
  blended.copyTo(out(cv::Rect(0, kLabelHeight, blended.cols, blended.rows)));
  cv::putText(out, label, cv::Point(4, kLabelHeight - 8), cv::FONT_HERSHEY_SIMPLEX, kFontScale,
              cv::Scalar(20, 20, 20), 1, cv::LINE_AA);

  cv::Mat ramp(blended.rows, 1, CV_8UC1);
  for (int r = 0; r < ramp.rows; ++r) {
    ramp.at<uint8_t>(r, 0) = cv::saturate_cast<uint8_t>(
        std::lround(255.0 * (ramp.rows - 1 - r) / std::max(1, ramp.rows - 1)));
  }
  cv::Mat bar;
  cv::resize(colourise(ramp), bar, cv::Size(kBarWidth, ramp.rows), 0, 0, cv::INTER_NEAREST);
  const int bar_left = blended.cols + 6;
  bar.copyTo(out(cv::Rect(bar_left, kLabelHeight, kBarWidth, bar.rows)));
  const int text_left = bar_left + kBarWidth + 3;
  cv::putText(out, format_value(hi), cv::Point(text_left, kLabelHeight + 10),
              cv::FONT_HERSHEY_SIMPLEX, kFontScale * 0.9, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
  cv::putText(out, format_value(lo), cv::Point(text_left, kLabelHeight + bar.rows - 2),
              cv::FONT_HERSHEY_SIMPLEX, kFontScale * 0.9, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
  return out;
}

}  // namespace binvit::inspect
