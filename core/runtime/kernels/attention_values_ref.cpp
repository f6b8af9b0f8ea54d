#include "core/runtime/kernels/attention_values.h"

#include "core/runtime/kernels/bitpack.h"

#include <cassert>
#include <cmath>

namespace binvit::runtime::kernels {

void attention_values_ref(const AttentionValues& p) {
  assert(p.maps >= 1 && p.comps >= 1 && p.n_keys >= 1 && p.d >= 1);
  assert(p.ldv >= p.comps * p.d && p.lda >= words_for_bits(p.n_keys) && p.ldo >= p.d);
  for (std::size_t q = 0; q < p.m; ++q) {
    float* out = p.out + q * p.ldo;
    for (std::size_t c = 0; c < p.d; ++c) out[c] = 0.0f;
    for (std::size_t i = 0; i < p.maps; ++i) {
      const std::uint64_t* row = p.a + i * p.map_stride + q * p.lda;
      for (std::size_t j = 0; j < p.comps; ++j) {
        for (std::size_t c = 0; c < p.d; ++c) {
          std::int32_t sum = 0;
          for (std::size_t k = 0; k < p.n_keys; ++k) {
            const std::int8_t v = p.v[k * p.ldv + j * p.d + c];
            assert(v >= -1 && v <= 1);
            if ((row[k / 64] >> (k % 64)) & 1U) sum += v;
          }
          if (p.counts) p.counts[((q * p.maps + i) * p.comps + j) * p.d + c] = sum;
          out[c] = std::fma(static_cast<float>(sum), p.scale[i * p.comps + j], out[c]);
        }
      }
    }
  }
}

}  // namespace binvit::runtime::kernels
