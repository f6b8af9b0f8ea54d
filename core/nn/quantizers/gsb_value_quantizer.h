#pragma once
// GSB value quantizer (ALGORITHMS.md 2.3): V_q = b_1 binary_sign(v) + sum_k b_k tsgn(v G_k) with groups
// of the largest positive and negative values. The input is the already shifted value v~.

#include "core/nn/quantizers/superposition_options.h"

#include "core/nn/functional/superposed_product.h"
#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

#include <vector>

namespace binvit::nn {

using GsbValueQuantizerOptions = SuperpositionOptions;

class GsbValueQuantizerImpl : public torch::nn::Module, public QuantizationSwitch {
 public:
  explicit GsbValueQuantizerImpl(GsbValueQuantizerOptions options = {});
  torch::Tensor forward(const torch::Tensor& value);
  // forward() with the parts and scales of its result, for the exact A_q . V_q
  // (functional/superposed_product.h). Switched off: the input, without parts.
  functional::Superposed superpose(const torch::Tensor& value);

  GsbValueQuantizerOptions options;
  torch::Tensor beta;  // (components)
  torch::Tensor initialized;

 private:
  functional::Superposed quantize(const torch::Tensor& value, bool with_parts);
  // 2 mean|v| outside G_2, then 2 mean|v| on G_k \ G_{k+1}.
  torch::Tensor first_batch_levels(const torch::Tensor& value, const torch::Tensor& groups) const;
};
TORCH_MODULE(GsbValueQuantizer);

}  // namespace binvit::nn
