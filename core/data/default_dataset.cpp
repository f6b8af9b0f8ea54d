#include "core/data/default_dataset.h"

#include "core/data/readers/mnist_dataset.h"

#include <cstdlib>

namespace binvit::data {

DefaultDataset default_dataset() {
  DefaultDataset d;
  d.name = "fashion-mnist";
  const char* override_dir = std::getenv("BINVIT_FASHION_MNIST_DIR");
  d.root = override_dir != nullptr ? override_dir : "/usr/share/datasets/fashion-mnist";
  d.class_names = fashion_mnist_class_names();
  for (const char* file : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                           "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
    d.files.push_back(d.root / file);
  }
  return d;
}

std::vector<std::filesystem::path> missing_files(const DefaultDataset& dataset) {
  std::vector<std::filesystem::path> missing;
  for (const auto& file : dataset.files) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) missing.push_back(file);
  }
  return missing;
}

std::shared_ptr<InMemoryDataset> open_default_dataset(Split split) {
  return read_mnist_folder(default_dataset().root, split, true);
}

}  // namespace binvit::data
