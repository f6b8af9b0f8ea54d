// The float GEMM of float_ops.h with AVX2 + FMA: a 4 x 16 register tile (eight accumulators),
// the whole k loop in registers. Used for the patch embedding (float input times the LSQ
// weights) and the float models. Fused multiply-adds round differently from the portable loop,
// which is why this GEMM feeds only float values, never a bit decision compared across variants.
#include <immintrin.h>

#include <cmath>
#include <cstddef>

namespace binvit::runtime::engine {

void float_gemm_avx2(std::size_t m, std::size_t n, std::size_t k, const float* a, std::size_t lda,
                     const float* bt, const float* bias, float* c, std::size_t ldc) {
  std::size_t i = 0;
  for (; i + 4 <= m; i += 4) {
    std::size_t j = 0;
    for (; j + 16 <= n; j += 16) {
      __m256 acc[4][2];
      for (auto& row : acc) row[0] = row[1] = _mm256_setzero_ps();
      for (std::size_t e = 0; e < k; ++e) {
        const __m256 b0 = _mm256_loadu_ps(bt + e * n + j);
        const __m256 b1 = _mm256_loadu_ps(bt + e * n + j + 8);
        for (int r = 0; r < 4; ++r) {
          const __m256 s = _mm256_broadcast_ss(a + (i + static_cast<std::size_t>(r)) * lda + e);
          acc[r][0] = _mm256_fmadd_ps(s, b0, acc[r][0]);
          acc[r][1] = _mm256_fmadd_ps(s, b1, acc[r][1]);
        }
      }
      for (int r = 0; r < 4; ++r) {
        float* out = c + (i + static_cast<std::size_t>(r)) * ldc + j;
        __m256 lo = acc[r][0], hi = acc[r][1];
        if (bias != nullptr) {
          lo = _mm256_add_ps(lo, _mm256_loadu_ps(bias + j));
          hi = _mm256_add_ps(hi, _mm256_loadu_ps(bias + j + 8));
        }
        _mm256_storeu_ps(out, lo);
        _mm256_storeu_ps(out + 8, hi);
      }
    }
    for (; j < n; ++j) {
      for (std::size_t r = i; r < i + 4; ++r) {
        float sum = 0.0f;
        for (std::size_t e = 0; e < k; ++e) sum = std::fma(a[r * lda + e], bt[e * n + j], sum);
        c[r * ldc + j] = bias != nullptr ? sum + bias[j] : sum;
      }
    }
  }
  for (; i < m; ++i) {
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8) {
      __m256 acc = _mm256_setzero_ps();
      for (std::size_t e = 0; e < k; ++e) {
        acc = _mm256_fmadd_ps(_mm256_broadcast_ss(a + i * lda + e), _mm256_loadu_ps(bt + e * n + j), acc);
      }
      if (bias != nullptr) acc = _mm256_add_ps(acc, _mm256_loadu_ps(bias + j));
      _mm256_storeu_ps(c + i * ldc + j, acc);
    }
    for (; j < n; ++j) {
      float sum = 0.0f;
      for (std::size_t e = 0; e < k; ++e) sum = std::fma(a[i * lda + e], bt[e * n + j], sum);
      c[i * ldc + j] = bias != nullptr ? sum + bias[j] : sum;
    }
  }
}

}  // namespace binvit::runtime::engine
