#include "core/runtime/kernels/bitpack.h"

#include <cassert>

namespace binvit::runtime::kernels {

void pack_rows_ref(const float* x, std::size_t rows, std::size_t k, std::size_t ldx,
                   float threshold, std::uint64_t* out, std::size_t ldw) {
  const std::size_t words = words_for_bits(k);
  assert(x != nullptr && out != nullptr);
  assert(ldx >= k && ldw >= words);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* row = x + r * ldx;
    std::uint64_t* dst = out + r * ldw;
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t word = 0;  // bits past k stay 0: the padding contract
      const std::size_t begin = w * kBitsPerWord;
      const std::size_t end = begin + kBitsPerWord < k ? begin + kBitsPerWord : k;
      for (std::size_t e = begin; e < end; ++e) {
        if (row[e] >= threshold) word |= std::uint64_t{1} << (e - begin);
      }
      dst[w] = word;
    }
  }
}

}  // namespace binvit::runtime::kernels
