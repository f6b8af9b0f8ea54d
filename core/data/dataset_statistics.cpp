#include "core/data/dataset_statistics.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace binvit::data {
namespace {

cv::Mat with_channels(const cv::Mat& image, int channels) {
  if (image.channels() == channels) return image;
  cv::Mat converted;
  cv::cvtColor(image, converted, channels == 1 ? cv::COLOR_RGB2GRAY : cv::COLOR_GRAY2RGB);
  return converted;
}

// Running sums of x and x^2 per channel, in double so 60000 images lose no precision.
struct ChannelSums {
  std::vector<double> sum, square;
  double pixels = 0;

  void add(const cv::Mat& image) {
    cv::Mat as_double;
    image.convertTo(as_double, CV_64F, 1.0 / 255.0);
    const cv::Scalar total = cv::sum(as_double);
    const cv::Scalar squares = cv::sum(as_double.mul(as_double));
    for (int c = 0; c < image.channels(); ++c) {
      sum[c] += total[c];
      square[c] += squares[c];
    }
    pixels += static_cast<double>(image.total());
  }
};

}  // namespace

DatasetStatistics compute_statistics(const Dataset& dataset, size_t max_images) {
  DatasetStatistics stats;
  stats.items = dataset.size();
  stats.class_names = dataset.class_names();
  stats.class_counts.assign(dataset.num_classes(), 0);
  for (size_t i = 0; i < dataset.size(); ++i) ++stats.class_counts.at(static_cast<size_t>(dataset.label(i)));

  const size_t wanted = max_images == 0 ? dataset.size() : std::min(max_images, dataset.size());
  ChannelSums sums;
  for (size_t k = 0; k < wanted; ++k) {
    const size_t index = k * dataset.size() / wanted;
    cv::Mat image = dataset.get(index).image;
    if (stats.channels == 0) {
      stats.channels = image.channels();
      sums.sum.assign(stats.channels, 0.0);
      sums.square.assign(stats.channels, 0.0);
    }
    image = with_channels(image, stats.channels);
    ++stats.sizes[{image.cols, image.rows}];
    sums.add(image);
  }
  stats.sampled = wanted;
  for (int c = 0; c < stats.channels; ++c) {
    const double mean = sums.sum[c] / sums.pixels;
    stats.mean.push_back(mean);
    stats.std.push_back(std::sqrt(std::max(0.0, sums.square[c] / sums.pixels - mean * mean)));
  }
  return stats;
}

nlohmann::json to_json(const DatasetStatistics& stats) {
  nlohmann::json classes = nlohmann::json::array();
  for (size_t c = 0; c < stats.class_counts.size(); ++c) {
    classes.push_back({{"index", c}, {"name", stats.class_names.at(c)}, {"count", stats.class_counts[c]}});
  }
  nlohmann::json sizes = nlohmann::json::array();
  for (const auto& [size, count] : stats.sizes) {
    sizes.push_back({{"width", size.first}, {"height", size.second}, {"count", count}});
  }
  return {{"items", stats.items}, {"classes", classes},   {"sampled", stats.sampled},
          {"sizes", sizes},       {"channels", stats.channels}, {"mean", stats.mean},
          {"std", stats.std}};
}

}  // namespace binvit::data
