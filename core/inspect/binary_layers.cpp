#include "core/inspect/binary_layers.h"

#include "core/nn/layers/binary_conv2d.h"
#include "core/nn/layers/binary_linear.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace binvit::inspect {

std::vector<BinaryLayerRef> find_binary_layers(torch::nn::Module& model) {
  std::vector<BinaryLayerRef> layers;
  for (const auto& item : model.named_modules()) {
    torch::nn::Module* module = item.value().get();
    if (auto* linear = dynamic_cast<nn::BinaryLinearImpl*>(module)) {
      layers.push_back({item.key(), "BinaryLinear", linear->weight, linear->options.weight_mode(),
                        linear->options.activation_mode()});
    } else if (auto* conv = dynamic_cast<nn::BinaryConv2dImpl*>(module)) {
      layers.push_back({item.key(), "BinaryConv2d", conv->weight, conv->options.weight_mode(),
                        conv->options.activation_mode()});
    }
  }
  return layers;
}

torch::Tensor binarized_signs(const BinaryLayerRef& layer) {
  torch::NoGradGuard no_grad;
  // The scale a is a mean of magnitudes, so it is >= 0 and the sign of a * sgn(.) is sgn(.);
  // a channel whose scale is 0 (all weights 0) binarizes to sgn(0) = +1, which `>= 0` keeps.
  return nn::binarize_weight(layer.latent_weight.detach(), layer.weight_mode) >= 0;
}

BinaryLayerInfo describe(const BinaryLayerRef& layer) {
  BinaryLayerInfo info;
  info.name = layer.name;
  info.kind = layer.kind;
  info.weight_mode = nn::to_string(layer.weight_mode);
  info.activation_mode = nn::to_string(layer.activation_mode);
  info.binary_weights = layer.binary_weights();
  info.weights = layer.latent_weight.numel();
  info.weight_plus_one = layer.binary_weights()
                             ? binarized_signs(layer).to(torch::kDouble).mean().item<double>()
                             : std::numeric_limits<double>::quiet_NaN();
  return info;
}

SignFlipReport sign_flips(torch::nn::Module& before, torch::nn::Module& after) {
  const std::vector<BinaryLayerRef> a = find_binary_layers(before);
  const std::vector<BinaryLayerRef> b = find_binary_layers(after);
  if (a.size() != b.size()) {
    throw std::invalid_argument("sign flips: the models have " + std::to_string(a.size()) +
                                " and " + std::to_string(b.size()) + " binary layers");
  }
  SignFlipReport report;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || !a[i].latent_weight.sizes().equals(b[i].latent_weight.sizes()) ||
        a[i].weight_mode != b[i].weight_mode) {
      throw std::invalid_argument("sign flips: binary layer " + std::to_string(i) + " is '" +
                                  a[i].name + "' in one model and '" + b[i].name +
                                  "' in the other, or differs in shape or binarization");
    }
    if (!a[i].binary_weights()) continue;
    LayerSignFlips layer;
    layer.layer = a[i].name;
    layer.weights = a[i].latent_weight.numel();
    layer.flipped = (binarized_signs(a[i]) != binarized_signs(b[i])).sum().item<int64_t>();
    layer.rate = layer.weights > 0 ? static_cast<double>(layer.flipped) / layer.weights : 0.0;
    report.weights += layer.weights;
    report.flipped += layer.flipped;
    report.layers.push_back(std::move(layer));
  }
  report.rate = report.weights > 0 ? static_cast<double>(report.flipped) / report.weights : 0.0;
  return report;
}

}  // namespace binvit::inspect
