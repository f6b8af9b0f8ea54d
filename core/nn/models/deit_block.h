#pragma once
// A pre-norm transformer block: x + Attn(LN(x)), then x + MLP(LN(x)).

#include "core/nn/models/deit_attention.h"
#include "core/nn/models/deit_mlp.h"

#include <torch/torch.h>

namespace binvit::nn {

class DeitBlockImpl : public torch::nn::Module {
 public:
  explicit DeitBlockImpl(const DeitConfig& config);
  torch::Tensor forward(const torch::Tensor& x);
  void add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const;

  torch::nn::LayerNorm norm1{nullptr};
  DeitAttention attn{nullptr};
  torch::nn::LayerNorm norm2{nullptr};
  DeitMlp mlp{nullptr};
};
TORCH_MODULE(DeitBlock);

}  // namespace binvit::nn
