#pragma once
// MSGDC, BHViT's token mixer for the early stages (ALGORITHMS.md 3.3): on the normalised map
// plus a learnable per-channel shift, parallel binary 3x3 grouped convolutions with different
// dilations ("same" padding, with bias), each followed by its own RPReLU; their sum is normed.
// Several dilations see several scales at the cost of one binary conv each.

#include "core/nn/layers/binary_conv2d.h"
#include "core/nn/layers/rprelu.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitMsgdcImpl : public torch::nn::Module {
 public:
  BhvitMsgdcImpl(int64_t channels, int64_t groups, const std::vector<int64_t>& dilations);
  // u: normalised tokens (B, side^2, C) -> (B, side^2, C)
  torch::Tensor forward(const torch::Tensor& u, int64_t side);
  void add_costs(const std::string& prefix, int64_t side, std::vector<LayerCost>& rows) const;

  torch::Tensor shift;                // (C)
  torch::nn::ModuleList convs{nullptr};        // BinaryConv2d, one per dilation
  torch::nn::ModuleList activations{nullptr};  // RPReLU, one per dilation
  torch::nn::BatchNorm1d norm{nullptr};
};
TORCH_MODULE(BhvitMsgdc);

}  // namespace binvit::nn
