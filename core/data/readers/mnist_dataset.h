#pragma once
// MNIST and Fashion-MNIST from their IDX files (gzip or raw).

#include "core/data/in_memory_dataset.h"
#include "core/data/split.h"

#include <filesystem>
#include <memory>
#include <string>

namespace binvit::data {

// Reads an image file (3 dimensions: count, rows, columns) and a label file (1 dimension).
// Throws DataError when the counts differ or a label is outside [0, class count).
std::shared_ptr<InMemoryDataset> read_idx_dataset(const std::filesystem::path& images,
                                                  const std::filesystem::path& labels,
                                                  std::vector<std::string> class_names);

// The standard file names in `root` (train-* or t10k-*, with or without .gz) for kTrain or
// kTest. The class names are Fashion-MNIST's when `fashion`, the digits otherwise.
std::shared_ptr<InMemoryDataset> read_mnist_folder(const std::filesystem::path& root, Split split,
                                                   bool fashion);

std::vector<std::string> fashion_mnist_class_names();
std::vector<std::string> mnist_class_names();

}  // namespace binvit::data
