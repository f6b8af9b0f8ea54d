#pragma once
// Binary matrix products on bit-packed rows (layout and bit meaning: bitpack.h).
//
// All three products take A as m packed rows and B as n packed rows of the same k bits, so
// C = A . B^T: for a linear layer B holds the weight rows (out_features x in_features), for
// attention B holds V transposed (channels x tokens). Outputs are exact int32 counts, row-major
// with stride ldc; scales and biases are applied afterwards by the epilogues (epilogue.h), so
// the accumulate stays one integer kernel whatever the model folds into it (Larq's split).
//
// Preconditions (asserted): k >= 1, lda/ldb >= words_for_bits(k), ldc >= n, padding bits of
// every row are 0 (the packers guarantee it; then the padding never changes a result).
// k <= 2^30 so that every count fits int32.
//
// - bgemm:  +-1 x +-1.   C[i][j] = sum_e a_ie b_je = k - 2 popcount(a_i xor b_j)
// - bmm01:  {0,1} x +-1. C[i][j] = sum_e a_ie s_je = 2 popcount(a_i and s_j) - popcount(a_i)
//           (binarized attention maps times sign(V); the unsigned {0, alpha} fc2 input times
//           sign weights)
// - tgemm:  {0,1} x {-1,0,+1}. The ternary operand comes as two bit planes with the same
//           stride: sign (1 = +1) and mask (1 = non-zero). t = mask ? (sign ? +1 : -1) : 0.
//           C[i][j] = 2 popcount(a_i and m_j and s_j) - popcount(a_i and m_j)
//           (GSB's value groups, ALGORITHMS.md 2.3: sign bits may be shared with the first
//           component since only bits under the mask count).
//
// Variants: *_ref are portable scalar loops; *_avx2 are register-tiled (2 rows x 4 columns,
// 2 x 2 for tgemm which keeps two counts per pair) with the nibble-lookup popcount and an
// L1-sized block of B rows; they need AVX2 (see registry.h for the run-time choice).

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::kernels {

using BgemmFn = void (*)(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                         std::size_t lda, const std::uint64_t* b, std::size_t ldb, std::int32_t* c,
                         std::size_t ldc);

using TgemmFn = void (*)(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                         std::size_t lda, const std::uint64_t* sign, const std::uint64_t* mask,
                         std::size_t ldb, std::int32_t* c, std::size_t ldc);

void bgemm_ref(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a, std::size_t lda,
               const std::uint64_t* b, std::size_t ldb, std::int32_t* c, std::size_t ldc);
void bgemm_2x4_avx2(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                    std::size_t lda, const std::uint64_t* b, std::size_t ldb, std::int32_t* c,
                    std::size_t ldc);

void bmm01_ref(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a, std::size_t lda,
               const std::uint64_t* s, std::size_t lds, std::int32_t* c, std::size_t ldc);
void bmm01_2x4_avx2(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                    std::size_t lda, const std::uint64_t* s, std::size_t lds, std::int32_t* c,
                    std::size_t ldc);

void tgemm_ref(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a, std::size_t lda,
               const std::uint64_t* sign, const std::uint64_t* mask, std::size_t ldb,
               std::int32_t* c, std::size_t ldc);
void tgemm_2x2_avx2(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                    std::size_t lda, const std::uint64_t* sign, const std::uint64_t* mask,
                    std::size_t ldb, std::int32_t* c, std::size_t ldc);

}  // namespace binvit::runtime::kernels
