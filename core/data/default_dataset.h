#pragma once
// The built-in default dataset: Fashion-MNIST as installed by Debian's dataset-fashion-mnist.

#include <array>
#include <filesystem>
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

}  // namespace binvit::data
