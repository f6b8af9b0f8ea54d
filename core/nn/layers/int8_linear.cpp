#include "core/nn/layers/int8_linear.h"

#include <cmath>

namespace binvit::nn {
namespace {

// torch::nn::Linear / Conv2d default initialisation bound for a given fan-in.
double default_bound(int64_t fan_in) { return 1.0 / std::sqrt(static_cast<double>(fan_in)); }

}  // namespace

Int8LinearImpl::Int8LinearImpl(int64_t in_features, int64_t out_features) {
  TORCH_CHECK(in_features > 0 && out_features > 0, "Int8Linear needs positive sizes, got ",
              in_features, " -> ", out_features);
  const double bound = default_bound(in_features);
  weight = register_parameter("weight",
                              torch::empty({out_features, in_features}).uniform_(-bound, bound));
  bias = register_parameter("bias", torch::empty({out_features}).uniform_(-bound, bound));
  input_shift = register_parameter("input_shift", torch::zeros({in_features}));
  weight_quantizer =
      register_module("weight_quantizer", LsqQuantizer(LsqQuantizerOptions(8).channels(out_features)));
  input_quantizer = register_module("input_quantizer", LsqQuantizer(LsqQuantizerOptions(8)));
}

torch::Tensor Int8LinearImpl::forward(const torch::Tensor& x) {
  return torch::nn::functional::linear(input_quantizer->forward(x + input_shift),
                                       weight_quantizer->forward(weight), bias);
}

Int8PatchConvImpl::Int8PatchConvImpl(int64_t in_channels, int64_t out_channels, int64_t patch_)
    : patch(patch_) {
  TORCH_CHECK(in_channels > 0 && out_channels > 0 && patch > 0,
              "Int8PatchConv needs positive channels and patch size");
  const double bound = default_bound(in_channels * patch * patch);
  weight = register_parameter(
      "weight", torch::empty({out_channels, in_channels, patch, patch}).uniform_(-bound, bound));
  bias = register_parameter("bias", torch::empty({out_channels}).uniform_(-bound, bound));
  weight_quantizer = register_module("weight_quantizer",
                                     LsqQuantizer(LsqQuantizerOptions(8).channels(out_channels)));
}

torch::Tensor Int8PatchConvImpl::forward(const torch::Tensor& x) {
  namespace F = torch::nn::functional;
  return F::conv2d(x, weight_quantizer->forward(weight),
                   F::Conv2dFuncOptions().bias(bias).stride(patch));
}

}  // namespace binvit::nn
