#pragma once
// GSB's elastic activation binarizer as a module: an optional learnable shift b and a learnable
// scale alpha, initialised once from the first batch (ALGORITHMS.md 1.4, 1.5).

#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

#include <vector>

namespace binvit::nn {

enum class ElasticMode { Signed, Unsigned };

struct ElasticBinarizerOptions {
  ElasticBinarizerOptions(ElasticMode mode = ElasticMode::Signed) : mode_(mode) {}  // NOLINT
  TORCH_ARG(ElasticMode, mode);
  // Shape of the learnable shift broadcast against the input, e.g. {C} for tokens (B, N, C) or
  // {H, 1, d} for per-head q/k; empty for no shift.
  TORCH_ARG(std::vector<int64_t>, shift_shape) = {};
};

class ElasticBinarizerImpl : public torch::nn::Module, public QuantizationSwitch {
 public:
  explicit ElasticBinarizerImpl(ElasticBinarizerOptions options = {});
  torch::Tensor forward(const torch::Tensor& x);

  // alpha0 = 2 mean|X~| (signed) or 4 mean|X~| (unsigned), as in the released code.
  double init_factor() const;

  ElasticBinarizerOptions options;
  torch::Tensor alpha;
  torch::Tensor shift;  // undefined when shift_shape is empty
  torch::Tensor initialized;
};
TORCH_MODULE(ElasticBinarizer);

}  // namespace binvit::nn
