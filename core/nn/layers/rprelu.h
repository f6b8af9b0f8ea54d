#pragma once
// RPReLU (ReActNet; ALGORITHMS.md 3.2): PReLU(z - gamma) + zeta, all per channel.

#include <torch/torch.h>

namespace binvit::nn {

class RPReLUImpl : public torch::nn::Module {
 public:
  explicit RPReLUImpl(int64_t channels, int64_t channel_dim = -1);
  torch::Tensor forward(const torch::Tensor& x);

  int64_t channel_dim;
  torch::Tensor gamma;  // input shift, init 0
  torch::Tensor slope;  // negative slope, init 0.25 (PReLU's default)
  torch::Tensor zeta;   // output shift, init 0
};
TORCH_MODULE(RPReLU);

}  // namespace binvit::nn
