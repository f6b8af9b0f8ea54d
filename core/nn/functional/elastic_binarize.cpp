#include "core/nn/functional/elastic_binarize.h"

#include "core/nn/functional/sign.h"

#include <cmath>

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

torch::Tensor as_dtype(const torch::Tensor& mask, const torch::Tensor& like) {
  return mask.to(like.dtype());
}

struct ElasticSignFunction : torch::autograd::Function<ElasticSignFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& alpha) {
    const torch::Tensor scale = alpha.clamp_min(kMinScale);
    ctx->save_for_backward({x, scale, alpha});
    return scale * binary_sign(x);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &x = saved[0], &scale = saved[1], &alpha = saved[2];
    const torch::Tensor& g = grad[0];
    const torch::Tensor inside = as_dtype(x.abs() <= scale, x);
    const double grad_scale = 1.0 / std::sqrt(static_cast<double>(x.numel()));
    const torch::Tensor grad_alpha = g * (binary_sign(x) - inside * x / scale) * grad_scale;
    return {g * inside, reduce_to_shape(grad_alpha, alpha)};
  }
};

struct ElasticUnsignedFunction : torch::autograd::Function<ElasticUnsignedFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& alpha) {
    const torch::Tensor scale = alpha.clamp_min(kMinScale);
    ctx->save_for_backward({x, scale, alpha});
    return scale * round_half_up(x / scale).clamp(0, 1);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &x = saved[0], &scale = saved[1], &alpha = saved[2];
    const torch::Tensor& g = grad[0];
    const torch::Tensor r = x / scale;
    const torch::Tensor inside = as_dtype((r >= 0) & (r <= 1), x);
    const torch::Tensor above = as_dtype(r > 1, x);
    const double grad_scale = 1.0 / std::sqrt(static_cast<double>(x.numel()));
    const torch::Tensor grad_alpha = g * (above + inside * (round_half_up(r) - r)) * grad_scale;
    return {g * inside, reduce_to_shape(grad_alpha, alpha)};
  }
};

}  // namespace

torch::Tensor elastic_sign(const torch::Tensor& x, const torch::Tensor& alpha) {
  return ElasticSignFunction::apply(x, alpha);
}

torch::Tensor elastic_unsigned(const torch::Tensor& x, const torch::Tensor& alpha) {
  return ElasticUnsignedFunction::apply(x, alpha);
}

}  // namespace binvit::nn::functional
