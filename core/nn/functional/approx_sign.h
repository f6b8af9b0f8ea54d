#pragma once
// BHViT's activation binarizer (ALGORITHMS.md 1.6, from Bi-Real Net).

#include <torch/torch.h>

namespace binvit::nn::functional {

// Forward binary_sign(x); backward g (2 + 2x) on [-1, 0), g (2 - 2x) on [0, 1], 0 elsewhere.
torch::Tensor approx_sign(const torch::Tensor& x);

}  // namespace binvit::nn::functional
