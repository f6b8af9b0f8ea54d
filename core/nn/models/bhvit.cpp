#include "core/nn/models/bhvit.h"

#include "core/nn/layers/token_batch_norm.h"

namespace binvit::nn {

Bhvit::Bhvit(const BhvitConfig& config_) : config(config_) {
  config.validate();
  const int64_t c = config.dims.back();
  backbone = register_module("backbone", BhvitBackbone(config));
  norm = register_module("norm", torch::nn::BatchNorm1d(c));
  head = register_module("head", LsqLinear(c, config.num_classes, static_cast<int>(config.end_bits)));
}

ClassifierOutput Bhvit::forward_heads(const torch::Tensor& images) {
  const torch::Tensor tokens = batch_norm_tokens(norm, backbone->forward(images));
  ClassifierOutput out;
  out.logits = head->forward(tokens.mean(1));
  return out;
}

torch::Tensor Bhvit::weight_oscillation_regularizer() {
  return nn::weight_oscillation_loss(backbone->binary_block_weights());
}

ModelSummary Bhvit::summary() const {
  ModelSummary s;
  s.model = std::string("bhvit") + (config.float_downsampling ? "/float-downsampling" : "");
  s.input_shape = input_shape();
  backbone->add_costs("", s.layers);
  const int64_t c = config.dims.back(), last = config.stages() - 1;
  s.layers.push_back(plain_layer_cost("norm", "BatchNorm", count_parameters(*norm), 0, 0, "A32",
                                      {config.tokens(last), c}));
  s.layers.push_back(weighted_layer_cost("head", head->quantized() ? "Int8Linear" : "Linear",
                                         *head, head->weight, head->bits, head->bits,
                                         static_cast<double>(head->weight.numel()),
                                         {config.num_classes}));
  return s;
}

}  // namespace binvit::nn
