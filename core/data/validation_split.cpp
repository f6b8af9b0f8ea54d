#include "core/data/validation_split.h"

#include "core/data/random.h"
#include "core/data/subset_dataset.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace binvit::data {

SplitIndices stratified_split(const Dataset& dataset, double val_percent, uint64_t seed) {
  if (!(val_percent >= 0.0 && val_percent <= 100.0)) {
    throw std::invalid_argument("validation percent must be in [0, 100], got " +
                                std::to_string(val_percent));
  }
  std::map<int64_t, std::vector<size_t>> by_class;
  for (size_t i = 0; i < dataset.size(); ++i) by_class[dataset.label(i)].push_back(i);
  SplitIndices split;
  for (auto& [label, indices] : by_class) {
    // One stream per class: adding a class does not change the choice in the others.
    Rng rng(mix_seed(seed, static_cast<uint64_t>(label)));
    shuffle_indices(indices, rng);
    const auto val_count = static_cast<size_t>(
        std::lround(static_cast<double>(indices.size()) * val_percent / 100.0));
    split.val.insert(split.val.end(), indices.begin(), indices.begin() + val_count);
    split.train.insert(split.train.end(), indices.begin() + val_count, indices.end());
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.val.begin(), split.val.end());
  return split;
}

std::pair<std::shared_ptr<Dataset>, std::shared_ptr<Dataset>> split_dataset(
    std::shared_ptr<const Dataset> dataset, double val_percent, uint64_t seed) {
  SplitIndices split = stratified_split(*dataset, val_percent, seed);
  return {std::make_shared<SubsetDataset>(dataset, std::move(split.train)),
          std::make_shared<SubsetDataset>(dataset, std::move(split.val))};
}

}  // namespace binvit::data
