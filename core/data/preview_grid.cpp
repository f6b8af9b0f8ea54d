#include "core/data/preview_grid.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace binvit::data {

cv::Mat to_displayable(const cv::Mat& image, const std::vector<double>& mean,
                       const std::vector<double>& std) {
  cv::Mat out;
  if (image.depth() == CV_8U) {
    out = image.clone();
  } else {
    cv::Mat scaled = image.clone();
    if (mean.size() == static_cast<size_t>(image.channels())) {
      cv::Scalar m, s;
      for (int c = 0; c < image.channels(); ++c) {
        m[c] = mean[static_cast<size_t>(c)];
        s[c] = std[static_cast<size_t>(c)];
      }
      cv::multiply(scaled, s, scaled);
      cv::add(scaled, m, scaled);
    }
    scaled.convertTo(out, CV_8U, 255.0);
  }
  if (out.channels() == 1) cv::cvtColor(out, out, cv::COLOR_GRAY2RGB);
  return out;
}

cv::Mat augmentation_grid(const cv::Mat& image, const Transform& pipeline, int count, uint64_t seed,
                          const std::vector<double>& mean, const std::vector<double>& std,
                          int columns, int min_tile) {
  constexpr int kGap = 2;
  std::vector<cv::Mat> tiles;
  for (int k = 0; k < count; ++k) {
    Rng rng(mix_seed(seed, static_cast<uint64_t>(k)));
    tiles.push_back(to_displayable(pipeline.apply(image, rng), mean, std));
  }
  if (tiles.empty()) return {};
  const int cols = columns > 0 ? columns : static_cast<int>(std::ceil(std::sqrt(count)));
  const int rows = (count + cols - 1) / cols;
  int side = min_tile;
  for (const cv::Mat& tile : tiles) side = std::max({side, tile.cols, tile.rows});
  cv::Mat grid(rows * (side + kGap) + kGap, cols * (side + kGap) + kGap, CV_8UC3, cv::Scalar::all(255));
  for (int k = 0; k < count; ++k) {
    const cv::Mat& tile = tiles[static_cast<size_t>(k)];
    const double zoom = std::floor(static_cast<double>(side) / std::max(tile.cols, tile.rows));
    cv::Mat shown;
    cv::resize(tile, shown, {}, zoom, zoom, cv::INTER_NEAREST);
    const cv::Rect place(kGap + (k % cols) * (side + kGap), kGap + (k / cols) * (side + kGap),
                         shown.cols, shown.rows);
    shown.copyTo(grid(place));
  }
  return grid;
}

}  // namespace binvit::data
