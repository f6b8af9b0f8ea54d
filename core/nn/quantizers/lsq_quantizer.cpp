#include "core/nn/quantizers/lsq_quantizer.h"

#include "core/nn/functional/weight_binarize.h"
#include "core/nn/quantizers/lazy_init.h"

#include <cmath>

namespace binvit::nn {

LsqQuantizerImpl::LsqQuantizerImpl(LsqQuantizerOptions options_) : options(options_) {
  range();  // validates the bit width
  TORCH_CHECK(options.channels() >= 0, "LSQ channels must be >= 0, got ", options.channels());
  step = register_parameter("step", torch::ones({std::max<int64_t>(1, options.channels())}));
  initialized = register_init_flag(*this);
}

functional::IntegerRange LsqQuantizerImpl::range() const {
  return options.is_signed() ? functional::signed_range(options.bits())
                             : functional::unsigned_range(options.bits());
}

torch::Tensor LsqQuantizerImpl::broadcast_step(const torch::Tensor& x) const {
  if (options.channels() == 0) return step;
  TORCH_CHECK(x.size(0) == options.channels(), "LSQ quantizer has ", options.channels(),
              " channel steps but the tensor has ", x.size(0), " channels");
  std::vector<int64_t> shape(static_cast<size_t>(x.dim()), 1);
  shape[0] = options.channels();
  return step.reshape(shape);
}

torch::Tensor LsqQuantizerImpl::forward(const torch::Tensor& x) {
  if (!quantization_enabled()) return x;
  const functional::IntegerRange r = range();
  const torch::Tensor step_for_x = broadcast_step(x);  // checks the channel count first
  if (!is_initialized(initialized)) {
    torch::NoGradGuard no_grad;
    const torch::Tensor magnitude = options.channels() == 0
                                        ? x.abs().mean().reshape({1})
                                        : functional::per_channel_mean(x.abs()).reshape({-1});
    step.copy_(2.0 * magnitude / std::sqrt(static_cast<double>(r.qmax)));
    mark_initialized(initialized);
  }
  const int64_t per_step = x.numel() / step.numel();
  return functional::lsq_quantize(x, step_for_x, r, functional::lsq_grad_scale(per_step, r));
}

}  // namespace binvit::nn
