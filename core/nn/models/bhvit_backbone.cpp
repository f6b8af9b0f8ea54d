#include "core/nn/models/bhvit_backbone.h"

namespace binvit::nn {

BhvitBackboneImpl::BhvitBackboneImpl(const BhvitConfig& config_) : config(config_) {
  config.validate();
  stem = register_module("stem", BhvitStem(config));
  stages = register_module("stages", torch::nn::ModuleList());
  downsampling = register_module("downsampling", torch::nn::ModuleList());
  for (int64_t s = 0; s < config.stages(); ++s) {
    torch::nn::ModuleList blocks;
    for (int64_t i = 0; i < config.depths[static_cast<size_t>(s)]; ++i) {
      blocks->push_back(BhvitBlock(config, s));
    }
    stages->push_back(blocks);
    if (s + 1 < config.stages()) {
      downsampling->push_back(BhvitDownsampling(config.dims[static_cast<size_t>(s)],
                                                config.dims[static_cast<size_t>(s + 1)],
                                                config.map_side(s), !config.float_downsampling));
    }
  }
}

std::vector<torch::Tensor> BhvitBackboneImpl::forward_stages(const torch::Tensor& images) {
  std::vector<torch::Tensor> outputs;
  torch::Tensor x = stem->forward(images);
  for (size_t s = 0; s < stages->size(); ++s) {
    for (const auto& block : *stages->ptr(s)->as<torch::nn::ModuleList>()) {
      x = block->as<BhvitBlock>()->forward(x);
    }
    outputs.push_back(x);
    if (s < downsampling->size()) x = downsampling->ptr(s)->as<BhvitDownsampling>()->forward(x);
  }
  return outputs;
}

void BhvitBackboneImpl::add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const {
  rows.push_back(stem->cost(prefix + "stem"));
  for (size_t s = 0; s < stages->size(); ++s) {
    const auto& blocks = *stages->ptr(s)->as<torch::nn::ModuleList>();
    for (size_t i = 0; i < blocks.size(); ++i) {
      blocks.ptr(i)->as<BhvitBlock>()->add_costs(
          prefix + "stages." + std::to_string(s) + "." + std::to_string(i) + ".", rows);
    }
    if (s < downsampling->size()) {
      rows.push_back(downsampling->ptr(s)->as<BhvitDownsampling>()->cost(
          prefix + "downsampling." + std::to_string(s)));
    }
  }
}

std::vector<torch::Tensor> BhvitBackboneImpl::binary_block_weights() const {
  std::vector<torch::Tensor> weights;
  for (const auto& stage : *stages) {
    for (const auto& block : *stage->as<torch::nn::ModuleList>()) {
      for (auto& w : block->as<BhvitBlock>()->binary_weights()) weights.push_back(std::move(w));
    }
  }
  return weights;
}

torch::Tensor weight_oscillation_loss(const std::vector<torch::Tensor>& latent_weights) {
  TORCH_CHECK(!latent_weights.empty(), "the weight-oscillation regulariser needs binary layers");
  torch::Tensor total;
  for (const auto& w : latent_weights) {
    const torch::Tensor term = (w.abs() - 1).abs().mean();
    total = total.defined() ? total + term : term;
  }
  return total / static_cast<double>(latent_weights.size());
}

}  // namespace binvit::nn
