#pragma once
// Options shared by GSB's attention and value quantizers (ALGORITHMS.md 2.3, 2.4).

#include "core/nn/functional/threshold_scope.h"

#include <torch/torch.h>

#include <vector>

namespace binvit::nn {

struct SuperpositionOptions {
  TORCH_ARG(int64_t, components) = 3;
  TORCH_ARG(std::vector<double>, taus) = std::vector<double>{0.7, 0.9};
  TORCH_ARG(functional::ThresholdScope, scope) = functional::ThresholdScope::Image;
  // true: store the uncorrected first-batch scales, as the released code does (its cumulative
  // correction only reaches the first forward pass). false: store the corrected scales.
  TORCH_ARG(bool, released_init) = false;


 public:  // TORCH_ARG leaves the struct in a private section
  // Checks components >= 1, components - 1 thresholds, increasing inside (0, 1).
  void validate(const char* what) const;
};

}  // namespace binvit::nn
