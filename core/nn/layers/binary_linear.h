#pragma once
// A linear layer with binarized weights and input activations (either side may stay float).

#include "core/nn/layers/binarization_modes.h"
#include "core/nn/inspection_capture.h"

#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

namespace binvit::nn {

struct BinaryLinearOptions {
  BinaryLinearOptions(int64_t in_features, int64_t out_features)
      : in_features_(in_features), out_features_(out_features) {}
  TORCH_ARG(int64_t, in_features);
  TORCH_ARG(int64_t, out_features);
  TORCH_ARG(bool, bias) = true;
  TORCH_ARG(WeightBinarization, weight_mode) = WeightBinarization::BwnPerTensor;
  TORCH_ARG(ActivationBinarization, activation_mode) = ActivationBinarization::ElasticSigned;
  // A learnable per-input-channel shift before an elastic binarizer (GSB's X~ = X + b).
  TORCH_ARG(bool, activation_shift) = true;
};

class BinaryLinearImpl : public torch::nn::Module,
                         public QuantizationSwitch,
                         public CaptureTarget {
 public:
  explicit BinaryLinearImpl(const BinaryLinearOptions& options);
  // x (..., in_features) -> (..., out_features)
  torch::Tensor forward(const torch::Tensor& x);
  // The weight the forward multiplies with (scale * sign), for inspection and export.
  torch::Tensor effective_weight() const;

  BinaryLinearOptions options;
  torch::Tensor weight;  // latent float weight (out, in)
  torch::Tensor bias;
  ActivationBinarizer input_quantizer{nullptr};
};
TORCH_MODULE(BinaryLinear);

}  // namespace binvit::nn
