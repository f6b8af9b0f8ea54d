#include "core/nn/models/bhvit_mlp.h"

#include "core/nn/models/bhvit_layer_costs.h"

namespace binvit::nn {
namespace {

BinaryLayerWrapper wrapped(int64_t in, int64_t out) {
  return BinaryLayerWrapper(BinaryLayerWrapperOptions(in, out).bias(false));
}

}  // namespace

BhvitMlpImpl::BhvitMlpImpl(int64_t channels, int64_t ratio, double layer_scale_init) {
  TORCH_CHECK(channels > 0 && ratio > 0, "BHViT MLP needs positive channels and ratio, got ",
              channels, " and ", ratio);
  expand = register_module("expand", wrapped(channels, channels * ratio));
  reduce = register_module("reduce", wrapped(channels * ratio, channels));
  scale = register_module("scale", LayerScale(channels, layer_scale_init));
}

torch::Tensor BhvitMlpImpl::forward(const torch::Tensor& u) {
  return scale->forward(reduce->forward(expand->forward(u)));
}

void BhvitMlpImpl::add_costs(const std::string& prefix, int64_t tokens,
                             std::vector<LayerCost>& rows) const {
  const int64_t hidden = expand->options.out_features(), channels = reduce->options.out_features();
  rows.push_back(wrapped_linear_cost(prefix + "expand", expand, tokens, {tokens, hidden}));
  rows.push_back(wrapped_linear_cost(prefix + "reduce", reduce, tokens, {tokens, channels}));
  rows.push_back(plain_layer_cost(prefix + "scale", "LayerScale", count_parameters(*scale), 0, 0,
                                  "A32", {tokens, channels}));
}

}  // namespace binvit::nn
