// LayerNorm's elementwise step with AVX2 + FMA: out = fma(fma(x, rstd, shift), weight, bias), the
// two fused multiply-adds LibTorch's vectorised kernel compiles its expression into. Fused
// multiply-adds round once whatever instruction does them, so this equals the portable loop of
// float_ops.cpp bit for bit.
#include "core/runtime/engine/layer_norm_moments.h"

#include <immintrin.h>

#include <cmath>
#include <cstddef>

namespace binvit::runtime::engine {

// The moments of layer_norm_moments.h, vectorised by the compiler (8 lanes = one AVX2 register).
std::pair<float, float> layer_norm_moments_avx2(const float* x, std::size_t dim) {
  return torch_layer_norm_moments(x, dim);
}

void layer_norm_apply_avx2(const float* x, float rstd, float shift, const float* weight,
                           const float* bias, float* out, std::size_t dim) {
  const __m256 scale = _mm256_set1_ps(rstd), offset = _mm256_set1_ps(shift);
  std::size_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    const __m256 normalised = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), scale, offset);
    _mm256_storeu_ps(out + i, _mm256_fmadd_ps(normalised, _mm256_loadu_ps(weight + i),
                                              _mm256_loadu_ps(bias + i)));
  }
  for (; i < dim; ++i) out[i] = std::fma(std::fma(x[i], rstd, shift), weight[i], bias[i]);
}

}  // namespace binvit::runtime::engine
