#pragma once
// A 2-d convolution with binarized weights and input activations; groups, dilation and padding
// as in torch::nn::Conv2d. Padding adds zeros after binarization (the packed engine matches it).

#include "core/nn/inspection_capture.h"
#include "core/nn/layers/binarization_modes.h"

#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

namespace binvit::nn {

struct BinaryConv2dOptions {
  BinaryConv2dOptions(int64_t in_channels, int64_t out_channels, int64_t kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(kernel_size) {}
  TORCH_ARG(int64_t, in_channels);
  TORCH_ARG(int64_t, out_channels);
  TORCH_ARG(int64_t, kernel_size);
  TORCH_ARG(int64_t, stride) = 1;
  TORCH_ARG(int64_t, padding) = 0;
  TORCH_ARG(int64_t, dilation) = 1;
  TORCH_ARG(int64_t, groups) = 1;
  TORCH_ARG(bool, bias) = true;
  TORCH_ARG(WeightBinarization, weight_mode) = WeightBinarization::CentredSign;
  TORCH_ARG(ActivationBinarization, activation_mode) = ActivationBinarization::ApproxSign;
  TORCH_ARG(bool, activation_shift) = false;  // per-channel shift before an elastic binarizer
};

class BinaryConv2dImpl : public torch::nn::Module,
                         public QuantizationSwitch,
                         public CaptureTarget {
 public:
  explicit BinaryConv2dImpl(const BinaryConv2dOptions& options);
  // x (B, C_in, H, W) -> (B, C_out, H', W')
  torch::Tensor forward(const torch::Tensor& x);
  torch::Tensor effective_weight() const;

  BinaryConv2dOptions options;
  torch::Tensor weight;  // (out, in/groups, k, k)
  torch::Tensor bias;
  ActivationBinarizer input_quantizer{nullptr};
};
TORCH_MODULE(BinaryConv2d);

}  // namespace binvit::nn
