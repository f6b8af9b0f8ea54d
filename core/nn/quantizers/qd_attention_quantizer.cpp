#include "core/nn/quantizers/qd_attention_quantizer.h"

#include "core/nn/functional/qd_attention.h"
#include "core/nn/quantizers/lazy_init.h"

#include <cmath>

namespace binvit::nn {

QdAttentionQuantizerImpl::QdAttentionQuantizerImpl(QdAttentionQuantizerOptions options_)
    : options(options_) {
  TORCH_CHECK(options.heads() >= 1, "QD attention heads must be >= 1, got ", options.heads());
  TORCH_CHECK(options.levels() >= 1, "QD attention levels must be >= 1, got ", options.levels());
  alpha = register_parameter("alpha", torch::ones({options.heads()}));
  zero_point = register_parameter("zero_point", torch::zeros({options.heads()}));
  initialized = register_init_flag(*this);
}

torch::Tensor QdAttentionQuantizerImpl::forward(const torch::Tensor& attention) {
  if (!quantization_enabled()) return attention;
  if (!is_initialized(initialized)) {
    TORCH_CHECK(attention.dim() == 4 && attention.size(1) == options.heads(),
                "QD attention quantizer for ", options.heads(), " heads got shape ",
                attention.sizes());
    torch::NoGradGuard no_grad;
    const auto s = static_cast<double>(options.levels());
    const torch::Tensor scaled = s * attention.detach();
    const std::vector<int64_t> all_but_head{0, 2, 3};
    alpha.copy_(2.0 * scaled.abs().mean(all_but_head) / std::sqrt(s));
    zero_point.copy_(0.1 * scaled.amin(all_but_head));
    mark_initialized(initialized);
  }
  return functional::qd_attention(attention, alpha, zero_point, options.levels());
}

}  // namespace binvit::nn
