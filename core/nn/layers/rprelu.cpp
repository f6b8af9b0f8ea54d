#include "core/nn/layers/rprelu.h"

#include "core/nn/layers/channel_param.h"

namespace binvit::nn {

RPReLUImpl::RPReLUImpl(int64_t channels, int64_t channel_dim_) : channel_dim(channel_dim_) {
  TORCH_CHECK(channels > 0, "RPReLU needs channels > 0, got ", channels);
  gamma = register_parameter("gamma", torch::zeros({channels}));
  slope = register_parameter("slope", torch::full({channels}, 0.25));
  zeta = register_parameter("zeta", torch::zeros({channels}));
}

torch::Tensor RPReLUImpl::forward(const torch::Tensor& x) {
  const torch::Tensor z = x - along_channels(gamma, x, channel_dim);
  const torch::Tensor activated = torch::where(z >= 0, z, along_channels(slope, x, channel_dim) * z);
  return activated + along_channels(zeta, x, channel_dim);
}

}  // namespace binvit::nn
