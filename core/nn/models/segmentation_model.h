#pragma once
// What every semantic-segmentation model offers the trainer, the inspector and the UI: per-pixel
// class logits at the input resolution (ALGORITHMS.md 3.8).

#include "core/nn/summary/model_summary.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace binvit::nn {

class SegmentationModel : public torch::nn::Module {
 public:
  // images (B, C, H, W) -> logits (B, classes, H, W)
  virtual torch::Tensor forward(const torch::Tensor& images) = 0;
  virtual ModelSummary summary() const = 0;
  virtual nlohmann::json config_json() const = 0;
  // (C, H, W) of one input image.
  virtual std::vector<int64_t> input_shape() const = 0;
  virtual int64_t num_classes() const = 0;
  // BHViT's weight-oscillation regulariser L_re (ALGORITHMS.md 3.7); undefined for models
  // without one.
  virtual torch::Tensor weight_oscillation_regularizer() { return {}; }
};

}  // namespace binvit::nn
