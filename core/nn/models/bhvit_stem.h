#pragma once
// BHViT's stem (ALGORITHMS.md 3.1): a conv with kernel = stride = stem_patch (float as released,
// or 8-bit LSQ), BatchNorm over channels, GELU, and a learnable position embedding stored as a
// map (1, C, side, side), the released layout.

#include "core/nn/layers/lsq_linear.h"
#include "core/nn/models/bhvit_config.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitStemImpl : public torch::nn::Module {
 public:
  explicit BhvitStemImpl(const BhvitConfig& config);
  // images (B, C_in, H, W) -> tokens (B, side^2, C)
  torch::Tensor forward(const torch::Tensor& images);
  LayerCost cost(const std::string& name) const;

  BhvitConfig config;
  LsqPatchConv proj{nullptr};
  torch::nn::BatchNorm1d norm{nullptr};
  torch::Tensor position;  // (1, C, side, side)
};
TORCH_MODULE(BhvitStem);

}  // namespace binvit::nn
