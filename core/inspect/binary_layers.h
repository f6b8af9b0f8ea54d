#pragma once
// The LibTorch side of the weight statistics: finding the binary layers of a model and the signs
// their weights binarize to. Includes LibTorch: for core/inspect sources and tests, never for the
// GUI (which uses weight_statistics.h and model_inspector.h).

#include "core/inspect/weight_statistics.h"
#include "core/nn/layers/binarization_modes.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace binvit::inspect {

struct BinaryLayerRef {
  std::string name;             // the module's dotted path
  std::string kind;             // "BinaryLinear" | "BinaryConv2d"
  torch::Tensor latent_weight;  // the module's float weight (shared, not a copy)
  nn::WeightBinarization weight_mode = nn::WeightBinarization::Float;
  nn::ActivationBinarization activation_mode = nn::ActivationBinarization::Float;
  bool binary_weights() const { return weight_mode != nn::WeightBinarization::Float; }
};

// Every BinaryLinear and BinaryConv2d module below `model`, in module order (a model with a
// binary mode on neither side is still listed: stage-1 attention linears stay float).
std::vector<BinaryLayerRef> find_binary_layers(torch::nn::Module& model);

// +1 where the binarized weight is +a (sgn(0) = +1, ALGORITHMS.md 1.1), as a bool tensor of the
// weight's shape; independent of the layer's quantization switch.
torch::Tensor binarized_signs(const BinaryLayerRef& layer);

BinaryLayerInfo describe(const BinaryLayerRef& layer);

// Sign flips of every binary-weight layer from `before` to `after`; std::invalid_argument when
// the layers differ in names or shapes.
SignFlipReport sign_flips(torch::nn::Module& before, torch::nn::Module& after);

}  // namespace binvit::inspect
