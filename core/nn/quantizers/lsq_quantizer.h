#pragma once
// LSQ fake quantizer with a learnable step (ALGORITHMS.md 1.7): per output channel for weights,
// per tensor for activations. The step is initialised once from the first tensor it sees.

#include "core/nn/functional/lsq_quantize.h"

#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

namespace binvit::nn {

struct LsqQuantizerOptions {
  LsqQuantizerOptions(int bits = 8) : bits_(bits) {}  // NOLINT
  TORCH_ARG(int, bits);
  TORCH_ARG(bool, is_signed) = true;
  // 0: one step for the tensor; C > 0: one step per index of dim 0 (weights' output channels).
  TORCH_ARG(int64_t, channels) = 0;
};

class LsqQuantizerImpl : public torch::nn::Module, public QuantizationSwitch {
 public:
  explicit LsqQuantizerImpl(LsqQuantizerOptions options = {});
  torch::Tensor forward(const torch::Tensor& x);
  functional::IntegerRange range() const;

  LsqQuantizerOptions options;
  torch::Tensor step;
  torch::Tensor initialized;

 private:
  torch::Tensor broadcast_step(const torch::Tensor& x) const;
};
TORCH_MODULE(LsqQuantizer);

}  // namespace binvit::nn
