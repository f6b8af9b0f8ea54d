#include "core/nn/models/deit_mlp.h"

namespace binvit::nn {
namespace {

WeightBinarization mlp_weight_mode(const DeitConfig& c) {
  return c.variant == DeitVariant::Float ? WeightBinarization::Float
                                         : parse_weight_binarization(c.weight_binarization);
}

bool binary_activations(const DeitConfig& c) {
  return c.variant == DeitVariant::Baseline || c.variant == DeitVariant::Gsb;
}

}  // namespace

DeitMlpImpl::DeitMlpImpl(const DeitConfig& config_) : config(config_) {
  const bool binary = binary_activations(config);
  fc1 = register_module(
      "fc1", BinaryLinear(BinaryLinearOptions(config.embed_dim, config.mlp_hidden())
                              .weight_mode(mlp_weight_mode(config))
                              .activation_mode(binary ? ActivationBinarization::ElasticSigned
                                                      : ActivationBinarization::Float)));
  fc2 = register_module(
      "fc2", BinaryLinear(BinaryLinearOptions(config.mlp_hidden(), config.embed_dim)
                              .weight_mode(mlp_weight_mode(config))
                              .activation_mode(binary ? ActivationBinarization::ElasticUnsigned
                                                      : ActivationBinarization::Float)));
}

torch::Tensor DeitMlpImpl::forward(const torch::Tensor& x) {
  torch::Tensor hidden = torch::gelu(fc1->forward(x));
  // Keeps the unsigned binarizer's first-batch scale (4 mean|x|) away from rare huge values.
  if (binary_activations(config)) hidden = hidden.clamp(-10.0, 10.0);
  return fc2->forward(hidden);
}

void DeitMlpImpl::add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const {
  const int64_t n = config.tokens();
  for (const auto& [name, layer] : {std::pair<const char*, BinaryLinear>{"fc1", fc1}, {"fc2", fc2}}) {
    const int64_t in = layer->options.in_features(), out = layer->options.out_features();
    rows.push_back(weighted_layer_cost(prefix + name, "BinaryLinear", *layer, layer->weight,
                                       bit_width(layer->options.weight_mode()),
                                       bit_width(layer->options.activation_mode()),
                                       static_cast<double>(n * in * out), {n, out}));
  }
}

}  // namespace binvit::nn
