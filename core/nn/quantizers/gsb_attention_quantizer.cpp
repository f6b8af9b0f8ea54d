#include "core/nn/quantizers/gsb_attention_quantizer.h"

#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/group_superposition.h"
#include "core/nn/quantizers/lazy_init.h"

namespace binvit::nn {

void SuperpositionOptions::validate(const char* what) const {
  TORCH_CHECK(components() >= 1, what, ": components must be >= 1, got ", components());
  TORCH_CHECK(static_cast<int64_t>(taus().size()) == components() - 1, what,
              ": needs components - 1 = ", components() - 1, " thresholds (taus), got ",
              taus().size());
  functional::check_superposition_taus(taus());
}

GsbAttentionQuantizerOptions baseline_attention_options() {
  return GsbAttentionQuantizerOptions().components(1).taus({});
}

torch::Tensor scales_for_first_pass(const torch::Tensor& stored, const torch::Tensor& raw) {
  const torch::Tensor corrected = cumulative_scales(raw);
  return stored - (stored - corrected).detach();
}

GsbAttentionQuantizerImpl::GsbAttentionQuantizerImpl(GsbAttentionQuantizerOptions options_)
    : options(std::move(options_)) {
  options.validate("GSB attention quantizer");
  alpha = register_parameter("alpha", torch::ones({options.components()}));
  initialized = register_init_flag(*this);
}

torch::Tensor GsbAttentionQuantizerImpl::first_batch_levels(const torch::Tensor& attention,
                                                            const torch::Tensor& masks) const {
  torch::NoGradGuard no_grad;
  const torch::Tensor a = attention.detach();
  std::vector<torch::Tensor> levels{4.0 * a.abs().mean()};
  for (int64_t k = 0; k < masks.size(0); ++k) {
    const torch::Tensor region = k + 1 < masks.size(0) ? masks[k] - masks[k + 1] : masks[k];
    levels.push_back(4.0 * masked_mean(a, region, levels.back()));
  }
  return torch::stack(levels);
}

torch::Tensor GsbAttentionQuantizerImpl::forward(const torch::Tensor& attention) {
  return quantize(attention, false).value;
}

functional::Superposed GsbAttentionQuantizerImpl::superpose(const torch::Tensor& attention) {
  return quantize(attention, true);
}

functional::Superposed GsbAttentionQuantizerImpl::quantize(const torch::Tensor& attention,
                                                           bool with_parts) {
  if (!quantization_enabled()) return {attention, {}, {}};
  const torch::Tensor masks =
      functional::attention_masks(attention, options.taus(), options.scope());
  torch::Tensor scales = alpha;
  if (!is_initialized(initialized)) {
    const torch::Tensor raw = first_batch_levels(attention, masks);
    {
      torch::NoGradGuard no_grad;
      alpha.copy_(options.released_init() ? raw : cumulative_scales(raw));
      mark_initialized(initialized);
    }
    scales = scales_for_first_pass(alpha, raw);
  }
  functional::Superposed out{functional::gsb_attention(attention, scales, masks), {}, {}};
  if (with_parts) {
    out.parts = functional::attention_parts(attention, scales, masks);
    out.scales = scales.detach().clamp_min(functional::kMinScale);
  }
  return out;
}

}  // namespace binvit::nn
