#include "core/nn/models/deit_block.h"

#include "core/nn/functional/engine_layer_norm.h"

namespace binvit::nn {
namespace {

torch::nn::LayerNorm layer_norm(const DeitConfig& c) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.embed_dim}).eps(c.layer_norm_eps));
}

}  // namespace

DeitBlockImpl::DeitBlockImpl(const DeitConfig& config) {
  norm1 = register_module("norm1", layer_norm(config));
  attn = register_module("attn", DeitAttention(config));
  norm2 = register_module("norm2", layer_norm(config));
  mlp = register_module("mlp", DeitMlp(config));
}

torch::Tensor DeitBlockImpl::forward(const torch::Tensor& x) {
  const torch::Tensor h = x + attn->forward(functional::evaluation_exact_layer_norm(norm1, x));
  return h + mlp->forward(functional::evaluation_exact_layer_norm(norm2, h));
}

void DeitBlockImpl::add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const {
  const int64_t n = attn->config.tokens(), c = attn->config.embed_dim;
  rows.push_back(plain_layer_cost(prefix + "norm1", "LayerNorm", count_parameters(*norm1), 0, 0,
                                  "A32", {n, c}));
  attn->add_costs(prefix + "attn.", rows);
  rows.push_back(plain_layer_cost(prefix + "norm2", "LayerNorm", count_parameters(*norm2), 0, 0,
                                  "A32", {n, c}));
  mlp->add_costs(prefix + "mlp.", rows);
}

}  // namespace binvit::nn
