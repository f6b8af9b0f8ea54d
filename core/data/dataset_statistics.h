#pragma once
// What the Data page and `binvit data info` show about a dataset: class counts, image sizes and
// the per-channel mean and standard deviation (on the 0..1 scale, for normalization).

#include "core/data/dataset.h"

#include <nlohmann/json.hpp>

#include <map>
#include <utility>

namespace binvit::data {

struct DatasetStatistics {
  size_t items = 0;
  std::vector<std::string> class_names;
  std::vector<size_t> class_counts;  // from the labels of every item
  size_t sampled = 0;                // images decoded for the sizes, mean and std
  std::map<std::pair<int, int>, size_t> sizes;  // (width, height) -> images of that size
  int channels = 0;                  // of the first sampled image; others are converted to it
  std::vector<double> mean;          // per channel, 0..1
  std::vector<double> std;
};

// Counts every label; decodes `max_images` images spread evenly over the dataset (0: all).
DatasetStatistics compute_statistics(const Dataset& dataset, size_t max_images = 0);

nlohmann::json to_json(const DatasetStatistics& statistics);

}  // namespace binvit::data
