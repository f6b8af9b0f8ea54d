#pragma once
// The DeiT family (ALGORITHMS.md 2.1): class token, optional distillation token, position
// embedding, pre-norm blocks, final LayerNorm, one head per token. The variant in the config
// decides what is binarized: float teacher, GSB stage 1, baseline binary DeiT, or GSB.

#include "core/nn/models/classifier_model.h"
#include "core/nn/models/deit_block.h"
#include "core/nn/models/deit_ends.h"

#include <torch/torch.h>

namespace binvit::nn {

class Deit : public ClassifierModel {
 public:
  explicit Deit(const DeitConfig& config);

  ClassifierOutput forward_heads(const torch::Tensor& images) override;
  ModelSummary summary() const override;
  nlohmann::json config_json() const override { return to_json(config); }
  std::vector<int64_t> input_shape() const override {
    return {config.in_channels, config.image_size, config.image_size};
  }

  DeitConfig config;
  PatchEmbedding patch_embed{nullptr};
  torch::Tensor cls_token;   // (1, 1, C)
  torch::Tensor dist_token;  // (1, 1, C), undefined without a distillation token
  torch::Tensor pos_embed;   // (1, N, C)
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::LayerNorm norm{nullptr};
  LsqLinear head{nullptr};
  LsqLinear head_dist{nullptr};
};

}  // namespace binvit::nn
