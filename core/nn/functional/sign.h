#pragma once
// The project-wide sign rule (ALGORITHMS.md 1.1): binary_sign(x) = +1 if x >= 0 else -1. The packed
// kernels use the same rule, so training-time simulation and the engine agree bit for bit.

#include <torch/torch.h>

namespace binvit::nn::functional {

// +-1 with sgn(0) = +1.
torch::Tensor binary_sign(const torch::Tensor& x);

// -1, 0, +1 (0 at 0): the ternary sign of GSB's value groups, where 0 means "outside the group".
torch::Tensor ternary_sign(const torch::Tensor& x);

// Round half up, computed so that round_half_up(x) >= k exactly when x >= k - 0.5 (floor(x + 0.5)
// can round 0.49999997 + 0.5 up to 1). The quantizers use it instead of torch::round (half to
// even) so that every quantized level is a plain threshold test, which the packed engine
// reproduces bit for bit: clip(round(x), 0, 3) == sum over s of 1{x >= s - 0.5}.
torch::Tensor round_half_up(const torch::Tensor& x);

// The same rules on one float, for the fused element loops (branch-free, so they vectorize).
inline float binary_sign_of(float x) { return x >= 0.0f ? 1.0f : -1.0f; }
inline float ternary_sign_of(float x) { return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f); }
// clip(round_half_up(r), 0, 1) is 1 exactly when r >= 0.5: below 0 the rounding gives at most 0,
// from 1 on at least 1, and in [0, 1) floor is 0. One comparison, no floor (which SSE2 only has
// as a libm call).
inline float unit_level_of(float r) { return r >= 0.5f ? 1.0f : 0.0f; }

// Reduces a broadcast gradient back to the shape of the tensor it was broadcast from.
torch::Tensor reduce_to_shape(const torch::Tensor& grad, const torch::Tensor& like);

}  // namespace binvit::nn::functional
