#pragma once
// LayerScale with a shift (ALGORITHMS.md 3.2): lambda * z + mu per channel. BHViT starts block
// outputs at lambda = 0.1 and its shift branches at 0, so a new branch contributes nothing.

#include <torch/torch.h>

namespace binvit::nn {

class LayerScaleImpl : public torch::nn::Module {
 public:
  LayerScaleImpl(int64_t channels, double init_scale, int64_t channel_dim = -1);
  torch::Tensor forward(const torch::Tensor& x);

  int64_t channel_dim;
  torch::Tensor scale;  // lambda
  torch::Tensor shift;  // mu, init 0
};
TORCH_MODULE(LayerScale);

}  // namespace binvit::nn
