#pragma once
// A view of some items of another dataset, in a given order (validation splits, shards).

#include "core/data/dataset.h"

#include <memory>

namespace binvit::data {

class SubsetDataset : public Dataset {
 public:
  // Throws std::out_of_range when an index is not an item of `base`.
  SubsetDataset(std::shared_ptr<const Dataset> base, std::vector<size_t> indices);

  size_t size() const override { return indices_.size(); }
  const std::vector<std::string>& class_names() const override { return base_->class_names(); }
  int64_t label(size_t i) const override { return base_->label(indices_.at(i)); }
  Sample get(size_t i) const override { return base_->get(indices_.at(i)); }
  std::string source(size_t i) const override { return base_->source(indices_.at(i)); }
  size_t skipped() const override { return base_->skipped(); }

 private:
  std::shared_ptr<const Dataset> base_;
  std::vector<size_t> indices_;
};

}  // namespace binvit::data
