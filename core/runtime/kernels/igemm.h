#pragma once
// int8 x int8 -> int32 matrix product for the 8-bit layers (patch embedding, heads).
//
// C[i][j] = sum_e a[i][e] * b[j][e]: A is m rows of k int8 (stride lda bytes), B is n rows of
// k int8 (the weight rows, stride ldb), C row-major int32 with stride ldc. Exact: every product
// is at most 2^14 in magnitude, so k <= 2^17 keeps the sum inside int32 (asserted).
// Scales (the LSQ steps of activations and weight rows) are applied by the epilogues.
//
// The AVX2 variant widens both operands to int16 (vpmovsxbw) and uses vpmaddwd, which is exact;
// vpmaddubsw would need unsigned activations and saturates at int16 for |a*b| sums > 32767.

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::kernels {

using IgemmFn = void (*)(std::size_t m, std::size_t n, std::size_t k, const std::int8_t* a,
                         std::size_t lda, const std::int8_t* b, std::size_t ldb, std::int32_t* c,
                         std::size_t ldc);

void igemm_ref(std::size_t m, std::size_t n, std::size_t k, const std::int8_t* a, std::size_t lda,
               const std::int8_t* b, std::size_t ldb, std::int32_t* c, std::size_t ldc);
void igemm_2x4_avx2(std::size_t m, std::size_t n, std::size_t k, const std::int8_t* a,
                    std::size_t lda, const std::int8_t* b, std::size_t ldb, std::int32_t* c,
                    std::size_t ldc);

}  // namespace binvit::runtime::kernels
