#pragma once
// Binary attention logits Q.K^T on sign-packed queries and keys (layout and bits: bitpack.h).
//
// C[i][j] = sum_e q_ie k_je = d - 2 popcount(q_i xor k_j), exact int32; the engine scales it by
// alpha_q * alpha_k / sqrt(d) in an epilogue. One head per call: q is m tokens x d bits with
// stride ldq words, keys n tokens with stride ldk, C row-major with stride ldc.
//
// With head dim d <= 64 a token is one word, and a 256-bit generic GEMM would spend most of its
// vector on nothing (PERFORMANCE.md: 0.69x float). qk_d64_* instead broadcast one query word
// against 4 key words per vector, where vpsadbw of the per-byte counts is already the per-word
// popcount. Larger head dims use the general binary GEMM (bgemm.h), which is the same product.
//
// Preconditions (asserted): 1 <= d <= 64 for qk_d64_*, ldq, ldk >= 1, ldc >= n, padding zero.

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::kernels {

// Same signature as BgemmFn, so the general head-dim path is bgemm itself.
void qk_d64_ref(std::size_t m, std::size_t n, std::size_t d, const std::uint64_t* q,
                std::size_t ldq, const std::uint64_t* keys, std::size_t ldk, std::int32_t* c,
                std::size_t ldc);
void qk_d64_avx2(std::size_t m, std::size_t n, std::size_t d, const std::uint64_t* q,
                 std::size_t ldq, const std::uint64_t* keys, std::size_t ldk, std::int32_t* c,
                 std::size_t ldc);

}  // namespace binvit::runtime::kernels
