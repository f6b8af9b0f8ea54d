#include "core/nn/models/bhvit_msgdc.h"

#include "core/nn/functional/token_layout.h"
#include "core/nn/layers/channel_param.h"
#include "core/nn/layers/token_batch_norm.h"

namespace binvit::nn {

BhvitMsgdcImpl::BhvitMsgdcImpl(int64_t channels, int64_t groups,
                               const std::vector<int64_t>& dilations) {
  TORCH_CHECK(!dilations.empty(), "MSGDC needs at least one dilation");
  shift = register_parameter("shift", torch::zeros({channels}));
  convs = register_module("convs", torch::nn::ModuleList());
  activations = register_module("activations", torch::nn::ModuleList());
  for (int64_t dilation : dilations) {
    // Padding = dilation keeps a 3x3 kernel's output the size of its input ("same").
    convs->push_back(BinaryConv2d(BinaryConv2dOptions(channels, channels, 3)
                                      .padding(dilation)
                                      .dilation(dilation)
                                      .groups(groups)
                                      .bias(true)
                                      .weight_mode(WeightBinarization::CentredSign)
                                      .activation_mode(ActivationBinarization::ApproxSign)));
    activations->push_back(RPReLU(channels));
  }
  norm = register_module("norm", torch::nn::BatchNorm1d(channels));
}

torch::Tensor BhvitMsgdcImpl::forward(const torch::Tensor& u, int64_t side) {
  const torch::Tensor map = functional::tokens_to_map(u, side);
  const torch::Tensor shifted = map + along_channels(shift, map, 1);
  torch::Tensor sum;
  for (size_t i = 0; i < convs->size(); ++i) {
    const torch::Tensor branch = activations->ptr(i)->as<RPReLU>()->forward(
        functional::map_to_tokens(convs->ptr(i)->as<BinaryConv2d>()->forward(shifted)));
    sum = sum.defined() ? sum + branch : branch;
  }
  return batch_norm_tokens(norm, sum);
}

void BhvitMsgdcImpl::add_costs(const std::string& prefix, int64_t side,
                               std::vector<LayerCost>& rows) const {
  int64_t conv_parameters = 0;
  for (size_t i = 0; i < convs->size(); ++i) {
    const auto& conv = *convs->ptr(i)->as<BinaryConv2d>();
    const auto& o = conv.options;
    const auto macs = static_cast<double>(side * side * o.out_channels() *
                                          (o.in_channels() / o.groups()) * o.kernel_size() *
                                          o.kernel_size());
    rows.push_back(weighted_layer_cost(
        prefix + "convs." + std::to_string(i), "BinaryConv2d d=" + std::to_string(o.dilation()),
        conv, conv.weight, bit_width(o.weight_mode()),
        bit_width(o.activation_mode()), macs, {o.out_channels(), side, side}));
    conv_parameters += count_parameters(conv);
  }
  rows.push_back(plain_layer_cost(prefix + "norm", "Shift+RPReLU+BatchNorm",
                                  count_parameters(*this) - conv_parameters, 0, 0, "A32",
                                  {side * side, shift.size(0)}));
}

}  // namespace binvit::nn
