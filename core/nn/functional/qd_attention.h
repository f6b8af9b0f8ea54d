#pragma once
// BHViT's quantization decomposition of attention (ALGORITHMS.md 3.6), per head h:
//   A_q = alpha_h * clip(round(s A / alpha_h + z_h), 0, s),   s = levels (3),
// which equals alpha_h * sum_{sigma=1..s} 1{s A / alpha_h + z_h >= sigma - 0.5}: s binary maps,
// each multiplied with sign V by the packed engine. Rounding is half up (see round_half_up).

#include <torch/torch.h>

#include <vector>

namespace binvit::nn::functional {

// attention (B, H, N, M); alpha and zero_point (H). LSQ gradients with u = sA/alpha + z and
// inside = 1{0 <= u <= s}: dA = g s inside; dalpha = gs sum(g (q - inside sA/alpha));
// dz = gs sum(g alpha inside), q = clip(round(u), 0, s), gs = 1/sqrt(n_per_head s).
torch::Tensor qd_attention(const torch::Tensor& attention, const torch::Tensor& alpha,
                           const torch::Tensor& zero_point, int64_t levels);

// The integer levels clip(round_half_up(u), 0, s) of the forward (A_q = alpha_h * levels), no
// gradient. Evaluation multiplies levels . sign V exactly and scales by alpha_h once, as the
// packed engine does.
torch::Tensor qd_levels(const torch::Tensor& attention, const torch::Tensor& alpha,
                        const torch::Tensor& zero_point, int64_t levels);

// The s binary maps 1{u >= sigma - 0.5}, stacked: shape (s, B, H, N, M). For inspection and
// for checking the decomposition identity.
torch::Tensor qd_binary_maps(const torch::Tensor& attention, const torch::Tensor& alpha,
                             const torch::Tensor& zero_point, int64_t levels);

}  // namespace binvit::nn::functional
