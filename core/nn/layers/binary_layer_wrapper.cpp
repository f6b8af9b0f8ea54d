#include "core/nn/layers/binary_layer_wrapper.h"

#include "core/nn/layers/channel_shortcut.h"
#include "core/nn/layers/token_batch_norm.h"

namespace binvit::nn {

BinaryLayerWrapperImpl::BinaryLayerWrapperImpl(const BinaryLayerWrapperOptions& options_)
    : options(options_) {
  shortcut_kind(options.in_features(), options.out_features());  // rejects unusable ratios early
  shift = register_parameter("shift", torch::zeros({options.in_features()}));
  linear = register_module("linear", BinaryLinear(BinaryLinearOptions(options.in_features(),
                                                                      options.out_features())
                                                      .bias(options.bias())
                                                      .weight_mode(options.weight_mode())
                                                      .activation_mode(options.activation_mode())
                                                      .activation_shift(false)));
  norm = register_module("norm", torch::nn::BatchNorm1d(options.out_features()));
  activation = register_module("activation", RPReLU(options.out_features()));
}

torch::Tensor BinaryLayerWrapperImpl::forward(const torch::Tensor& x) {
  const torch::Tensor y = linear->forward(x + shift);
  const torch::Tensor normalised = batch_norm_tokens(norm, y);
  return activation->forward(normalised + channel_shortcut(x, options.out_features()));
}

}  // namespace binvit::nn
