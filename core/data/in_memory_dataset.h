#pragma once
// A dataset held in memory: IDX and CIFAR files are small enough to load whole, and decoding them
// once makes get() a copy.

#include "core/data/dataset.h"

#include <filesystem>

namespace binvit::data {

class InMemoryDataset : public Dataset {
 public:
  // `record_sources[i]` names where image i came from ("file#record").
  InMemoryDataset(std::vector<cv::Mat> images, std::vector<int64_t> labels,
                  std::vector<std::string> class_names, std::vector<std::string> record_sources);

  size_t size() const override { return images_.size(); }
  const std::vector<std::string>& class_names() const override { return class_names_; }
  int64_t label(size_t i) const override { return labels_.at(i); }
  Sample get(size_t i) const override;
  std::string source(size_t i) const override { return sources_.at(i); }

 private:
  std::vector<cv::Mat> images_;
  std::vector<int64_t> labels_;
  std::vector<std::string> class_names_;
  std::vector<std::string> sources_;
};

// "file#record": the source string of a record inside a container file.
std::string record_source(const std::filesystem::path& file, size_t record);

}  // namespace binvit::data
