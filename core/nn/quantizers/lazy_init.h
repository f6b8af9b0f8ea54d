#pragma once
// Scales that are initialised "on the first batch" (ALGORITHMS.md 1.7) carry a flag in a buffer
// named `initialized`, so the flag travels with the parameters through torch::save/load and a
// loaded model never re-initialises them.

#include <torch/torch.h>

namespace binvit::nn {

inline torch::Tensor register_init_flag(torch::nn::Module& module) {
  return module.register_buffer("initialized", torch::zeros({1}, torch::kUInt8));
}

inline bool is_initialized(const torch::Tensor& flag) { return flag.item<uint8_t>() != 0; }

inline void mark_initialized(torch::Tensor& flag) {
  torch::NoGradGuard no_grad;
  flag.fill_(1);
}

// Mean of `values` where mask is 1, or `fallback` where the mask is empty.
inline torch::Tensor masked_mean(const torch::Tensor& values, const torch::Tensor& mask,
                                 const torch::Tensor& fallback) {
  const torch::Tensor count = mask.sum();
  return torch::where(count > 0, (values * mask).sum() / count.clamp_min(1), fallback);
}

// Turns per-region level estimates into superposed scales: level_k = sum_{j<=k} scale_j, so
// scale_k = raw_k - sum_{j<k} scale_j (ALGORITHMS.md 2.3, "make them cumulative").
inline torch::Tensor cumulative_scales(const torch::Tensor& raw) {
  torch::Tensor scales = raw.clone();
  for (int64_t k = 1; k < raw.size(0); ++k) scales[k] = raw[k] - raw[k - 1];
  return scales;
}

}  // namespace binvit::nn
