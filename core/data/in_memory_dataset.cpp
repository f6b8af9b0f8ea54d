#include "core/data/in_memory_dataset.h"

#include <stdexcept>

namespace binvit::data {

InMemoryDataset::InMemoryDataset(std::vector<cv::Mat> images, std::vector<int64_t> labels,
                                 std::vector<std::string> class_names,
                                 std::vector<std::string> record_sources)
    : images_(std::move(images)),
      labels_(std::move(labels)),
      class_names_(std::move(class_names)),
      sources_(std::move(record_sources)) {
  if (images_.size() != labels_.size() || images_.size() != sources_.size()) {
    throw std::invalid_argument("InMemoryDataset: images, labels and sources differ in count");
  }
}

Sample InMemoryDataset::get(size_t i) const {
  // A deep copy: transforms may write into the image, and the stored one must stay intact.
  return {images_.at(i).clone(), labels_.at(i)};
}

std::string record_source(const std::filesystem::path& file, size_t record) {
  return file.string() + "#" + std::to_string(record);
}

}  // namespace binvit::data
