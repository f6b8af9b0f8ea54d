#pragma once
// The layers both models keep at 8 bits at their ends (ALGORITHMS.md 1.7), with the same
// parameter names at any precision so weights move between variants (GSB stage 1 -> stage 2):
// `weight`, `bias`, and when 8-bit, LSQ steps per output channel for the weight and (linear
// only) a shifted, per-tensor quantized input. bits = 32 gives the plain float layer.

#include "core/nn/quantizers/lsq_quantizer.h"

#include <torch/torch.h>

namespace binvit::nn {

class LsqLinearImpl : public torch::nn::Module {
 public:
  LsqLinearImpl(int64_t in_features, int64_t out_features, int bits);
  torch::Tensor forward(const torch::Tensor& x);
  bool quantized() const { return !weight_quantizer.is_empty(); }

  int bits;
  torch::Tensor weight;
  torch::Tensor bias;
  torch::Tensor input_shift;  // (in_features), 8-bit only
  LsqQuantizer weight_quantizer{nullptr};
  LsqQuantizer input_quantizer{nullptr};
};
TORCH_MODULE(LsqLinear);

// Patch embedding convolution (kernel = stride = patch); the input image is never quantized.
class LsqPatchConvImpl : public torch::nn::Module {
 public:
  LsqPatchConvImpl(int64_t in_channels, int64_t out_channels, int64_t patch, int bits);
  torch::Tensor forward(const torch::Tensor& x);
  bool quantized() const { return !weight_quantizer.is_empty(); }

  int64_t patch;
  int bits;
  torch::Tensor weight;
  torch::Tensor bias;
  LsqQuantizer weight_quantizer{nullptr};
};
TORCH_MODULE(LsqPatchConv);

}  // namespace binvit::nn
