#include "core/nn/functional/qd_attention.h"

#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/sign.h"

#include <cmath>

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

torch::Tensor per_head(const torch::Tensor& t) { return t.reshape({1, -1, 1, 1}); }

// u = s A / alpha + z, the pre-rounding code of every element.
torch::Tensor codes(const torch::Tensor& a, const torch::Tensor& scale, const torch::Tensor& zero,
                    int64_t levels) {
  return static_cast<double>(levels) * a / per_head(scale) + per_head(zero);
}

struct QdAttentionFunction : torch::autograd::Function<QdAttentionFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& a,
                               const torch::Tensor& alpha, const torch::Tensor& zero_point,
                               int64_t levels) {
    const torch::Tensor scale = alpha.clamp_min(kMinScale);
    ctx->save_for_backward({a, scale, zero_point});
    ctx->saved_data["levels"] = levels;
    const torch::Tensor u = codes(a, scale, zero_point, levels);
    return per_head(scale) * round_half_up(u).clamp(0, static_cast<double>(levels));
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &a = saved[0], &scale = saved[1], &zero_point = saved[2];
    const int64_t levels = ctx->saved_data["levels"].toInt();
    const auto s = static_cast<double>(levels);
    const torch::Tensor& g = grad[0];
    const torch::Tensor u = codes(a, scale, zero_point, levels);
    const torch::Tensor inside = ((u >= 0) & (u <= s)).to(a.dtype());
    const torch::Tensor q = round_half_up(u).clamp(0, s);
    const double per_head_elements = static_cast<double>(a.numel()) / static_cast<double>(a.size(1));
    const double grad_scale = 1.0 / std::sqrt(per_head_elements * s);
    const std::vector<int64_t> all_but_head{0, 2, 3};
    const torch::Tensor grad_alpha =
        (g * (q - inside * s * a / per_head(scale))).sum(all_but_head) * grad_scale;
    const torch::Tensor grad_zero = (g * inside * per_head(scale)).sum(all_but_head) * grad_scale;
    return {g * inside * s, grad_alpha, grad_zero, torch::Tensor()};
  }
};

void check_shapes(const torch::Tensor& a, const torch::Tensor& alpha, const torch::Tensor& zero,
                  int64_t levels) {
  TORCH_CHECK(a.dim() == 4, "QD attention expects (B, H, N, M), got ", a.sizes());
  TORCH_CHECK(alpha.numel() == a.size(1) && zero.numel() == a.size(1),
              "QD attention needs one alpha and one zero point per head (", a.size(1),
              "), got ", alpha.numel(), " and ", zero.numel());
  TORCH_CHECK(levels >= 1, "QD attention needs at least one level, got ", levels);
}

}  // namespace

torch::Tensor qd_attention(const torch::Tensor& attention, const torch::Tensor& alpha,
                           const torch::Tensor& zero_point, int64_t levels) {
  check_shapes(attention, alpha, zero_point, levels);
  return QdAttentionFunction::apply(attention, alpha, zero_point, levels);
}

torch::Tensor qd_levels(const torch::Tensor& attention, const torch::Tensor& alpha,
                        const torch::Tensor& zero_point, int64_t levels) {
  check_shapes(attention, alpha, zero_point, levels);
  torch::NoGradGuard no_grad;
  const torch::Tensor u = codes(attention, alpha.clamp_min(kMinScale), zero_point, levels);
  return round_half_up(u).clamp(0, static_cast<double>(levels));
}

torch::Tensor qd_binary_maps(const torch::Tensor& attention, const torch::Tensor& alpha,
                             const torch::Tensor& zero_point, int64_t levels) {
  check_shapes(attention, alpha, zero_point, levels);
  torch::NoGradGuard no_grad;
  const torch::Tensor u = codes(attention, alpha.clamp_min(kMinScale), zero_point, levels);
  std::vector<torch::Tensor> maps;
  for (int64_t sigma = 1; sigma <= levels; ++sigma) {
    maps.push_back((u >= static_cast<double>(sigma) - 0.5).to(attention.dtype()));
  }
  return torch::stack(maps);
}

}  // namespace binvit::nn::functional
