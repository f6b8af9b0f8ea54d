#include "core/nn/models/deit_ends.h"

namespace binvit::nn {

int end_layer_bits(const DeitConfig& c) {
  return c.variant == DeitVariant::Baseline || c.variant == DeitVariant::Gsb ? 8 : 32;
}

PatchEmbeddingImpl::PatchEmbeddingImpl(const DeitConfig& config_) : config(config_) {
  proj = register_module("proj", LsqPatchConv(config.in_channels, config.embed_dim,
                                              config.patch_size, end_layer_bits(config)));
  if (config.variant == DeitVariant::GsbStage1) {
    norm = register_module("norm", torch::nn::BatchNorm2d(config.embed_dim));
  }
}

torch::Tensor PatchEmbeddingImpl::forward(const torch::Tensor& images) {
  TORCH_CHECK(images.dim() == 4 && images.size(1) == config.in_channels &&
                  images.size(2) == config.image_size && images.size(3) == config.image_size,
              "the model expects images of shape (B, ", config.in_channels, ", ", config.image_size,
              ", ", config.image_size, "), got ", images.sizes());
  torch::Tensor maps = proj->forward(images);
  if (norm) maps = norm->forward(maps);
  return maps.flatten(2).transpose(1, 2);
}

LayerCost PatchEmbeddingImpl::cost(const std::string& name) const {
  const int64_t p = config.patch_size;
  const auto macs =
      static_cast<double>(config.patches() * config.embed_dim * config.in_channels * p * p);
  const int64_t side = config.image_size / p;
  const char* type = norm ? "Conv2d+BatchNorm" : (proj->quantized() ? "Int8Conv2d" : "Conv2d");
  return weighted_layer_cost(name, type, *this, proj->weight, proj->bits, 32, macs,
                             {config.embed_dim, side, side});
}

LayerCost head_cost(const std::string& name, const LsqLinear& head) {
  return weighted_layer_cost(name, head->quantized() ? "Int8Linear" : "Linear", *head,
                             head->weight, head->bits, head->bits,
                             static_cast<double>(head->weight.numel()), {head->weight.size(0)});
}

}  // namespace binvit::nn
