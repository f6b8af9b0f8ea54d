#pragma once
// The patch embedding of a DeiT: a float conv (+ BatchNorm in GSB's stage 1) or an int8 conv in
// the binary models, under the same parameter names (`proj.weight`, `proj.bias`).

#include "core/nn/layers/lsq_linear.h"
#include "core/nn/models/deit_config.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

// 8 for the binary variants' end layers, 32 for the float teacher and GSB stage 1.
int end_layer_bits(const DeitConfig& config);

class PatchEmbeddingImpl : public torch::nn::Module {
 public:
  explicit PatchEmbeddingImpl(const DeitConfig& config);
  // images (B, C_in, H, W) -> tokens (B, patches, C)
  torch::Tensor forward(const torch::Tensor& images);
  LayerCost cost(const std::string& name) const;

  DeitConfig config;
  LsqPatchConv proj{nullptr};
  torch::nn::BatchNorm2d norm{nullptr};  // stage 1 only
};
TORCH_MODULE(PatchEmbedding);

// The cost row of a classifier head.
LayerCost head_cost(const std::string& name, const LsqLinear& head);

}  // namespace binvit::nn
