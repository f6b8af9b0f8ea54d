#include "core/data/transforms/image_ops.h"

#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>

namespace binvit::data::ops {
namespace {

// Applies one 256-entry table per channel.
cv::Mat per_channel_lut(const cv::Mat& image, const std::vector<cv::Mat>& tables) {
  std::vector<cv::Mat> channels;
  cv::split(image, channels);
  for (size_t c = 0; c < channels.size(); ++c) cv::LUT(channels[c], tables[c], channels[c]);
  cv::Mat merged;
  cv::merge(channels, merged);
  return merged;
}

cv::Mat same_table_lut(const cv::Mat& image, const std::array<uint8_t, 256>& values) {
  cv::Mat table(1, 256, CV_8U);
  for (int v = 0; v < 256; ++v) table.at<uint8_t>(v) = values[static_cast<size_t>(v)];
  cv::Mat out;
  cv::LUT(image, table, out);
  return out;
}

cv::Mat grey_like(const cv::Mat& grey, int channels) {
  if (channels == 1) return grey;
  cv::Mat rgb;
  cv::cvtColor(grey, rgb, cv::COLOR_GRAY2RGB);
  return rgb;
}

}  // namespace

cv::Mat to_grey(const cv::Mat& image) {
  if (image.channels() == 1) return image;
  cv::Mat grey;
  cv::cvtColor(image, grey, cv::COLOR_RGB2GRAY);
  return grey;
}

cv::Mat blend(const cv::Mat& degenerate, const cv::Mat& image, double factor) {
  cv::Mat out;
  cv::addWeighted(image, factor, degenerate, 1.0 - factor, 0.0, out);  // saturates to 0..255
  return out;
}

cv::Mat adjust_brightness(const cv::Mat& image, double factor) {
  return blend(cv::Mat::zeros(image.size(), image.type()), image, factor);
}

cv::Mat adjust_contrast(const cv::Mat& image, double factor) {
  const double mean = cv::mean(to_grey(image))[0];
  const cv::Mat degenerate(image.size(), image.type(), cv::Scalar::all(std::floor(mean + 0.5)));
  return blend(degenerate, image, factor);
}

cv::Mat adjust_saturation(const cv::Mat& image, double factor) {
  if (image.channels() == 1) return image.clone();
  return blend(grey_like(to_grey(image), 3), image, factor);
}

cv::Mat adjust_sharpness(const cv::Mat& image, double factor) {
  if (image.rows < 3 || image.cols < 3) return image.clone();
  const cv::Matx33f kernel = cv::Matx33f(1, 1, 1, 1, 5, 1, 1, 1, 1) * (1.0f / 13.0f);
  cv::Mat smooth;
  cv::filter2D(image, smooth, -1, kernel);
  // PIL leaves the border pixels of the degenerate image unfiltered.
  const cv::Rect inner(1, 1, image.cols - 2, image.rows - 2);
  cv::Mat degenerate = image.clone();
  smooth(inner).copyTo(degenerate(inner));
  return blend(degenerate, image, factor);
}

cv::Mat adjust_hue(const cv::Mat& image, double shift) {
  if (image.channels() == 1) return image.clone();
  cv::Mat hsv;
  cv::cvtColor(image, hsv, cv::COLOR_RGB2HSV_FULL);  // hue 0..255 for a full turn
  std::vector<cv::Mat> channels;
  cv::split(hsv, channels);
  const int delta = static_cast<int>(std::lround(shift * 256.0));
  std::array<uint8_t, 256> table{};
  for (int v = 0; v < 256; ++v) table[static_cast<size_t>(v)] = static_cast<uint8_t>((v + delta + 256) % 256);
  channels[0] = same_table_lut(channels[0], table);
  cv::merge(channels, hsv);
  cv::Mat rgb;
  cv::cvtColor(hsv, rgb, cv::COLOR_HSV2RGB_FULL);
  return rgb;
}

cv::Mat autocontrast(const cv::Mat& image) {
  std::vector<cv::Mat> channels;
  cv::split(image, channels);
  std::vector<cv::Mat> tables;
  for (const cv::Mat& channel : channels) {
    double lo = 0, hi = 0;
    cv::minMaxLoc(channel, &lo, &hi);
    cv::Mat table(1, 256, CV_8U);
    for (int v = 0; v < 256; ++v) {
      const double stretched = hi > lo ? (v - lo) * 255.0 / (hi - lo) : v;
      table.at<uint8_t>(v) = cv::saturate_cast<uint8_t>(stretched);
    }
    tables.push_back(table);
  }
  return per_channel_lut(image, tables);
}

cv::Mat equalize(const cv::Mat& image) {
  std::vector<cv::Mat> channels;
  cv::split(image, channels);
  std::vector<cv::Mat> tables;
  for (const cv::Mat& channel : channels) {
    std::array<int, 256> histogram{};
    for (auto it = channel.begin<uint8_t>(); it != channel.end<uint8_t>(); ++it) ++histogram[*it];
    int last = 255;
    while (last > 0 && histogram[static_cast<size_t>(last)] == 0) --last;
    const int total = static_cast<int>(channel.total());
    const int step = (total - histogram[static_cast<size_t>(last)]) / 255;
    cv::Mat table(1, 256, CV_8U);
    int cumulative = step / 2;
    for (int v = 0; v < 256; ++v) {
      table.at<uint8_t>(v) = step == 0 ? static_cast<uint8_t>(v) : cv::saturate_cast<uint8_t>(cumulative / step);
      cumulative += histogram[static_cast<size_t>(v)];
    }
    tables.push_back(table);
  }
  return per_channel_lut(image, tables);
}

cv::Mat invert(const cv::Mat& image) {
  cv::Mat out;
  cv::bitwise_not(image, out);
  return out;
}

cv::Mat posterize(const cv::Mat& image, int bits) {
  const int shift = 8 - std::clamp(bits, 0, 8);
  std::array<uint8_t, 256> table{};
  for (int v = 0; v < 256; ++v) table[static_cast<size_t>(v)] = static_cast<uint8_t>(shift >= 8 ? 0 : (v >> shift) << shift);
  return same_table_lut(image, table);
}

cv::Mat solarize(const cv::Mat& image, int threshold) {
  std::array<uint8_t, 256> table{};
  for (int v = 0; v < 256; ++v) table[static_cast<size_t>(v)] = static_cast<uint8_t>(v < threshold ? v : 255 - v);
  return same_table_lut(image, table);
}

cv::Mat solarize_add(const cv::Mat& image, int add, int threshold) {
  std::array<uint8_t, 256> table{};
  for (int v = 0; v < 256; ++v) {
    table[static_cast<size_t>(v)] = v < threshold ? cv::saturate_cast<uint8_t>(v + add) : static_cast<uint8_t>(v);
  }
  return same_table_lut(image, table);
}

cv::Mat affine(const cv::Mat& image, const cv::Matx23d& output_to_input, int interpolation,
               const cv::Scalar& fill) {
  cv::Mat out;
  cv::warpAffine(image, out, cv::Mat(output_to_input), image.size(),
                 interpolation | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, fill);
  return out;
}

cv::Mat rotate(const cv::Mat& image, double degrees, int interpolation, const cv::Scalar& fill) {
  const cv::Point2f centre(image.cols / 2.0f, image.rows / 2.0f);
  const cv::Mat forward = cv::getRotationMatrix2D(centre, degrees, 1.0);
  cv::Mat out;
  cv::warpAffine(image, out, forward, image.size(), interpolation, cv::BORDER_CONSTANT, fill);
  return out;
}

}  // namespace binvit::data::ops
