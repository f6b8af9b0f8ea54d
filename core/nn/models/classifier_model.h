#pragma once
// What every image classifier of the project offers the trainer, the inspector, the exporter and
// the UI, whatever its family (DeiT/GSB now, BHViT later).

#include "core/nn/summary/model_summary.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace binvit::nn {

struct ClassifierOutput {
  torch::Tensor logits;               // class head (B, classes)
  torch::Tensor distillation_logits;  // distillation head, undefined for models without one
};

class ClassifierModel : public torch::nn::Module {
 public:
  // Both heads, for training with hard-label distillation.
  virtual ClassifierOutput forward_heads(const torch::Tensor& images) = 0;
  // The prediction: the mean of the heads when there are two (DeiT's evaluation rule).
  torch::Tensor forward(const torch::Tensor& images) {
    ClassifierOutput out = forward_heads(images);
    return out.distillation_logits.defined() ? (out.logits + out.distillation_logits) / 2
                                             : out.logits;
  }
  // BHViT's weight-oscillation regulariser L_re (ALGORITHMS.md 3.7); undefined for models
  // without one.
  virtual torch::Tensor weight_oscillation_regularizer() { return {}; }
  virtual ModelSummary summary() const = 0;
  virtual nlohmann::json config_json() const = 0;
  // (C, H, W) of one input image.
  virtual std::vector<int64_t> input_shape() const = 0;
};

}  // namespace binvit::nn
