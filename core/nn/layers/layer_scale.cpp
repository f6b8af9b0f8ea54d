#include "core/nn/layers/layer_scale.h"

#include "core/nn/layers/channel_param.h"

namespace binvit::nn {

LayerScaleImpl::LayerScaleImpl(int64_t channels, double init_scale, int64_t channel_dim_)
    : channel_dim(channel_dim_) {
  TORCH_CHECK(channels > 0, "LayerScale needs channels > 0, got ", channels);
  scale = register_parameter("scale", torch::full({channels}, init_scale));
  shift = register_parameter("shift", torch::zeros({channels}));
}

torch::Tensor LayerScaleImpl::forward(const torch::Tensor& x) {
  return along_channels(scale, x, channel_dim) * x + along_channels(shift, x, channel_dim);
}

}  // namespace binvit::nn
