#pragma once
// Weight binarizers (ALGORITHMS.md 1.2 and 1.3). The first dimension of a weight is the output
// channel, for linear (out, in) and conv (out, in/groups, kh, kw) weights alike.

#include <torch/torch.h>

namespace binvit::nn::functional {

enum class ScaleGranularity { PerTensor, PerChannel };

// GSB / BWN: a * sgn(W - mean(W)), a = mean|W| per tensor or per output channel.
// Backward: identity (a and the mean get no gradient).
torch::Tensor bwn_binarize(const torch::Tensor& weight, ScaleGranularity granularity);

// BHViT: a_c * sgn(W - mean_c(W)), a_c = mean|W_c| detached and taken before centring.
// Backward: passes where |W - mean_c(W)| <= 1 and flows through the mean subtraction.
torch::Tensor centred_sign_binarize(const torch::Tensor& weight);

// Mean over every dimension but the first, kept for broadcasting: shape (out, 1, ...).
torch::Tensor per_channel_mean(const torch::Tensor& t);

}  // namespace binvit::nn::functional
