#pragma once
// Cost rows shared by BHViT's modules.

#include "core/nn/layers/binary_layer_wrapper.h"
#include "core/nn/summary/model_summary.h"

#include <string>
#include <vector>

namespace binvit::nn {

// A wrapped binary linear (3.2) applied to `positions` token vectors per image: its binary MACs,
// and every parameter of the wrapper (shift, weight, norm, RPReLU) in one row.
LayerCost wrapped_linear_cost(const std::string& name, const BinaryLayerWrapper& layer,
                              int64_t positions, std::vector<int64_t> output_shape);

}  // namespace binvit::nn
