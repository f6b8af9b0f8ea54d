#include "core/data/data_config.h"

#include "core/data/dataset_factory.h"
#include "core/data/subset_dataset.h"
#include "core/data/transforms/presets.h"
#include "core/data/validation_split.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace binvit::data {
namespace {

void require(bool condition, const std::string& field, const std::string& expected) {
  if (!condition) throw std::invalid_argument("data config field '" + field + "': " + expected);
}

// The first `limit` items of a class-balanced order, so a small limit still sees every class.
std::shared_ptr<const Dataset> limited(std::shared_ptr<const Dataset> dataset, size_t limit) {
  if (limit == 0 || limit >= dataset->size()) return dataset;
  std::vector<std::vector<size_t>> by_class(dataset->num_classes());
  for (size_t i = 0; i < dataset->size(); ++i) {
    by_class.at(static_cast<size_t>(dataset->label(i))).push_back(i);
  }
  std::vector<size_t> chosen;
  for (size_t round = 0; chosen.size() < limit; ++round) {
    for (const auto& items : by_class) {
      if (round < items.size() && chosen.size() < limit) chosen.push_back(items[round]);
    }
  }
  std::sort(chosen.begin(), chosen.end());
  return std::make_shared<SubsetDataset>(std::move(dataset), std::move(chosen));
}

}  // namespace

void DataConfig::validate() const {
  const auto formats = dataset_formats();
  require(std::find(formats.begin(), formats.end(), format) != formats.end() ||
              is_segmentation_format(format),
          "format", "unknown format '" + format + "'");
  require(image_size >= 8 && image_size <= 1024, "image_size", "expected 8..1024");
  require(channels == 1 || channels == 3, "channels", "expected 1 or 3");
  require(mean.size() == 1 || mean.size() == static_cast<size_t>(channels), "mean",
          "expected 1 or `channels` values");
  require(std.size() == mean.size(), "std", "expected as many values as mean");
  require(std::all_of(std.begin(), std.end(), [](double s) { return s > 0; }), "std",
          "expected positive values");
  require(augment == "gsb" || augment == "basic" || augment == "none", "augment",
          "expected gsb, basic or none");
  require(rand_augment_magnitude >= 0 && rand_augment_magnitude <= 10, "rand_augment_magnitude",
          "expected 0..10");
  require(erase_probability >= 0 && erase_probability <= 1, "erase_probability", "expected 0..1");
  require(val_percent >= 0 && val_percent < 100, "val_percent", "expected 0 <= percent < 100");
  require(workers <= 64, "workers", "expected 0..64");
}

nlohmann::json to_json(const DataConfig& c) {
  return {{"format", c.format},
          {"path", c.path.string()},
          {"image_size", c.image_size},
          {"channels", c.channels},
          {"mean", c.mean},
          {"std", c.std},
          {"augment", c.augment},
          {"rand_augment_magnitude", c.rand_augment_magnitude},
          {"erase_probability", c.erase_probability},
          {"val_percent", c.val_percent},
          {"train_limit", c.train_limit},
          {"test_limit", c.test_limit},
          {"workers", c.workers}};
}

DataConfig data_config_from_json(const nlohmann::json& json) {
  DataConfig c;
  const nlohmann::json defaults = to_json(c);
  for (const auto& item : json.items()) {
    if (!defaults.contains(item.key())) {
      throw std::invalid_argument("data config: unknown field '" + item.key() + "'");
    }
  }
  auto field = [&](const char* name, auto& target) {
    if (!json.contains(name)) return;
    try {
      json.at(name).get_to(target);
    } catch (const nlohmann::json::exception&) {
      throw std::invalid_argument(std::string("data config field '") + name +
                                  "': wrong type, got " + json.at(name).dump());
    }
  };
  std::string path = c.path.string();
  field("format", c.format);
  field("path", path);
  c.path = path;
  field("image_size", c.image_size);
  field("channels", c.channels);
  field("mean", c.mean);
  field("std", c.std);
  field("augment", c.augment);
  field("rand_augment_magnitude", c.rand_augment_magnitude);
  field("erase_probability", c.erase_probability);
  field("val_percent", c.val_percent);
  field("train_limit", c.train_limit);
  field("test_limit", c.test_limit);
  field("workers", c.workers);
  c.validate();
  return c;
}

RunData open_run_data(const DataConfig& config, uint64_t seed) {
  config.validate();
  require(!is_segmentation_format(config.format), "format",
          "'" + config.format + "' is a segmentation format; train a segmentation model on it");
  DatasetSpec spec;
  spec.format = config.format;
  spec.path = config.path;
  spec.split = Split::kTrain;
  std::shared_ptr<const Dataset> train = open_dataset(spec);

  RunData data;
  if (config.val_percent > 0) {
    auto parts = split_dataset(train, config.val_percent, seed);
    data.train = parts.first;
    data.eval = parts.second;
    data.eval_name = "validation";
  } else {
    spec.split = Split::kTest;
    data.train = train;
    data.eval = open_dataset(spec);
    data.eval_name = "test";
  }
  data.train = limited(data.train, config.train_limit);
  data.eval = limited(data.eval, config.test_limit);

  PipelineOptions options;
  options.image_size = config.image_size;
  options.channels = config.channels;
  options.mean = config.mean;
  options.std = config.std;
  options.rand_augment.magnitude = config.rand_augment_magnitude;
  options.erase_probability = config.erase_probability;
  data.eval_transform = gsb_eval_transforms(options);
  if (config.augment == "gsb") {
    data.train_transform = gsb_train_transforms(options);
  } else if (config.augment == "basic") {
    data.train_transform = basic_train_transforms(options);
  } else {
    data.train_transform = data.eval_transform;
  }
  return data;
}

}  // namespace binvit::data
