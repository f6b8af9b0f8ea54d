#pragma once
// The 8-bit layers both models keep at the ends (ALGORITHMS.md 1.7): LSQ int8 weights with a
// step per output channel; the linear also quantizes its shifted input with a per-tensor step.

#include "core/nn/quantizers/lsq_quantizer.h"

#include <torch/torch.h>

namespace binvit::nn {

class Int8LinearImpl : public torch::nn::Module {
 public:
  Int8LinearImpl(int64_t in_features, int64_t out_features);
  torch::Tensor forward(const torch::Tensor& x);

  torch::Tensor weight;
  torch::Tensor bias;
  torch::Tensor input_shift;  // (in_features), init 0
  LsqQuantizer weight_quantizer{nullptr};
  LsqQuantizer input_quantizer{nullptr};
};
TORCH_MODULE(Int8Linear);

// Patch embedding convolution: kernel = stride = patch, int8 weights, float input (the image).
class Int8PatchConvImpl : public torch::nn::Module {
 public:
  Int8PatchConvImpl(int64_t in_channels, int64_t out_channels, int64_t patch);
  torch::Tensor forward(const torch::Tensor& x);

  int64_t patch;
  torch::Tensor weight;
  torch::Tensor bias;
  LsqQuantizer weight_quantizer{nullptr};
};
TORCH_MODULE(Int8PatchConv);

}  // namespace binvit::nn
