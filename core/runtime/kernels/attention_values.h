#pragma once
// The attention output of GSB (and BHViT's QD attention): a sum of scaled {0,1} attention maps
// times a sum of scaled ternary value components (ALGORITHMS.md 2.3, 3.6),
//
//   out[q][c] = sum over maps i, components j of  scale[i * comps + j] * C_ij[q][c],
//   C_ij[q][c] = sum over keys k of  B_i[q][k] * V_j[k][c]      (exact integers)
//
// with B_i in {0,1} bit-packed as usual (bitpack.h: row q of map i = the keys it attends to, m
// rows per map, stride lda words, maps map_stride words apart) and V in {-1, 0, +1} as int8,
// token-major: v[k * ldv + j * d + c] (GSB: j = 0 the sign map sgn(v~), j = 1, 2 the groups
// sgn0(v~ * G2), sgn0(v~ * G3)). The float sum is rounded in one fixed order, i outer, j inner,
// each term added with one fma starting from 0, so every variant gives the same bits.
// counts, when not null, receives every C_ij as int32, query-major so that a split of the
// queries is a split of the array: counts[((q * maps + i) * comps + j) * d + c]. It is there for
// bit-exact verification of the integer part.
//
// Why not nine bmm01/tgemm calls: with K = d = 64 each popcount product costs about as much as
// an eighth of the float A.V, and the nine products need fifteen counts, so dense popcount is
// slower than float (bench: ~0.25x). The maps are sparse instead (B_2, B_3 keep the entries
// above 0.7 and 0.9 of the maximum; B_1 those above half of a1 = 4 mean|A|), so the AVX2 variant
// walks the set bits of each row and adds that key's int8 value row (all components, 64
// channels = 6 vectors) to int8 counters, flushed to int16 before they could overflow. Its cost
// follows the number of set bits, not m * n * d; dense maps are slower (see the benchmark).
//
// Preconditions (asserted): maps >= 1, comps >= 1, n_keys >= 1, d >= 1, ldv >= comps * d,
// lda >= words_for_bits(n_keys), V entries in {-1, 0, +1}, zero padding bits.

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::kernels {

struct AttentionValues {
  std::size_t m = 0;       // queries
  std::size_t n_keys = 0;  // keys (bits per map row)
  std::size_t d = 0;       // channels of the head
  std::size_t maps = 0;
  std::size_t comps = 0;
  const std::uint64_t* a = nullptr;
  std::size_t lda = 0;
  std::size_t map_stride = 0;
  const std::int8_t* v = nullptr;
  std::size_t ldv = 0;
  const float* scale = nullptr;  // maps * comps
  float* out = nullptr;
  std::size_t ldo = 0;
  std::int32_t* counts = nullptr;  // optional
};

using AttentionValuesFn = void (*)(const AttentionValues& problem);

void attention_values_ref(const AttentionValues& problem);
// Needs d a multiple of 32 and comps * d / 32 <= 12 (six 32-channel vectors x 2: GSB's three
// components at d = 64 use 6); otherwise it runs the reference.
void attention_values_sparse_avx2(const AttentionValues& problem);

}  // namespace binvit::runtime::kernels
