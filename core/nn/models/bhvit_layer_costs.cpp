#include "core/nn/models/bhvit_layer_costs.h"

namespace binvit::nn {

LayerCost wrapped_linear_cost(const std::string& name, const BinaryLayerWrapper& layer,
                              int64_t positions, std::vector<int64_t> output_shape) {
  const auto& linear = layer->linear;
  const auto macs = static_cast<double>(positions * linear->options.in_features() *
                                        linear->options.out_features());
  return weighted_layer_cost(name, "WrappedBinaryLinear", *layer, linear->weight,
                             bit_width(linear->options.weight_mode()),
                             bit_width(linear->options.activation_mode()), macs,
                             std::move(output_shape));
}

}  // namespace binvit::nn
