#include "core/nn/functional/lsq_quantize.h"

#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/sign.h"

#include <cmath>

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct LsqFunction : torch::autograd::Function<LsqFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& step, int64_t qmin, int64_t qmax,
                               double grad_scale) {
    const torch::Tensor scale = step.clamp_min(kMinScale);
    ctx->save_for_backward({x, scale, step});
    ctx->saved_data["qmin"] = qmin;
    ctx->saved_data["qmax"] = qmax;
    ctx->saved_data["grad_scale"] = grad_scale;
    return scale * round_half_up(x / scale).clamp(static_cast<double>(qmin),
                                                  static_cast<double>(qmax));
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &x = saved[0], &scale = saved[1], &step = saved[2];
    const auto qmin = static_cast<double>(ctx->saved_data["qmin"].toInt());
    const auto qmax = static_cast<double>(ctx->saved_data["qmax"].toInt());
    const double grad_scale = ctx->saved_data["grad_scale"].toDouble();
    const torch::Tensor& g = grad[0];
    const torch::Tensor v = x / scale;
    const torch::Tensor below = (v < qmin).to(x.dtype());
    const torch::Tensor above = (v > qmax).to(x.dtype());
    const torch::Tensor inside = 1 - below - above;
    const torch::Tensor grad_step =
        g * (below * qmin + above * qmax + inside * (round_half_up(v) - v)) * grad_scale;
    return {g * inside, reduce_to_shape(grad_step, step), torch::Tensor(), torch::Tensor(),
            torch::Tensor()};
  }
};

}  // namespace

IntegerRange signed_range(int bits) {
  TORCH_CHECK(bits >= 2 && bits <= 16, "LSQ bit width must be in [2, 16], got ", bits);
  return {-(int64_t{1} << (bits - 1)), (int64_t{1} << (bits - 1)) - 1};
}

IntegerRange unsigned_range(int bits) {
  TORCH_CHECK(bits >= 1 && bits <= 16, "LSQ bit width must be in [1, 16], got ", bits);
  return {0, (int64_t{1} << bits) - 1};
}

double lsq_grad_scale(int64_t elements_per_step, IntegerRange range) {
  return 1.0 / std::sqrt(static_cast<double>(elements_per_step) * static_cast<double>(range.qmax));
}

torch::Tensor lsq_quantize(const torch::Tensor& x, const torch::Tensor& step, IntegerRange range,
                           double grad_scale) {
  return LsqFunction::apply(x, step, range.qmin, range.qmax, grad_scale);
}

}  // namespace binvit::nn::functional
