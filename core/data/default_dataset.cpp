#include "core/data/default_dataset.h"

#include <cstdlib>

namespace binvit::data {

DefaultDataset default_dataset() {
  DefaultDataset d;
  d.name = "fashion-mnist";
  const char* override_dir = std::getenv("BINVIT_FASHION_MNIST_DIR");
  d.root = override_dir != nullptr ? override_dir : "/usr/share/datasets/fashion-mnist";
  d.class_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
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

}  // namespace binvit::data
