#include "core/nn/layers/lsq_linear.h"

#include <cmath>

namespace binvit::nn {
namespace {

// torch::nn::Linear / Conv2d default initialisation bound for a given fan-in.
double default_bound(int64_t fan_in) { return 1.0 / std::sqrt(static_cast<double>(fan_in)); }

void check_bits(int bits) {
  TORCH_CHECK(bits == 8 || bits == 32, "end layers are 8-bit or float (32), got ", bits, " bits");
}

}  // namespace

LsqLinearImpl::LsqLinearImpl(int64_t in_features, int64_t out_features, int bits_) : bits(bits_) {
  check_bits(bits);
  TORCH_CHECK(in_features > 0 && out_features > 0, "LsqLinear needs positive sizes, got ",
              in_features, " -> ", out_features);
  const double bound = default_bound(in_features);
  weight = register_parameter("weight",
                              torch::empty({out_features, in_features}).uniform_(-bound, bound));
  bias = register_parameter("bias", torch::empty({out_features}).uniform_(-bound, bound));
  if (bits == 32) return;
  input_shift = register_parameter("input_shift", torch::zeros({in_features}));
  weight_quantizer = register_module(
      "weight_quantizer", LsqQuantizer(LsqQuantizerOptions(bits).channels(out_features)));
  input_quantizer = register_module("input_quantizer", LsqQuantizer(LsqQuantizerOptions(bits)));
}

torch::Tensor LsqLinearImpl::forward(const torch::Tensor& x) {
  if (!quantized()) return torch::nn::functional::linear(x, weight, bias);
  return torch::nn::functional::linear(input_quantizer->forward(x + input_shift),
                                       weight_quantizer->forward(weight), bias);
}

LsqPatchConvImpl::LsqPatchConvImpl(int64_t in_channels, int64_t out_channels, int64_t patch_,
                                   int bits_)
    : patch(patch_), bits(bits_) {
  check_bits(bits);
  TORCH_CHECK(in_channels > 0 && out_channels > 0 && patch > 0,
              "LsqPatchConv needs positive channels and patch size");
  const double bound = default_bound(in_channels * patch * patch);
  weight = register_parameter(
      "weight", torch::empty({out_channels, in_channels, patch, patch}).uniform_(-bound, bound));
  bias = register_parameter("bias", torch::empty({out_channels}).uniform_(-bound, bound));
  if (bits == 32) return;
  weight_quantizer = register_module(
      "weight_quantizer", LsqQuantizer(LsqQuantizerOptions(bits).channels(out_channels)));
}

torch::Tensor LsqPatchConvImpl::forward(const torch::Tensor& x) {
  namespace F = torch::nn::functional;
  return F::conv2d(x, quantized() ? weight_quantizer->forward(weight) : weight,
                   F::Conv2dFuncOptions().bias(bias).stride(patch));
}

}  // namespace binvit::nn
