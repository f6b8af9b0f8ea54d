#include "core/nn/functional/sign.h"

#include <ATen/ExpandUtils.h>

namespace binvit::nn::functional {

torch::Tensor binary_sign(const torch::Tensor& x) {
  return torch::where(x >= 0, torch::ones_like(x), -torch::ones_like(x));
}

torch::Tensor ternary_sign(const torch::Tensor& x) { return torch::sign(x); }

torch::Tensor round_half_up(const torch::Tensor& x) {
  const torch::Tensor whole = torch::floor(x);
  return whole + ((x - whole) >= 0.5).to(x.dtype());
}

torch::Tensor reduce_to_shape(const torch::Tensor& grad, const torch::Tensor& like) {
  return at::sum_to(grad, like.sizes()).reshape(like.sizes());
}

}  // namespace binvit::nn::functional
