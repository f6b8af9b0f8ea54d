#pragma once
// BHViT as a segmentation model (ALGORITHMS.md 3.8): the BHViT backbone and a light FPN-style
// float head. Each stage's output gets a 1x1 lateral conv to fpn_dim; a top-down pass adds each
// coarser level, upsampled (nearest, x2), to the next finer one, down to the first stage's
// resolution (1/stem_patch of the input); a 3x3 conv, BatchNorm and ReLU fuse it; a 1x1 conv
// gives class logits, upsampled bilinearly to the input size.

#include "core/nn/models/bhvit_backbone.h"
#include "core/nn/models/bhvit_segmentation_config.h"
#include "core/nn/models/segmentation_model.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitSegmentation : public SegmentationModel {
 public:
  explicit BhvitSegmentation(const BhvitSegmentationConfig& config);

  torch::Tensor forward(const torch::Tensor& images) override;
  ModelSummary summary() const override;
  nlohmann::json config_json() const override { return to_json(config); }
  std::vector<int64_t> input_shape() const override {
    const auto& b = config.backbone;
    return {b.in_channels, b.image_size, b.image_size};
  }
  int64_t num_classes() const override { return config.backbone.num_classes; }
  torch::Tensor weight_oscillation_regularizer() override;

  BhvitSegmentationConfig config;
  BhvitBackbone backbone{nullptr};
  torch::nn::ModuleList lateral{nullptr};  // Conv2d 1x1 per stage
  torch::nn::Conv2d fuse{nullptr};
  torch::nn::BatchNorm2d fuse_norm{nullptr};
  torch::nn::Conv2d classifier{nullptr};
};

}  // namespace binvit::nn
