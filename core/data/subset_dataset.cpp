#include "core/data/subset_dataset.h"

#include <stdexcept>

namespace binvit::data {

SubsetDataset::SubsetDataset(std::shared_ptr<const Dataset> base, std::vector<size_t> indices)
    : base_(std::move(base)), indices_(std::move(indices)) {
  for (size_t index : indices_) {
    if (index >= base_->size()) {
      throw std::out_of_range("SubsetDataset: index " + std::to_string(index) + " of a dataset of " +
                              std::to_string(base_->size()) + " items");
    }
  }
}

}  // namespace binvit::data
