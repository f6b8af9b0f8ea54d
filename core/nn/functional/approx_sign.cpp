#include "core/nn/functional/approx_sign.h"

#include "core/nn/functional/sign.h"

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct ApproxSignFunction : torch::autograd::Function<ApproxSignFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x) {
    ctx->save_for_backward({x});
    return binary_sign(x);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const torch::Tensor x = ctx->get_saved_variables()[0];
    // 2 - 2|x| inside [-1, 1] is the derivative of the piecewise quadratic approximation.
    const torch::Tensor slope = (2 - 2 * x.abs()) * (x.abs() <= 1).to(x.dtype());
    return {grad[0] * slope};
  }
};

}  // namespace

torch::Tensor approx_sign(const torch::Tensor& x) { return ApproxSignFunction::apply(x); }

}  // namespace binvit::nn::functional
