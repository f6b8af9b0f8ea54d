#pragma once
// The float parts of a DeiT, written to round like LibTorch's CPU kernels where the order of
// operations is known (LayerNorm's affine step, softmax's multiply by the reciprocal sum,
// GELU's formula), so that the values that reach a binarizer differ from the training-time
// simulation by at most a few units in the last place.

#include <algorithm>
#include <cmath>
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

// One GELU value with erf by Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7), the form of LibTorch's
// vectorised CPU GELU, so that both round alike; std::erf would be exact but differs from it as
// much. Clamped to [-limit, limit] when limit > 0. The AVX2 path uses it for its tail.
inline float gelu_scalar(float x, float limit) {
  const float z = x * static_cast<float>(M_SQRT1_2);
  const float a = std::fabs(z);
  const float t = 1.0f / std::fma(0.3275911f, a, 1.0f);
  float r = std::fma(1.061405429f, t, -1.453152027f);
  r = std::fma(r, t, 1.421413741f);
  r = std::fma(r, t, -0.284496736f);
  r = std::fma(r, t, 0.254829592f);
  const float erf = std::copysign(std::fma(-std::exp(-(z * z)) * t, r, 1.0f), z);
  const float g = x * 0.5f * (1.0f + erf);
  return limit > 0.0f ? std::min(std::max(g, -limit), limit) : g;
}

// C (m x n, stride ldc) = A (m x k, stride lda) . Bt (k x n, contiguous) + bias (n, or null).
void float_gemm(std::size_t m, std::size_t n, std::size_t k, const float* a, std::size_t lda,
                const float* bt, const float* bias, float* c, std::size_t ldc);

}  // namespace binvit::runtime::engine
