#pragma once
// Per-channel parameters (C) broadcast along one dimension of an activation: the last one for
// tokens (B, N, C), dimension 1 for maps (B, C, H, W).

#include <torch/torch.h>

namespace binvit::nn {

inline torch::Tensor along_channels(const torch::Tensor& param, const torch::Tensor& x,
                                    int64_t channel_dim) {
  const int64_t dim = channel_dim < 0 ? channel_dim + x.dim() : channel_dim;
  TORCH_CHECK(dim >= 0 && dim < x.dim() && x.size(dim) == param.size(0), "a per-channel parameter of ",
              param.size(0), " channels does not fit dimension ", channel_dim, " of shape ", x.sizes());
  std::vector<int64_t> shape(static_cast<size_t>(x.dim()), 1);
  shape[static_cast<size_t>(dim)] = param.size(0);
  return param.reshape(shape);
}

}  // namespace binvit::nn
