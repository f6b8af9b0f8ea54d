#include "core/nn/models/deit_ends.h"

namespace binvit::nn {
namespace {

bool int8_ends(const DeitConfig& c) {
  return c.variant == DeitVariant::Baseline || c.variant == DeitVariant::Gsb;
}

}  // namespace

PatchEmbeddingImpl::PatchEmbeddingImpl(const DeitConfig& config_) : config(config_) {
  if (int8_ends(config)) {
    int8_conv = register_module(
        "int8_conv", Int8PatchConv(config.in_channels, config.embed_dim, config.patch_size));
    return;
  }
  conv = register_module(
      "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(config.in_channels, config.embed_dim,
                                                         config.patch_size)
                                    .stride(config.patch_size)));
  if (config.variant == DeitVariant::GsbStage1) {
    norm = register_module("norm", torch::nn::BatchNorm2d(config.embed_dim));
  }
}

torch::Tensor PatchEmbeddingImpl::forward(const torch::Tensor& images) {
  TORCH_CHECK(images.dim() == 4 && images.size(1) == config.in_channels &&
                  images.size(2) == config.image_size && images.size(3) == config.image_size,
              "the model expects images of shape (B, ", config.in_channels, ", ", config.image_size,
              ", ", config.image_size, "), got ", images.sizes());
  torch::Tensor maps = int8_conv ? int8_conv->forward(images) : conv->forward(images);
  if (norm) maps = norm->forward(maps);
  return maps.flatten(2).transpose(1, 2);
}

LayerCost PatchEmbeddingImpl::cost(const std::string& name) const {
  const int64_t p = config.patch_size;
  const auto macs =
      static_cast<double>(config.patches() * config.embed_dim * config.in_channels * p * p);
  const int64_t side = config.image_size / p;
  const torch::Tensor& weight = int8_conv ? int8_conv->weight : conv->weight;
  const int bits = int8_conv ? 8 : 32;
  return weighted_layer_cost(name, norm ? "Conv2d+BatchNorm" : (int8_conv ? "Int8Conv2d" : "Conv2d"),
                             *this, weight, bits, 32, macs, {config.embed_dim, side, side});
}

ClassifierHeadImpl::ClassifierHeadImpl(const DeitConfig& config, bool int8) {
  if (int8) {
    int8_linear = register_module("int8_linear", Int8Linear(config.embed_dim, config.num_classes));
  } else {
    linear = register_module("linear", torch::nn::Linear(config.embed_dim, config.num_classes));
  }
}

torch::Tensor ClassifierHeadImpl::forward(const torch::Tensor& features) {
  return int8_linear ? int8_linear->forward(features) : linear->forward(features);
}

LayerCost ClassifierHeadImpl::cost(const std::string& name) const {
  const torch::Tensor& weight = int8_linear ? int8_linear->weight : linear->weight;
  const int bits = int8_linear ? 8 : 32;
  return weighted_layer_cost(name, int8_linear ? "Int8Linear" : "Linear", *this, weight, bits, bits,
                             static_cast<double>(weight.numel()), {weight.size(0)});
}

}  // namespace binvit::nn
