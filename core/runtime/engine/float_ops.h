#pragma once
// The float parts of a DeiT, written to round like LibTorch's CPU kernels where the order of
// operations is known (LayerNorm's affine step, softmax's multiply by the reciprocal sum,
// GELU's formula), so that the values that reach a binarizer differ from the training-time
// simulation by at most a few units in the last place.

#include <cstddef>

namespace binvit::runtime::engine {

// Each row of x (rows x dim): y = (x * rstd + (-rstd * mean)) * weight + bias, with
// rstd = 1 / sqrt(var + eps) (biased variance), as torch.nn.LayerNorm.
void layer_norm(const float* x, std::size_t rows, std::size_t dim, double eps, const float* weight,
                const float* bias, float* y);

// In place over each row: exp(x - max) * (1 / sum).
void softmax_rows(float* x, std::size_t rows, std::size_t cols);

// GELU with erf, x * 0.5 * (1 + erf(x / sqrt 2)); clamped to [-limit, limit] when limit > 0.
// erf is the Abramowitz-Stegun approximation that LibTorch's vectorised kernel evaluates.
void gelu(const float* x, std::size_t count, float limit, float* y);

// C (m x n, stride ldc) = A (m x k, stride lda) . Bt (k x n, contiguous) + bias (n, or null).
void float_gemm(std::size_t m, std::size_t n, std::size_t k, const float* a, std::size_t lda,
                const float* bt, const float* bias, float* c, std::size_t ldc);

}  // namespace binvit::runtime::engine
