#pragma once
// BatchNorm over the channels of tokens (..., C): BHViT's "norm" (ALGORITHMS.md 3.1), which the
// released script builds as a BatchNorm1d over (B, C, N). Statistics over every leading position
// are the same whether the tokens are laid out (B, C, N) or flattened to (B N, C).

#include <torch/torch.h>

#include <cmath>

namespace binvit::nn {

// Evaluation-mode BatchNorm folded into y = x * scale + shift per channel, computed in float:
// scale = weight / sqrt(running_var + eps), shift = bias - running_mean * scale. The model
// evaluates with these two tensors and the exporter writes them, so that the packed engine's
// multiply and add give the same bits.
struct FoldedBatchNorm {
  torch::Tensor scale, shift;
};

// Norm: torch::nn::BatchNorm1d or BatchNorm2d (the segmentation head's).
template <typename Norm>
FoldedBatchNorm fold_batch_norm(const Norm& norm) {
  torch::NoGradGuard no_grad;
  const auto& o = norm->options;
  const int64_t c = o.num_features();
  const torch::Tensor weight = o.affine() ? norm->weight.detach() : torch::ones({c});
  const torch::Tensor bias = o.affine() ? norm->bias.detach() : torch::zeros({c});
  const torch::Tensor scale = weight / torch::sqrt(norm->running_var + o.eps());
  return {scale, bias - norm->running_mean * scale};
}

inline torch::Tensor batch_norm_tokens(torch::nn::BatchNorm1d& norm, const torch::Tensor& tokens) {
  if (!norm->is_training() && norm->options.track_running_stats() &&
      tokens.scalar_type() == torch::kFloat) {
    const FoldedBatchNorm folded = fold_batch_norm(norm);
    return tokens * folded.scale + folded.shift;
  }
  return norm->forward(tokens.reshape({-1, tokens.size(-1)})).reshape(tokens.sizes());
}

}  // namespace binvit::nn
