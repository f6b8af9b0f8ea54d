#pragma once
// A seeded, stratified validation split for datasets without a split of their own: each class
// gives round(count * percent / 100) of its items to validation, chosen at random from the seed.

#include "core/data/dataset.h"

#include <cstdint>
#include <memory>
#include <utility>

namespace binvit::data {

struct SplitIndices {
  std::vector<size_t> train;  // ascending
  std::vector<size_t> val;    // ascending
};

// Throws std::invalid_argument when percent is outside [0, 100].
SplitIndices stratified_split(const Dataset& dataset, double val_percent, uint64_t seed);

// The two parts as datasets.
std::pair<std::shared_ptr<Dataset>, std::shared_ptr<Dataset>> split_dataset(
    std::shared_ptr<const Dataset> dataset, double val_percent, uint64_t seed);

}  // namespace binvit::data
