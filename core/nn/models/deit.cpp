#include "core/nn/models/deit.h"

#include "core/nn/functional/engine_layer_norm.h"

namespace binvit::nn {

Deit::Deit(const DeitConfig& config_) : config(config_) {
  config.validate();
  const int64_t c = config.embed_dim;
  patch_embed = register_module("patch_embed", PatchEmbedding(config));
  cls_token = register_parameter("cls_token", torch::randn({1, 1, c}) * 0.02);
  if (config.distillation_token) {
    dist_token = register_parameter("dist_token", torch::randn({1, 1, c}) * 0.02);
  }
  pos_embed = register_parameter("pos_embed", torch::randn({1, config.tokens(), c}) * 0.02);
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < config.depth; ++i) blocks->push_back(DeitBlock(config));
  norm = register_module(
      "norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c}).eps(config.layer_norm_eps)));
  head = register_module("head", LsqLinear(c, config.num_classes, end_layer_bits(config)));
  if (config.distillation_token) {
    head_dist =
        register_module("head_dist", LsqLinear(c, config.num_classes, end_layer_bits(config)));
  }
}

ClassifierOutput Deit::forward_heads(const torch::Tensor& images) {
  const torch::Tensor patches = patch_embed->forward(images);
  const int64_t batch = patches.size(0);
  std::vector<torch::Tensor> tokens{cls_token.expand({batch, -1, -1})};
  if (dist_token.defined()) tokens.push_back(dist_token.expand({batch, -1, -1}));
  tokens.push_back(patches);
  torch::Tensor x = torch::cat(tokens, 1) + pos_embed;
  for (const auto& block : *blocks) x = block->as<DeitBlock>()->forward(x);
  x = functional::evaluation_exact_layer_norm(norm, x);
  ClassifierOutput out;
  out.logits = head->forward(x.select(1, 0));
  if (head_dist) out.distillation_logits = head_dist->forward(x.select(1, 1));
  return out;
}

ModelSummary Deit::summary() const {
  ModelSummary s;
  s.model = "deit/" + to_string(config.variant);
  s.input_shape = input_shape();
  const int64_t n = config.tokens(), c = config.embed_dim;
  s.layers.push_back(patch_embed->cost("patch_embed"));
  const int64_t token_params =
      cls_token.numel() + (dist_token.defined() ? dist_token.numel() : 0) + pos_embed.numel();
  s.layers.push_back(
      plain_layer_cost("tokens+pos_embed", "Embedding", token_params, 0, 0, "A32", {n, c}));
  for (size_t i = 0; i < blocks->size(); ++i) {
    blocks->ptr(i)->as<DeitBlock>()->add_costs("blocks." + std::to_string(i) + ".", s.layers);
  }
  s.layers.push_back(
      plain_layer_cost("norm", "LayerNorm", count_parameters(*norm), 0, 0, "A32", {n, c}));
  s.layers.push_back(head_cost("head", head));
  if (head_dist) s.layers.push_back(head_cost("head_dist", head_dist));
  return s;
}

}  // namespace binvit::nn
