// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
#include "core/runtime/kernels/igemm.h"

#include <immintrin.h>

#include <algorithm>
#include <cassert>

namespace binvit::runtime::kernels {
namespace {

constexpr int kColumns = 4;
constexpr std::size_t kL1BudgetBytes = 16 * 1024;  // B rows kept hot per block (see bgemm)

inline __m256i widen16(const std::int8_t* p) {
  return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

// Horizontal sums of four vectors of 8 int32 -> 4 int32.
inline __m128i sum4(__m256i v0, __m256i v1, __m256i v2, __m256i v3) {
  const __m256i h = _mm256_hadd_epi32(_mm256_hadd_epi32(v0, v1), _mm256_hadd_epi32(v2, v3));
  return _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
}

inline std::int32_t dot_tail(const std::int8_t* x, const std::int8_t* y, std::size_t from,
                             std::size_t k) {
  std::int32_t sum = 0;
  for (std::size_t e = from; e < k; ++e) {
    sum += static_cast<std::int32_t>(x[e]) * static_cast<std::int32_t>(y[e]);
  }
  return sum;
}

}  // namespace

void igemm_2x4_avx2(std::size_t m, std::size_t n, std::size_t k, const std::int8_t* a,
                    std::size_t lda, const std::int8_t* b, std::size_t ldb, std::int32_t* c,
                    std::size_t ldc) {
  assert(a != nullptr && b != nullptr && c != nullptr);
  assert(k <= (std::size_t{1} << 17) && lda >= k && ldb >= k && ldc >= n);
  const std::size_t body = k / 16 * 16;  // 16 int8 -> one vector of 16 int16
  const std::size_t block = std::max<std::size_t>(
      kColumns, kL1BudgetBytes / std::max<std::size_t>(k, 1) / kColumns * kColumns);
  for (std::size_t n0 = 0; n0 < n; n0 += block) {
    const std::size_t n1 = std::min(n, n0 + block);
    for (std::size_t i = 0; i < m; i += 2) {
      const bool second_row = i + 1 < m;
      const std::int8_t* a0 = a + i * lda;
      const std::int8_t* a1 = second_row ? a0 + lda : a0;  // odd last row: computed twice
      for (std::size_t j = n0; j < n1; j += kColumns) {
        const std::size_t valid = std::min<std::size_t>(kColumns, n1 - j);
        const std::int8_t* bp[kColumns];
        for (int q = 0; q < kColumns; ++q)
          bp[q] = b + (j + std::min<std::size_t>(q, valid - 1)) * ldb;
        __m256i acc0[kColumns], acc1[kColumns];
        for (int q = 0; q < kColumns; ++q) acc0[q] = acc1[q] = _mm256_setzero_si256();
        for (std::size_t e = 0; e < body; e += 16) {
          const __m256i x0 = widen16(a0 + e);
          const __m256i x1 = widen16(a1 + e);
          for (int q = 0; q < kColumns; ++q) {
            const __m256i y = widen16(bp[q] + e);
            acc0[q] = _mm256_add_epi32(acc0[q], _mm256_madd_epi16(x0, y));
            acc1[q] = _mm256_add_epi32(acc1[q], _mm256_madd_epi16(x1, y));
          }
        }
        alignas(16) std::int32_t r0[4], r1[4];
        _mm_store_si128(reinterpret_cast<__m128i*>(r0), sum4(acc0[0], acc0[1], acc0[2], acc0[3]));
        _mm_store_si128(reinterpret_cast<__m128i*>(r1), sum4(acc1[0], acc1[1], acc1[2], acc1[3]));
        std::int32_t* c0 = c + i * ldc + j;
        for (std::size_t q = 0; q < valid; ++q) c0[q] = r0[q] + dot_tail(a0, bp[q], body, k);
        if (second_row) {
          for (std::size_t q = 0; q < valid; ++q)
            c0[ldc + q] = r1[q] + dot_tail(a1, bp[q], body, k);
        }
      }
    }
  }
}

}  // namespace binvit::runtime::kernels
