#include "core/data/readers/mnist_dataset.h"

#include "core/data/data_error.h"
#include "core/data/readers/idx_file.h"

#include <cstring>

namespace binvit::data {
namespace {

std::filesystem::path find_idx_file(const std::filesystem::path& root, const std::string& stem) {
  for (const char* suffix : {".gz", ""}) {
    const std::filesystem::path candidate = root / (stem + suffix);
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
  }
  throw DataError(root / (stem + ".gz"), "missing IDX file (looked for it with and without .gz)");
}

std::vector<cv::Mat> split_images(const IdxArray& array, const std::filesystem::path& file) {
  if (array.dims.size() != 3) {
    throw DataError(file, "an IDX image file has 3 dimensions, this one has " +
                              std::to_string(array.dims.size()));
  }
  const int rows = static_cast<int>(array.dims[1]);
  const int cols = static_cast<int>(array.dims[2]);
  const size_t pixels = static_cast<size_t>(rows) * static_cast<size_t>(cols);
  std::vector<cv::Mat> images(array.dims[0]);
  for (size_t i = 0; i < images.size(); ++i) {
    images[i].create(rows, cols, CV_8UC1);
    std::memcpy(images[i].data, array.bytes.data() + i * pixels, pixels);
  }
  return images;
}

}  // namespace

std::shared_ptr<InMemoryDataset> read_idx_dataset(const std::filesystem::path& images,
                                                  const std::filesystem::path& labels,
                                                  std::vector<std::string> class_names) {
  const IdxArray label_array = read_idx_file(labels);
  if (label_array.dims.size() != 1) {
    throw DataError(labels, "an IDX label file has 1 dimension, this one has " +
                                std::to_string(label_array.dims.size()));
  }
  const IdxArray image_array = read_idx_file(images);
  std::vector<cv::Mat> pictures = split_images(image_array, images);
  if (pictures.size() != label_array.bytes.size()) {
    throw DataError(labels, std::to_string(label_array.bytes.size()) + " labels for " +
                                std::to_string(pictures.size()) + " images in " + images.string());
  }
  std::vector<int64_t> label_values(label_array.bytes.begin(), label_array.bytes.end());
  std::vector<std::string> sources(pictures.size());
  for (size_t i = 0; i < pictures.size(); ++i) {
    if (label_values[i] >= static_cast<int64_t>(class_names.size())) {
      throw DataError(labels, "label " + std::to_string(label_values[i]) + " of record " +
                                  std::to_string(i) + " is outside [0, " +
                                  std::to_string(class_names.size()) + ")");
    }
    sources[i] = record_source(images, i);
  }
  return std::make_shared<InMemoryDataset>(std::move(pictures), std::move(label_values),
                                           std::move(class_names), std::move(sources));
}

std::shared_ptr<InMemoryDataset> read_mnist_folder(const std::filesystem::path& root, Split split,
                                                   bool fashion) {
  if (split != Split::kTrain && split != Split::kTest) {
    throw DataError(root, "MNIST has only a train and a test split");
  }
  const std::string prefix = split == Split::kTrain ? "train" : "t10k";
  return read_idx_dataset(find_idx_file(root, prefix + "-images-idx3-ubyte"),
                          find_idx_file(root, prefix + "-labels-idx1-ubyte"),
                          fashion ? fashion_mnist_class_names() : mnist_class_names());
}

std::vector<std::string> fashion_mnist_class_names() {
  return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
          "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

std::vector<std::string> mnist_class_names() {
  return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
}

}  // namespace binvit::data
