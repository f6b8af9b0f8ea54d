// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
#include "core/runtime/kernels/epilogue.h"

#include <immintrin.h>

#include <cassert>
#include <cmath>

namespace binvit::runtime::kernels {

void scale_bias_avx2(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                     const float* scale, const float* bias, float* out, std::size_t ldo) {
  assert(scale != nullptr && ldc >= n && ldo >= n);
  const std::size_t body = n / 8 * 8;
  for (std::size_t i = 0; i < m; ++i) {
    const std::int32_t* src = c + i * ldc;
    float* dst = out + i * ldo;
    for (std::size_t j = 0; j < body; j += 8) {
      const __m256 x =
          _mm256_cvtepi32_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + j)));
      const __m256 add = bias ? _mm256_loadu_ps(bias + j) : _mm256_setzero_ps();
      _mm256_storeu_ps(dst + j, _mm256_fmadd_ps(x, _mm256_loadu_ps(scale + j), add));
    }
    for (std::size_t j = body; j < n; ++j) {
      dst[j] = std::fma(static_cast<float>(src[j]), scale[j], bias ? bias[j] : 0.0f);
    }
  }
}

void scale_accumulate_avx2(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                           const float* scale, float* out, std::size_t ldo) {
  assert(scale != nullptr && ldc >= n && ldo >= n);
  const std::size_t body = n / 8 * 8;
  for (std::size_t i = 0; i < m; ++i) {
    const std::int32_t* src = c + i * ldc;
    float* dst = out + i * ldo;
    for (std::size_t j = 0; j < body; j += 8) {
      const __m256 x =
          _mm256_cvtepi32_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + j)));
      _mm256_storeu_ps(dst + j,
                       _mm256_fmadd_ps(x, _mm256_loadu_ps(scale + j), _mm256_loadu_ps(dst + j)));
    }
    for (std::size_t j = body; j < n; ++j)
      dst[j] = std::fma(static_cast<float>(src[j]), scale[j], dst[j]);
  }
}

}  // namespace binvit::runtime::kernels
