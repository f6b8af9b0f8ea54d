#pragma once
// The parameter-free shifts of BHViT's shift-enhanced MLP (ALGORITHMS.md 3.5), on maps
// (B, C, H, W). Rolls are circular (torch::roll), as in the released code, so the packed engine
// can implement them as index arithmetic without padding rules.

#include <torch/torch.h>

namespace binvit::nn::functional {

// Mean of the rolls by 0, +-1, ..., +-reach along `dim` (2 = H, 3 = W): reach 1 averages three
// rolls ("shift3"), reach 2 five ("shift5").
torch::Tensor rolled_mean(const torch::Tensor& map, int64_t reach, int64_t dim);

// Four equal channel chunks rolled by +step along H, -step along H, +step along W, -step along
// W. C must be a multiple of 4.
torch::Tensor channel_split_roll(const torch::Tensor& map, int64_t step);

}  // namespace binvit::nn::functional
