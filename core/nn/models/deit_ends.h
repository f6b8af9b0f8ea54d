#pragma once
// The two ends of a DeiT: the patch embedding (float conv; float conv + BatchNorm in GSB's
// stage 1; int8 conv in the binary models) and the classifier heads (float or int8 linear).

#include "core/nn/layers/int8_linear.h"
#include "core/nn/models/deit_config.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class PatchEmbeddingImpl : public torch::nn::Module {
 public:
  explicit PatchEmbeddingImpl(const DeitConfig& config);
  // images (B, C_in, H, W) -> tokens (B, patches, C)
  torch::Tensor forward(const torch::Tensor& images);
  LayerCost cost(const std::string& name) const;

  DeitConfig config;
  torch::nn::Conv2d conv{nullptr};          // float and stage-1 variants
  torch::nn::BatchNorm2d norm{nullptr};     // stage 1 only
  Int8PatchConv int8_conv{nullptr};         // binary variants
};
TORCH_MODULE(PatchEmbedding);

class ClassifierHeadImpl : public torch::nn::Module {
 public:
  ClassifierHeadImpl(const DeitConfig& config, bool int8);
  torch::Tensor forward(const torch::Tensor& features);
  LayerCost cost(const std::string& name) const;

  torch::nn::Linear linear{nullptr};
  Int8Linear int8_linear{nullptr};
};
TORCH_MODULE(ClassifierHead);

}  // namespace binvit::nn
