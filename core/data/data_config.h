#pragma once
// What a training run reads and how it augments it: plain data with a JSON round trip and
// validation that names the offending field. The GUI edits it, the CLI reads it from a file plus
// --set overrides, and the run folder stores it.

#include "core/data/dataset.h"
#include "core/data/transforms/transform.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace binvit::data {

struct DataConfig {
  std::string format = "fashion-mnist";  // see dataset_formats()
  std::filesystem::path path;            // empty: the default dataset's folder
  int image_size = 28;                   // the model's input size
  int channels = 1;                      // the model's input channels
  // Fashion-MNIST's statistics; `binvit data info` prints them for any dataset.
  std::vector<double> mean{0.2860};
  std::vector<double> std{0.3530};
  // Training augmentation: "gsb" (the recipe's RandAugment + random erasing), "basic" (random
  // crop with padding and horizontal flip: what a few-epoch run on small images can afford), or
  // "none".
  std::string augment = "gsb";
  double rand_augment_magnitude = 9;
  double erase_probability = 0.25;
  // Validation: a seeded stratified share of the training set; 0 evaluates on the test split (the
  // papers' practice).
  double val_percent = 0;
  // At most this many items of each part (0: all), for quick runs and tests.
  size_t train_limit = 0;
  size_t test_limit = 0;
  size_t workers = 2;

  // Throws std::invalid_argument naming the field and what was expected.
  void validate() const;
};

nlohmann::json to_json(const DataConfig& config);
// Unknown fields are an error; missing ones keep their defaults.
DataConfig data_config_from_json(const nlohmann::json& json);

// The parts a run trains and evaluates on, with their transforms.
struct RunData {
  std::shared_ptr<const Dataset> train;
  std::shared_ptr<const Dataset> eval;  // validation part, or the test split
  std::string eval_name;                // "validation" or "test"
  TransformPtr train_transform;
  TransformPtr eval_transform;
};

// Opens the datasets (DataError names the file when one cannot be read) and builds the transforms.
RunData open_run_data(const DataConfig& config, uint64_t seed);

}  // namespace binvit::data
