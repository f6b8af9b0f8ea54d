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
      // The last partial word: scalar, so no load reads past the end of the row.
      std::uint64_t word = 0;
      const std::size_t begin = full_words * kBitsPerWord;
      for (std::size_t e = begin; e < k; ++e) {
        if (row[e] >= threshold) word |= std::uint64_t{1} << (e - begin);
      }
      dst[full_words] = word;
    }
  }
}

}  // namespace binvit::runtime::kernels
