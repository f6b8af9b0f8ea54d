#pragma once
// Entry points for the engine: each call uses the run-time chosen variant (registry.h) and the
// process-wide thread count (parallel.h), splitting the output into whole tiles along M or N.
// The contracts (layouts, bit meaning, padding, preconditions) are those of the family headers:
// bitpack.h, bgemm.h, qk.h, igemm.h, epilogue.h, binary_conv.h. Every call with the same inputs
// gives the same bits for any thread count and either variant.
//
// The overloads taking a KernelTable run that variant (tests, benchmarks, verification).

#include "core/runtime/kernels/parallel.h"  // set_num_threads
#include "core/runtime/kernels/registry.h"

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::kernels {

void pack_rows(const KernelTable& kernels, const float* x, std::size_t rows, std::size_t k,
               std::size_t ldx, float threshold, std::uint64_t* out, std::size_t ldw);
void bgemm(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::uint64_t* a, std::size_t lda, const std::uint64_t* b, std::size_t ldb,
           std::int32_t* c, std::size_t ldc);
void bmm01(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::uint64_t* a, std::size_t lda, const std::uint64_t* s, std::size_t lds,
           std::int32_t* c, std::size_t ldc);
void tgemm(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::uint64_t* a, std::size_t lda, const std::uint64_t* sign,
           const std::uint64_t* mask, std::size_t ldb, std::int32_t* c, std::size_t ldc);
// Q.K^T of one head: the one-word kernel when d <= 64, the binary GEMM otherwise.
void qk_scores(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t d,
               const std::uint64_t* q, std::size_t ldq, const std::uint64_t* keys, std::size_t ldk,
               std::int32_t* c, std::size_t ldc);
void igemm(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::int8_t* a, std::size_t lda, const std::int8_t* b, std::size_t ldb,
           std::int32_t* c, std::size_t ldc);
// GSB / QD attention output (attention_values.h); the queries are split between threads.
void attention_values(const KernelTable& kernels, const AttentionValues& problem);
// A float NHWC map (batch x height x width x in_channels) -> the packed conv input of
// binary_conv.h (signs, one row per pixel and group): pack_rows over rows of cpg floats.
void pack_conv_input(const KernelTable& kernels, const ConvShape& shape, const float* x,
                     std::uint64_t* packed);
// Binary convolution (binary_conv.h): all output pixels, split between threads in whole rows
// of the output; problem.pixel_begin / pixel_end are ignored.
void binary_conv(const KernelTable& kernels, const BinaryConv& problem);

// The same with active_kernels().
inline void pack_rows(const float* x, std::size_t rows, std::size_t k, std::size_t ldx,
                      float threshold, std::uint64_t* out, std::size_t ldw) {
  pack_rows(active_kernels(), x, rows, k, ldx, threshold, out, ldw);
}
// Signs: bit = x >= 0 (sgn(0) = +1).
inline void pack_signs(const float* x, std::size_t rows, std::size_t k, std::size_t ldx,
                       std::uint64_t* out, std::size_t ldw) {
  pack_rows(active_kernels(), x, rows, k, ldx, 0.0f, out, ldw);
}
inline void bgemm(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                  std::size_t lda, const std::uint64_t* b, std::size_t ldb, std::int32_t* c,
                  std::size_t ldc) {
  bgemm(active_kernels(), m, n, k, a, lda, b, ldb, c, ldc);
}
inline void bmm01(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                  std::size_t lda, const std::uint64_t* s, std::size_t lds, std::int32_t* c,
                  std::size_t ldc) {
  bmm01(active_kernels(), m, n, k, a, lda, s, lds, c, ldc);
}
inline void tgemm(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                  std::size_t lda, const std::uint64_t* sign, const std::uint64_t* mask,
                  std::size_t ldb, std::int32_t* c, std::size_t ldc) {
  tgemm(active_kernels(), m, n, k, a, lda, sign, mask, ldb, c, ldc);
}
inline void qk_scores(std::size_t m, std::size_t n, std::size_t d, const std::uint64_t* q,
                      std::size_t ldq, const std::uint64_t* keys, std::size_t ldk, std::int32_t* c,
                      std::size_t ldc) {
  qk_scores(active_kernels(), m, n, d, q, ldq, keys, ldk, c, ldc);
}
inline void igemm(std::size_t m, std::size_t n, std::size_t k, const std::int8_t* a,
                  std::size_t lda, const std::int8_t* b, std::size_t ldb, std::int32_t* c,
                  std::size_t ldc) {
  igemm(active_kernels(), m, n, k, a, lda, b, ldb, c, ldc);
}
inline void attention_values(const AttentionValues& problem) {
  attention_values(active_kernels(), problem);
}
inline void pack_conv_input(const ConvShape& shape, const float* x, std::uint64_t* packed) {
  pack_conv_input(active_kernels(), shape, x, packed);
}
inline void binary_conv(const BinaryConv& problem) { binary_conv(active_kernels(), problem); }
// Epilogues are memory-bound and short: single-threaded, active variant.
inline void scale_bias(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                       const float* scale, const float* bias, float* out, std::size_t ldo) {
  active_kernels().scale_bias(m, n, c, ldc, scale, bias, out, ldo);
}
inline void scale_accumulate(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                             const float* scale, float* out, std::size_t ldo) {
  active_kernels().scale_accumulate(m, n, c, ldc, scale, out, ldo);
}

}  // namespace binvit::runtime::kernels
