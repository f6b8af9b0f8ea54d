// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
#include "core/runtime/kernels/qk.h"

#include <immintrin.h>

#include <cassert>

namespace binvit::runtime::kernels {
namespace {

// Four consecutive key tokens as one vector; contiguous keys (ldk == 1, the engine's layout)
// are one load, strided ones are gathered word by word.
inline __m256i load_keys(const std::uint64_t* keys, std::size_t ldk) {
  if (ldk == 1) return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(keys));
  return _mm256_setr_epi64x(static_cast<long long>(keys[0]), static_cast<long long>(keys[ldk]),
                            static_cast<long long>(keys[2 * ldk]),
                            static_cast<long long>(keys[3 * ldk]));
}

}  // namespace

void qk_d64_avx2(std::size_t m, std::size_t n, std::size_t d, const std::uint64_t* q,
                 std::size_t ldq, const std::uint64_t* keys, std::size_t ldk, std::int32_t* c,
                 std::size_t ldc) {
  assert(d >= 1 && d <= 64 && ldq >= 1 && ldk >= 1 && ldc >= n);
  const __m256i lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,  //
                                       0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0f);
  const __m256i zero = _mm256_setzero_si256();
  const __m256i d_vec = _mm256_set1_epi32(static_cast<int>(d));
  // After the blend below the dwords are keys [0, 4, 1, 5, 2, 6, 3, 7]; this restores order.
  const __m256i order = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  // Per-word popcount: nibble lookup gives per-byte counts, vpsadbw sums the 8 bytes of a word.
  const auto word_counts = [&](__m256i x) {
    const __m256i lo = _mm256_shuffle_epi8(lut, _mm256_and_si256(x, low));
    const __m256i hi = _mm256_shuffle_epi8(lut, _mm256_and_si256(_mm256_srli_epi16(x, 4), low));
    return _mm256_sad_epu8(_mm256_add_epi8(lo, hi), zero);
  };
  const std::size_t full = n / 8 * 8;
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint64_t query = q[i * ldq];
    const __m256i qv = _mm256_set1_epi64x(static_cast<long long>(query));
    std::int32_t* row = c + i * ldc;
    for (std::size_t j = 0; j < full; j += 8) {
      const __m256i s0 = word_counts(_mm256_xor_si256(qv, load_keys(keys + j * ldk, ldk)));
      const __m256i s1 = word_counts(_mm256_xor_si256(qv, load_keys(keys + (j + 4) * ldk, ldk)));
      const __m256i both = _mm256_blend_epi32(s0, _mm256_slli_epi64(s1, 32), 0xAA);
      const __m256i counts = _mm256_permutevar8x32_epi32(both, order);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(row + j),
                          _mm256_sub_epi32(d_vec, _mm256_slli_epi32(counts, 1)));
    }
    for (std::size_t j = full; j < n; ++j) {
      row[j] = static_cast<std::int32_t>(d) -
               2 * static_cast<std::int32_t>(_mm_popcnt_u64(query ^ keys[j * ldk]));
    }
  }
}

}  // namespace binvit::runtime::kernels
