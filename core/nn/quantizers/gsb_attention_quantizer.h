#pragma once
// GSB attention quantizer (ALGORITHMS.md 2.3): A_q = a_1 clip(round(A/a_1), 0, 1) + sum a_k M_k.
// With one component it is the baseline {0, alpha} binarizer of the BiT family.

#include "core/nn/quantizers/superposition_options.h"

#include "core/nn/functional/superposed_product.h"
#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

#include <vector>

namespace binvit::nn {

using GsbAttentionQuantizerOptions = SuperpositionOptions;

// The BiT-style baseline: one component, no thresholds.
GsbAttentionQuantizerOptions baseline_attention_options();

class GsbAttentionQuantizerImpl : public torch::nn::Module, public QuantizationSwitch {
 public:
  explicit GsbAttentionQuantizerImpl(GsbAttentionQuantizerOptions options = {});
  torch::Tensor forward(const torch::Tensor& attention);
  // forward() with the parts and scales of its result, for the exact A_q . V_q
  // (functional/superposed_product.h). Switched off: the input, without parts.
  functional::Superposed superpose(const torch::Tensor& attention);

  GsbAttentionQuantizerOptions options;
  torch::Tensor alpha;  // (components): a_1 then the superposed scales of M_2, M_3, ...
  torch::Tensor initialized;

 private:
  functional::Superposed quantize(const torch::Tensor& attention, bool with_parts);
  // Per-region levels: 4 mean|A| overall, then 4 mean(A) on M_k \ M_{k+1}.
  torch::Tensor first_batch_levels(const torch::Tensor& attention, const torch::Tensor& masks) const;
};
TORCH_MODULE(GsbAttentionQuantizer);

// The scales to use for one forward: the corrected values, also under released_init for the
// pass that initialised them (gradients still reach the stored parameter).
torch::Tensor scales_for_first_pass(const torch::Tensor& stored, const torch::Tensor& raw);

}  // namespace binvit::nn
