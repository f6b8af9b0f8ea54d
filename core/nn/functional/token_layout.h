#pragma once
// Moving between the two layouts of a square feature map: tokens (B, N, C) with N = side^2 in
// row-major order, and maps (B, C, side, side). BHViT keeps tokens between layers (norms and
// linears act on the last dimension) and turns them into maps for convolutions, pooling,
// windows and shifts.

#include <torch/torch.h>

namespace binvit::nn::functional {

// (B, N, C) -> (B, C, side, side); N must equal side^2.
torch::Tensor tokens_to_map(const torch::Tensor& tokens, int64_t side);

// (B, C, H, W) -> (B, H W, C)
torch::Tensor map_to_tokens(const torch::Tensor& map);

// (B, C, H, W) -> (B nW, w^2, C): non-overlapping w x w windows, windows of one image consecutive
// in row-major order, tokens in a window row-major. H and W must be multiples of w.
torch::Tensor split_windows(const torch::Tensor& map, int64_t window);

// The inverse of split_windows: (B nW, w^2, C) -> (B, C, side, side).
torch::Tensor merge_windows(const torch::Tensor& windows, int64_t window, int64_t side);

}  // namespace binvit::nn::functional
