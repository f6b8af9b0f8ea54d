#pragma once
// GSB's group superposition (ALGORITHMS.md 2.3): the attention matrix and the value matrix become
// sums of K scaled binary (attention) or ternary (value) maps. Masks and groups are computed from
// the data without gradient and passed in, so the autograd functions treat them as constants.

#include "core/nn/functional/threshold_scope.h"

#include <torch/torch.h>

#include <vector>

namespace binvit::nn::functional {

// Checks that taus are strictly increasing inside (0, 1); the message names the offending value.
void check_superposition_taus(const std::vector<double>& taus);

// Nested attention masks M_{k+1} = 1{A > tau_k * max(A)}, stacked: shape (taus.size(), A.shape).
torch::Tensor attention_masks(const torch::Tensor& attention, const std::vector<double>& taus,
                              ThresholdScope scope);

// Value groups G_{k+1} = 1{v > tau_k max(v)} + 1{v < tau_k min(v)}, stacked like the masks.
torch::Tensor value_groups(const torch::Tensor& value, const std::vector<double>& taus,
                           ThresholdScope scope);

// A_q = a_1 clip(round(A/a_1), 0, 1) + sum_k a_k M_k, alphas of shape (K). With r = A/a_1:
// dA = g (1{0 <= r <= 1} + sum_k a_k M_k); da_1 = n^-1/2 sum(g (1{r > 1} +
// 1{0<=r<=1}(round(r)-r))); da_k = |M_k|^-1/2 sum(g M_k). With K = 1 this is the baseline {0,
// alpha} binarizer.
torch::Tensor gsb_attention(const torch::Tensor& attention, const torch::Tensor& alphas,
                            const torch::Tensor& masks);

// V_q = b_1 binary_sign(v) + sum_k b_k tsgn(v G_k), betas of shape (K). With v_1 = v, v_k = v G_k:
// dv = g sum_k 1{|v_k| <= b_k}; db_k = n_k^-1/2 sum(g (s_k(v_k) - 1{|v_k| <= b_k} v_k / b_k)),
// s_1 = sgn, s_k = tsgn (0 outside the group), n_1 = numel, n_k = |G_k|.
torch::Tensor gsb_value(const torch::Tensor& value, const torch::Tensor& betas,
                        const torch::Tensor& groups);

// The parts gsb_attention sums, stacked (K, A.shape), without gradient: the base map
// clip(round(A/a_1), 0, 1), then the masks. `alphas` as given to gsb_attention (clamped here).
torch::Tensor attention_parts(const torch::Tensor& attention, const torch::Tensor& alphas,
                              const torch::Tensor& masks);

// The parts gsb_value sums, stacked (K, v.shape), without gradient: binary_sign(v), then
// tsgn(v G_k).
torch::Tensor value_parts(const torch::Tensor& value, const torch::Tensor& groups);

// Float32 inputs with maps of their own shape take fused one-pass kernels (same values and input
// gradients as the tensor expressions, scale gradients summed in double); off: the expressions.
// For tests and comparisons; on by default.
void set_fused_superposition_kernels(bool enabled);
bool fused_superposition_kernels();

}  // namespace binvit::nn::functional
