#include "core/runtime/kernels/bgemm.h"

#include "core/runtime/kernels/bitpack.h"

#include <cassert>

namespace binvit::runtime::kernels {
namespace {

// __builtin_popcountll compiles to a portable bit-twiddling routine here (no -mpopcnt in this
// file), so the reference path runs on any x86-64 and elsewhere.
inline int popcount(std::uint64_t x) { return __builtin_popcountll(x); }

void check(std::size_t k, std::size_t lda, std::size_t ldb, std::size_t n, std::size_t ldc) {
  assert(k >= 1 && k <= (std::size_t{1} << 30));
  assert(lda >= words_for_bits(k) && ldb >= words_for_bits(k) && ldc >= n);
  (void)k, (void)lda, (void)ldb, (void)n, (void)ldc;
}

}  // namespace

void bgemm_ref(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a, std::size_t lda,
               const std::uint64_t* b, std::size_t ldb, std::int32_t* c, std::size_t ldc) {
  check(k, lda, ldb, n, ldc);
  const std::size_t words = words_for_bits(k);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      int differ = 0;
      for (std::size_t w = 0; w < words; ++w) differ += popcount(a[i * lda + w] ^ b[j * ldb + w]);
      c[i * ldc + j] = static_cast<std::int32_t>(k) - 2 * differ;
    }
  }
}

void bmm01_ref(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a, std::size_t lda,
               const std::uint64_t* s, std::size_t lds, std::int32_t* c, std::size_t ldc) {
  check(k, lda, lds, n, ldc);
  const std::size_t words = words_for_bits(k);
  for (std::size_t i = 0; i < m; ++i) {
    int ones = 0;
    for (std::size_t w = 0; w < words; ++w) ones += popcount(a[i * lda + w]);
    for (std::size_t j = 0; j < n; ++j) {
      int plus = 0;
      for (std::size_t w = 0; w < words; ++w) plus += popcount(a[i * lda + w] & s[j * lds + w]);
      c[i * ldc + j] = 2 * plus - ones;
    }
  }
}

void tgemm_ref(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a, std::size_t lda,
               const std::uint64_t* sign, const std::uint64_t* mask, std::size_t ldb,
               std::int32_t* c, std::size_t ldc) {
  check(k, lda, ldb, n, ldc);
  const std::size_t words = words_for_bits(k);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      int hit = 0, plus = 0;
      for (std::size_t w = 0; w < words; ++w) {
        const std::uint64_t in_group = a[i * lda + w] & mask[j * ldb + w];
        hit += popcount(in_group);
        plus += popcount(in_group & sign[j * ldb + w]);
      }
      c[i * ldc + j] = 2 * plus - hit;
    }
  }
}

}  // namespace binvit::runtime::kernels
