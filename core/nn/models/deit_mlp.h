#pragma once
// The DeiT MLP: fc1, GELU (erf), fc2. Binary variants clamp the GELU output to [-10, 10] and
// binarize fc2's input as {0, alpha} (ALGORITHMS.md 2.2); stage 1 binarizes only the weights.

#include "core/nn/layers/binary_linear.h"
#include "core/nn/models/deit_config.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class DeitMlpImpl : public torch::nn::Module {
 public:
  explicit DeitMlpImpl(const DeitConfig& config);
  torch::Tensor forward(const torch::Tensor& x);
  void add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const;

  DeitConfig config;
  BinaryLinear fc1{nullptr};
  BinaryLinear fc2{nullptr};
};
TORCH_MODULE(DeitMlp);

}  // namespace binvit::nn
