#include "core/nn/models/bhvit_downsampling.h"

#include "core/nn/functional/token_layout.h"
#include "core/nn/layers/channel_param.h"
#include "core/nn/layers/channel_shortcut.h"
#include "core/nn/layers/token_batch_norm.h"

namespace binvit::nn {

BhvitDownsamplingImpl::BhvitDownsamplingImpl(int64_t in_channels_, int64_t out_channels_,
                                             int64_t side_, bool binary_)
    : in_channels(in_channels_), out_channels(out_channels_), side(side_) {
  TORCH_CHECK(side > 0 && side % 2 == 0, "downsampling needs an even map side, got ", side);
  norm_in = register_module("norm_in", torch::nn::BatchNorm1d(in_channels));
  if (binary_) {
    shortcut_kind(in_channels, out_channels);  // rejects channel ratios the shortcut cannot serve
    shift = register_parameter("shift", torch::zeros({in_channels}));
    binary_conv = register_module(
        "conv", BinaryConv2d(BinaryConv2dOptions(in_channels, out_channels, 2).stride(2).bias(false)));
  } else {
    float_conv = register_module(
        "conv", torch::nn::Conv2d(
                    torch::nn::Conv2dOptions(in_channels, out_channels, 2).stride(2).bias(false)));
  }
  norm = register_module("norm", torch::nn::BatchNorm1d(out_channels));
  if (binary_) activation = register_module("activation", RPReLU(out_channels));
  const int64_t out_side = side / 2;
  position = register_parameter("position", torch::randn({1, out_side * out_side, out_channels}) * 0.02);
}

torch::Tensor BhvitDownsamplingImpl::forward(const torch::Tensor& tokens) {
  namespace F = functional;
  const torch::Tensor map = F::tokens_to_map(batch_norm_tokens(norm_in, tokens), side);
  if (!binary()) {
    return batch_norm_tokens(norm, F::map_to_tokens(float_conv->forward(map))) + position;
  }
  const torch::Tensor pooled = F::map_to_tokens(torch::nn::functional::avg_pool2d(
      map, torch::nn::functional::AvgPool2dFuncOptions(2).stride(2)));
  const torch::Tensor y =
      F::map_to_tokens(binary_conv->forward(map + along_channels(shift, map, 1)));
  return activation->forward(batch_norm_tokens(norm, y) + channel_shortcut(pooled, out_channels)) +
         position;
}

LayerCost BhvitDownsamplingImpl::cost(const std::string& name) const {
  const int64_t out_side = side / 2;
  const auto macs = static_cast<double>(out_side * out_side * out_channels * in_channels * 4);
  const torch::Tensor& weight = binary() ? binary_conv->weight : float_conv->weight;
  return weighted_layer_cost(name, binary() ? "BinaryDownsampling" : "FloatDownsampling", *this,
                             weight, binary() ? 1 : 32, binary() ? 1 : 32, macs,
                             {out_channels, out_side, out_side});
}

}  // namespace binvit::nn
