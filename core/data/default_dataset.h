#pragma once
// The built-in default dataset: Fashion-MNIST as installed by Debian's dataset-fashion-mnist.

#include "core/data/in_memory_dataset.h"
#include "core/data/split.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace binvit::data {

struct DefaultDataset {
  std::string name;  // "fashion-mnist"
  std::filesystem::path root;
  std::vector<std::string> class_names;
  std::vector<std::filesystem::path> files;  // the four gzip IDX files, train then test
};

// Where the default dataset lives; BINVIT_FASHION_MNIST_DIR overrides the Debian location.
DefaultDataset default_dataset();

// The files of the default dataset that are missing (empty when it is complete).
std::vector<std::filesystem::path> missing_files(const DefaultDataset& dataset);

// Reads the train (60000 images) or test (10000) part of the default dataset.
std::shared_ptr<InMemoryDataset> open_default_dataset(Split split);

}  // namespace binvit::data
