// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
#include "core/runtime/kernels/attention_values.h"

#include "core/runtime/kernels/bitpack.h"

#include <immintrin.h>

#include <cassert>

namespace binvit::runtime::kernels {
namespace {

constexpr int kMaxVectors = 12;
// int8 counters hold the sum of up to 127 values in {-1, 0, +1} exactly.
constexpr int kFlushEvery = 127;

// kVectors = comps * d / 32: the 32-byte vectors of one key's value row.
template <int kVectors>
void run(const AttentionValues& p) {
  const std::size_t words = words_for_bits(p.n_keys);
  alignas(32) std::int16_t wide[kVectors * 32];
  for (std::size_t q = 0; q < p.m; ++q) {
    float* out = p.out + q * p.ldo;
    for (std::size_t c = 0; c < p.d; ++c) out[c] = 0.0f;
    for (std::size_t i = 0; i < p.maps; ++i) {
      const std::uint64_t* row = p.a + i * p.map_stride + q * p.lda;
      __m256i acc[kVectors];
      for (int t = 0; t < kVectors; ++t) acc[t] = _mm256_setzero_si256();
      for (int t = 0; t < kVectors * 32; t += 16) {
        _mm256_store_si256(reinterpret_cast<__m256i*>(wide + t), _mm256_setzero_si256());
      }
      const auto flush = [&] {
        for (int t = 0; t < kVectors; ++t) {
          __m256i* lo = reinterpret_cast<__m256i*>(wide + 32 * t);
          __m256i* hi = reinterpret_cast<__m256i*>(wide + 32 * t + 16);
          _mm256_store_si256(
              lo, _mm256_add_epi16(_mm256_load_si256(lo),
                                   _mm256_cvtepi8_epi16(_mm256_castsi256_si128(acc[t]))));
          _mm256_store_si256(
              hi, _mm256_add_epi16(_mm256_load_si256(hi),
                                   _mm256_cvtepi8_epi16(_mm256_extracti128_si256(acc[t], 1))));
          acc[t] = _mm256_setzero_si256();
        }
      };
      int pending = 0;
      for (std::size_t w = 0; w < words; ++w) {
        // Only the keys this query attends to cost anything: one value row per set bit.
        for (std::uint64_t bits = row[w]; bits != 0; bits &= bits - 1) {
          const std::size_t k = w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
          const std::int8_t* values = p.v + k * p.ldv;
          for (int t = 0; t < kVectors; ++t) {
            acc[t] = _mm256_add_epi8(
                acc[t], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(values + 32 * t)));
          }
          if (++pending == kFlushEvery) {
            flush();
            pending = 0;
          }
        }
      }
      if (pending > 0) flush();
      // Epilogue for map i: out += scale_ij * C_ij in the contract's order (j inner).
      for (std::size_t j = 0; j < p.comps; ++j) {
        const __m256 scale = _mm256_set1_ps(p.scale[i * p.comps + j]);
        const std::int16_t* counts16 = wide + j * p.d;
        std::int32_t* counts =
            p.counts ? p.counts + ((q * p.maps + i) * p.comps + j) * p.d : nullptr;
        for (std::size_t c = 0; c < p.d; c += 8) {
          const __m256i whole =
              _mm256_cvtepi16_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(counts16 + c)));
          if (counts) _mm256_storeu_si256(reinterpret_cast<__m256i*>(counts + c), whole);
          _mm256_storeu_ps(
              out + c, _mm256_fmadd_ps(_mm256_cvtepi32_ps(whole), scale, _mm256_loadu_ps(out + c)));
        }
      }
    }
  }
}

}  // namespace

void attention_values_sparse_avx2(const AttentionValues& p) {
  assert(p.maps >= 1 && p.comps >= 1 && p.n_keys >= 1 && p.d >= 1);
  assert(p.ldv >= p.comps * p.d && p.lda >= words_for_bits(p.n_keys) && p.ldo >= p.d);
  // d % 32 == 0 keeps every component's channels in whole vectors (and 16-byte aligned in
  // the int16 counters, which the epilogue loads 8 at a time).
  const std::size_t vectors = p.d % 32 == 0 ? p.comps * p.d / 32 : 0;
  switch (vectors) {
    case 1:
      return run<1>(p);
    case 2:
      return run<2>(p);
    case 3:
      return run<3>(p);
    case 4:
      return run<4>(p);
    case 5:
      return run<5>(p);
    case 6:
      return run<6>(p);
    case 7:
      return run<7>(p);
    case 8:
      return run<8>(p);
    case 9:
      return run<9>(p);
    case 10:
      return run<10>(p);
    case 11:
      return run<11>(p);
    case 12:
      return run<12>(p);
    default:
      return attention_values_ref(p);
  }
  static_assert(kMaxVectors == 12, "one case per vector count");
}

}  // namespace binvit::runtime::kernels
