#pragma once
// BHViT's downsampling between stages (ALGORITHMS.md 3.1), halving the map side, on tokens:
//   float  ("some-fp"): Norm, conv 2x2 stride 2 (no bias), Norm, + position embedding
//   binary:  y = RPReLU(Norm(BinConv2x2s2(Norm(x) + b)) + repeat(AvgPool2x2(Norm(x)))) + position
// The binary form keeps a float path through the pooled, channel-repeated shortcut.

#include "core/nn/layers/binary_conv2d.h"
#include "core/nn/layers/rprelu.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitDownsamplingImpl : public torch::nn::Module {
 public:
  // `side`: the input map side (even).
  BhvitDownsamplingImpl(int64_t in_channels, int64_t out_channels, int64_t side, bool binary);
  // tokens (B, side^2, C_in) -> (B, (side/2)^2, C_out)
  torch::Tensor forward(const torch::Tensor& tokens);
  LayerCost cost(const std::string& name) const;
  bool binary() const { return !binary_conv.is_empty(); }

  int64_t in_channels, out_channels, side;
  torch::nn::BatchNorm1d norm_in{nullptr};
  torch::Tensor shift;                    // binary only (C_in)
  BinaryConv2d binary_conv{nullptr};      // binary only, registered as `conv`
  torch::nn::Conv2d float_conv{nullptr};  // float only, registered as `conv`
  torch::nn::BatchNorm1d norm{nullptr};
  RPReLU activation{nullptr};             // binary only
  torch::Tensor position;                 // (1, (side/2)^2, C_out)
};
TORCH_MODULE(BhvitDownsampling);

}  // namespace binvit::nn
