#include "core/nn/models/bhvit_stem.h"

#include "core/nn/functional/token_layout.h"
#include "core/nn/layers/token_batch_norm.h"

namespace binvit::nn {

BhvitStemImpl::BhvitStemImpl(const BhvitConfig& config_) : config(config_) {
  const int64_t c = config.dims.at(0), side = config.map_side(0);
  proj = register_module("proj", LsqPatchConv(config.in_channels, c, config.stem_patch,
                                              static_cast<int>(config.end_bits)));
  norm = register_module("norm", torch::nn::BatchNorm1d(c));
  position = register_parameter("position", torch::randn({1, c, side, side}) * 0.02);
}

torch::Tensor BhvitStemImpl::forward(const torch::Tensor& images) {
  TORCH_CHECK(images.dim() == 4 && images.size(1) == config.in_channels &&
                  images.size(2) == config.image_size && images.size(3) == config.image_size,
              "the model expects images of shape (B, ", config.in_channels, ", ",
              config.image_size, ", ", config.image_size, "), got ", images.sizes());
  const torch::Tensor tokens = functional::map_to_tokens(proj->forward(images));
  return torch::gelu(batch_norm_tokens(norm, tokens)) + functional::map_to_tokens(position);
}

LayerCost BhvitStemImpl::cost(const std::string& name) const {
  const int64_t c = config.dims.at(0), side = config.map_side(0), p = config.stem_patch;
  const auto macs = static_cast<double>(side * side * c * config.in_channels * p * p);
  const char* type = proj->quantized() ? "Int8Conv2d+BatchNorm+GELU" : "Conv2d+BatchNorm+GELU";
  return weighted_layer_cost(name, type, *this, proj->weight, proj->bits, 32, macs, {c, side, side});
}

}  // namespace binvit::nn
