#include "core/nn/models/bhvit_block.h"

#include "core/nn/layers/token_batch_norm.h"

namespace binvit::nn {

BhvitBlockImpl::BhvitBlockImpl(const BhvitConfig& config, int64_t stage)
    : side(config.map_side(stage)) {
  const auto at = static_cast<size_t>(stage);
  const int64_t c = config.dims[at];
  norm_before = register_module("norm_before", torch::nn::BatchNorm1d(c));
  if (config.mixer(stage) == BhvitMixer::Msgdc) {
    msgdc = register_module("msgdc", BhvitMsgdc(c, config.msgdc_groups, config.msgdc_dilations));
  } else {
    attention = register_module(
        "attention", BhvitMsmha(BhvitMsmhaOptions(c, config.heads[at], config.window_sizes[at], side)
                                    .layer_scale_init(config.layer_scale_init)));
  }
  norm_after = register_module("norm_after", torch::nn::BatchNorm1d(c));
  mlp = register_module("mlp", BhvitMlp(c, config.mlp_ratios[at], config.layer_scale_init));
  if (config.shift_branches) shifts = register_module("shifts", BhvitShiftBranches(c));
}

torch::Tensor BhvitBlockImpl::forward(const torch::Tensor& x) {
  const torch::Tensor normed = batch_norm_tokens(norm_before, x);
  const torch::Tensor h = x + (msgdc ? msgdc->forward(normed, side) : attention->forward(normed));
  const torch::Tensor u = batch_norm_tokens(norm_after, h);
  torch::Tensor out = h + mlp->forward(u);
  if (shifts) out = out + shifts->forward(u, side);
  return out;
}

void BhvitBlockImpl::add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const {
  const int64_t tokens = side * side;
  const auto norm_row = [&](const char* name, const torch::nn::BatchNorm1d& norm) {
    rows.push_back(plain_layer_cost(prefix + name, "BatchNorm", count_parameters(*norm), 0, 0,
                                    "A32", {tokens, norm->options.num_features()}));
  };
  norm_row("norm_before", norm_before);
  if (msgdc) {
    msgdc->add_costs(prefix + "msgdc.", side, rows);
  } else {
    attention->add_costs(prefix + "attention.", rows);
  }
  norm_row("norm_after", norm_after);
  mlp->add_costs(prefix + "mlp.", tokens, rows);
  if (shifts) rows.push_back(shifts->cost(prefix + "shifts", side));
}

std::vector<torch::Tensor> BhvitBlockImpl::binary_weights() const {
  std::vector<torch::Tensor> weights;
  if (msgdc) {
    for (const auto& conv : *msgdc->convs) weights.push_back(conv->as<BinaryConv2d>()->weight);
  } else {
    for (const auto* layer : {&attention->query, &attention->key, &attention->value,
                              &attention->output}) {
      weights.push_back((*layer)->linear->weight);
    }
  }
  weights.push_back(mlp->expand->linear->weight);
  weights.push_back(mlp->reduce->linear->weight);
  return weights;
}

}  // namespace binvit::nn
