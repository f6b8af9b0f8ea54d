#pragma once
// The six parameter-free shift branches of BHViT's MLP part (ALGORITHMS.md 3.5), each scaled by
// its own LayerScale that starts at zero, so a fresh block behaves as if they were absent:
// shift3 along H, along W and channel-split (step 1), shift5 the same with reach/step 2.

#include "core/nn/layers/layer_scale.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitShiftBranchesImpl : public torch::nn::Module {
 public:
  explicit BhvitShiftBranchesImpl(int64_t channels);
  // u: normalised tokens (B, side^2, C) -> the sum of the six scaled branches, same shape.
  torch::Tensor forward(const torch::Tensor& u, int64_t side);
  LayerCost cost(const std::string& name, int64_t side) const;

  LayerScale h3{nullptr}, w3{nullptr}, c3{nullptr};
  LayerScale h5{nullptr}, w5{nullptr}, c5{nullptr};
};
TORCH_MODULE(BhvitShiftBranches);

}  // namespace binvit::nn
