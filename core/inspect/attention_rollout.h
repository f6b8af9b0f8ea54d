#pragma once
// Attention rollout (Abnar & Zuidema 2020): the product over layers of (A_mean + I), each
// normalised so rows sum to 1. The widely copied script normalises before adding the identity
// or not at all; here every factor and therefore the product is row-stochastic.

#include <torch/torch.h>

#include <vector>

namespace binvit::inspect {

// attention_per_layer: one (H, N, N) or (N, N) tensor per layer, input layer first.
// residual_weight: weight of the identity (0.5 in the paper). Returns (N, N), rows sum to 1.
torch::Tensor attention_rollout(const std::vector<torch::Tensor>& attention_per_layer,
                                double residual_weight = 0.5);

}  // namespace binvit::inspect
