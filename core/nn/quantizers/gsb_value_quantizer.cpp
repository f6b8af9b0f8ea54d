#include "core/nn/quantizers/gsb_value_quantizer.h"

#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/group_superposition.h"
#include "core/nn/quantizers/gsb_attention_quantizer.h"
#include "core/nn/quantizers/lazy_init.h"

namespace binvit::nn {

GsbValueQuantizerImpl::GsbValueQuantizerImpl(GsbValueQuantizerOptions options_)
    : options(std::move(options_)) {
  options.validate("GSB value quantizer");
  beta = register_parameter("beta", torch::ones({options.components()}));
  initialized = register_init_flag(*this);
}

torch::Tensor GsbValueQuantizerImpl::first_batch_levels(const torch::Tensor& value,
                                                        const torch::Tensor& groups) const {
  torch::NoGradGuard no_grad;
  const torch::Tensor magnitude = value.detach().abs();
  const torch::Tensor overall = magnitude.mean();
  const torch::Tensor outside = groups.size(0) > 0 ? 1 - groups[0] : torch::ones_like(magnitude);
  std::vector<torch::Tensor> levels{2.0 * masked_mean(magnitude, outside, overall)};
  for (int64_t k = 0; k < groups.size(0); ++k) {
    const torch::Tensor region = k + 1 < groups.size(0) ? groups[k] - groups[k + 1] : groups[k];
    levels.push_back(2.0 * masked_mean(magnitude, region, levels.back() / 2.0));
  }
  return torch::stack(levels);
}

torch::Tensor GsbValueQuantizerImpl::forward(const torch::Tensor& value) {
  return quantize(value, false).value;
}

functional::Superposed GsbValueQuantizerImpl::superpose(const torch::Tensor& value) {
  return quantize(value, true);
}

functional::Superposed GsbValueQuantizerImpl::quantize(const torch::Tensor& value,
                                                       bool with_parts) {
  if (!quantization_enabled()) return {value, {}, {}};
  const torch::Tensor groups = functional::value_groups(value, options.taus(), options.scope());
  torch::Tensor scales = beta;
  if (!is_initialized(initialized)) {
    const torch::Tensor raw = first_batch_levels(value, groups);
    {
      torch::NoGradGuard no_grad;
      beta.copy_(options.released_init() ? raw : cumulative_scales(raw));
      mark_initialized(initialized);
    }
    scales = scales_for_first_pass(beta, raw);
  }
  functional::Superposed out{functional::gsb_value(value, scales, groups), {}, {}};
  if (with_parts) {
    out.parts = functional::value_parts(value, groups);
    out.scales = scales.detach().clamp_min(functional::kMinScale);
  }
  return out;
}

}  // namespace binvit::nn
