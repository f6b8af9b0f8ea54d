#pragma once
// BHViT as an image classifier (ALGORITHMS.md 3.1): the backbone, BatchNorm over the last
// stage's channels, mean pooling over tokens and a head (float as released, or 8-bit).

#include "core/nn/layers/lsq_linear.h"
#include "core/nn/models/bhvit_backbone.h"
#include "core/nn/models/classifier_model.h"

#include <torch/torch.h>

namespace binvit::nn {

class Bhvit : public ClassifierModel {
 public:
  explicit Bhvit(const BhvitConfig& config);

  ClassifierOutput forward_heads(const torch::Tensor& images) override;
  ModelSummary summary() const override;
  nlohmann::json config_json() const override { return to_json(config); }
  std::vector<int64_t> input_shape() const override {
    return {config.in_channels, config.image_size, config.image_size};
  }
  // L_re of ALGORITHMS.md 3.7 over the blocks' binary layers, differentiable; the BHViT recipe
  // adds beta * L_re to the loss.
  torch::Tensor weight_oscillation_regularizer() override;

  BhvitConfig config;
  BhvitBackbone backbone{nullptr};
  torch::nn::BatchNorm1d norm{nullptr};
  LsqLinear head{nullptr};
};

}  // namespace binvit::nn
