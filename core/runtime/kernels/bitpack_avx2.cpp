// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
#include "core/runtime/kernels/bitpack.h"

#include <immintrin.h>

#include <cassert>

namespace binvit::runtime::kernels {

void pack_rows_avx2(const float* x, std::size_t rows, std::size_t k, std::size_t ldx,
                    float threshold, std::uint64_t* out, std::size_t ldw) {
  const std::size_t words = words_for_bits(k);
  const std::size_t full_words = k / kBitsPerWord;
  assert(x != nullptr && out != nullptr);
  assert(ldx >= k && ldw >= words);
  const __m256 t = _mm256_set1_ps(threshold);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* row = x + r * ldx;
    std::uint64_t* dst = out + r * ldw;
    for (std::size_t w = 0; w < full_words; ++w) {
      const float* src = row + w * kBitsPerWord;
      std::uint64_t word = 0;
      // _CMP_GE_OQ: ordered, so NaN gives 0 exactly like the scalar x >= t; -0.0 >= 0.0 is true.
      for (int g = 0; g < 8; ++g) {
        const __m256 ge = _mm256_cmp_ps(_mm256_loadu_ps(src + 8 * g), t, _CMP_GE_OQ);
        word |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm256_movemask_ps(ge)))
                << (8 * g);
      }
      dst[w] = word;
    }
    if (full_words < words) {
      // The last partial word (the whole row when k < 64, e.g. a conv's channels per group):
      // whole groups of 8, then a masked load that reads no float past the end of the row
      // (masked-out lanes load 0.0, so their bits are cut off by `keep`).
      const float* src = row + full_words * kBitsPerWord;
      const std::size_t tail = k - full_words * kBitsPerWord;
      std::uint64_t word = 0;
      std::size_t e = 0;
      for (; e + 8 <= tail; e += 8) {
        const __m256 ge = _mm256_cmp_ps(_mm256_loadu_ps(src + e), t, _CMP_GE_OQ);
        word |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm256_movemask_ps(ge))) << e;
      }
      if (e < tail) {
        const int left = static_cast<int>(tail - e);
        const __m256i lanes =
            _mm256_cmpgt_epi32(_mm256_set1_epi32(left), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        const __m256 ge = _mm256_cmp_ps(_mm256_maskload_ps(src + e, lanes), t, _CMP_GE_OQ);
        const unsigned keep = (1u << left) - 1;
        word |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm256_movemask_ps(ge)) & keep)
                << e;
      }
      dst[full_words] = word;
    }
  }
}

}  // namespace binvit::runtime::kernels
