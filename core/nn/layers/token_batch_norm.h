#pragma once
// BatchNorm over the channels of tokens (..., C): BHViT's "norm" (ALGORITHMS.md 3.1), which the
// released script builds as a BatchNorm1d over (B, C, N). Statistics over every leading position
// are the same whether the tokens are laid out (B, C, N) or flattened to (B N, C).

#include <torch/torch.h>

namespace binvit::nn {

inline torch::Tensor batch_norm_tokens(torch::nn::BatchNorm1d& norm, const torch::Tensor& tokens) {
  return norm->forward(tokens.reshape({-1, tokens.size(-1)})).reshape(tokens.sizes());
}

}  // namespace binvit::nn
