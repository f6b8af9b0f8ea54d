#include "core/nn/functional/weight_binarize.h"

#include "core/nn/functional/sign.h"

#include <numeric>

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// Forward: the given binarized values; backward: identity (BWN's straight-through estimator).
struct BwnFunction : torch::autograd::Function<BwnFunction> {
  static torch::Tensor forward(AutogradContext* /*ctx*/, const torch::Tensor& weight,
                               int64_t granularity) {
    const torch::Tensor centred = weight - weight.mean();
    const torch::Tensor scale =
        static_cast<ScaleGranularity>(granularity) == ScaleGranularity::PerChannel
            ? per_channel_mean(weight.abs())
            : weight.abs().mean();
    return scale * binary_sign(centred);
  }
  static variable_list backward(AutogradContext* /*ctx*/, variable_list grad) {
    return {grad[0], torch::Tensor()};
  }
};

// Forward: scale * binary_sign(x); backward: g * 1{|x| <= 1} (gradient of clamp(x, -1, 1)).
struct ClippedSignFunction : torch::autograd::Function<ClippedSignFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& centred,
                               const torch::Tensor& scale) {
    ctx->save_for_backward({centred});
    return scale * binary_sign(centred);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const torch::Tensor centred = ctx->get_saved_variables()[0];
    return {grad[0] * (centred.abs() <= 1).to(grad[0].dtype()), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor per_channel_mean(const torch::Tensor& t) {
  TORCH_CHECK(t.dim() >= 1, "per_channel_mean needs a tensor with an output-channel dimension");
  if (t.dim() == 1) return t;
  std::vector<int64_t> dims(static_cast<size_t>(t.dim() - 1));
  std::iota(dims.begin(), dims.end(), 1);
  return t.mean(dims, /*keepdim=*/true);
}

torch::Tensor bwn_binarize(const torch::Tensor& weight, ScaleGranularity granularity) {
  return BwnFunction::apply(weight, static_cast<int64_t>(granularity));
}

torch::Tensor centred_sign_binarize(const torch::Tensor& weight) {
  const torch::Tensor scale = per_channel_mean(weight.abs()).detach();
  const torch::Tensor centred = weight - per_channel_mean(weight);
  return ClippedSignFunction::apply(centred, scale);
}

}  // namespace binvit::nn::functional
