#pragma once
// How a binary layer quantizes its weights and its input activations.

#include "core/nn/quantizers/elastic_binarizer.h"

#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

#include <string>

namespace binvit::nn {

enum class WeightBinarization {
  Float,          // no quantization (float baselines, stage-1 parts)
  BwnPerTensor,   // GSB (1.2)
  BwnPerChannel,  // GSB option (1.2)
  CentredSign     // BHViT (1.3)
};

enum class ActivationBinarization {
  Float,
  ElasticSigned,    // GSB qkv/proj/fc1 inputs (1.4)
  ElasticUnsigned,  // GSB fc2 input after GELU (1.5)
  ApproxSign        // BHViT (1.6)
};

WeightBinarization parse_weight_binarization(const std::string& name);
ActivationBinarization parse_activation_binarization(const std::string& name);
std::string to_string(WeightBinarization mode);
std::string to_string(ActivationBinarization mode);

// Bits per weight / activation element that a mode stores (32 for float).
int bit_width(WeightBinarization mode);
int bit_width(ActivationBinarization mode);

torch::Tensor binarize_weight(const torch::Tensor& weight, WeightBinarization mode);

// BHViT's binary layers (centred-sign weights, ApproxSign inputs) in evaluation without a
// gradient compute their product as the packed engine does: the exact integer product of the
// signs, then one multiply by each output channel's scale, then the bias. The training form
// (+-1 input times scale * sign weight) rounds partial sums, which the engine cannot repeat.
bool uses_exact_sign_product(const torch::nn::Module& layer, bool quantized,
                             WeightBinarization weights, ActivationBinarization activations);
// An effective centred-sign weight (out, ...) split into +-1 signs (bit = w >= 0, as exported)
// and the per-output-channel scales, shape (out).
std::pair<torch::Tensor, torch::Tensor> weight_signs_and_scales(const torch::Tensor& effective);

// The input side of a binary layer: nothing, ApproxSign, or an elastic binarizer whose learnable
// shift is broadcast with `shift_shape`.
class ActivationBinarizerImpl : public torch::nn::Module, public QuantizationSwitch {
 public:
  ActivationBinarizerImpl(ActivationBinarization mode, std::vector<int64_t> shift_shape);
  torch::Tensor forward(const torch::Tensor& x);

  ActivationBinarization mode;
  ElasticBinarizer elastic{nullptr};
};
TORCH_MODULE(ActivationBinarizer);

}  // namespace binvit::nn
