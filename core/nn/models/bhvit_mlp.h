#pragma once
// The binary MLP of a BHViT block (ALGORITHMS.md 3.5), on normalised tokens u (B, N, C):
//   z   = RPReLU(Norm(BinLinear_{C->rC}(u + b)) + repeat_r(u))
//   out = LayerScale(RPReLU(Norm(BinLinear_{rC->C}(z + b')) + AvgPool_r(z)))
// Both linears are wrapped binary layers (3.2) without bias, as released (the norm follows).

#include "core/nn/layers/binary_layer_wrapper.h"
#include "core/nn/layers/layer_scale.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitMlpImpl : public torch::nn::Module {
 public:
  BhvitMlpImpl(int64_t channels, int64_t ratio, double layer_scale_init);
  torch::Tensor forward(const torch::Tensor& u);
  // `tokens`: tokens per image, for the MAC counts.
  void add_costs(const std::string& prefix, int64_t tokens, std::vector<LayerCost>& rows) const;

  BinaryLayerWrapper expand{nullptr};
  BinaryLayerWrapper reduce{nullptr};
  LayerScale scale{nullptr};
};
TORCH_MODULE(BhvitMlp);

}  // namespace binvit::nn
