#pragma once
// GSB's elastic activation binarizers (ALGORITHMS.md 1.4, 1.5) with a learnable scale alpha.
// The input is the already shifted activation X~ = X + b; alpha is broadcast against it.

#include <torch/torch.h>

namespace binvit::nn::functional {

// Smallest scale the binarizers divide by (the released code clamps alpha to 1e-5 too).
constexpr double kMinScale = 1e-5;

// alpha * sgn(X~). dX~ = g 1{|X~| <= alpha};
// dalpha = n^-1/2 sum(g (sgn(X~) - 1{|X~| <= alpha} X~/alpha)).
torch::Tensor elastic_sign(const torch::Tensor& x, const torch::Tensor& alpha);

// alpha * clip(round(X~/alpha), 0, 1), values {0, alpha}. With r = X~/alpha:
// dX~ = g 1{0 <= r <= 1}; dalpha = n^-1/2 sum(g (1{r > 1} + 1{0 <= r <= 1} (round(r) - r))).
torch::Tensor elastic_unsigned(const torch::Tensor& x, const torch::Tensor& alpha);

// The binarizers run a fused one-pass kernel for float32 input and a scalar alpha (the
// common case in training, about 10x fewer memory passes); the composite tensor expressions are
// the reference, used otherwise and when this is switched off (tests compare the two).
void set_fused_elastic_kernels(bool enabled);
bool fused_elastic_kernels();

}  // namespace binvit::nn::functional
