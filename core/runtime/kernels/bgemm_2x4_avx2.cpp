// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
//
// AVX2 has no vector popcount, so each 256-bit vector is counted with the nibble lookup: two
// vpshufb on the low and high 4-bit halves of every byte give per-byte counts (0..8), which are
// added as bytes and flushed to 64-bit sums with vpsadbw only every <= 30 steps (< 256 per byte).
// That is about 8 vector ops per 256 bit-pairs, ~128 binary MACs per cycle on 4 vector pipes.
// The micro-kernel computes a 2 x 4 tile (2 x 2 with two counts for tgemm) in one of two register
// layouts chosen by the row length (tile_counts_paired for short rows such as K = 384,
// tile_counts_wide from 8 words on), and keeps a block of B rows in L1 while all row pairs of A
// pass.
#include "core/runtime/kernels/bgemm.h"

#include "core/runtime/kernels/bitpack.h"

#include <immintrin.h>

#include <algorithm>
#include <cassert>

namespace binvit::runtime::kernels {
namespace {

enum class Mode { Xor, And, Ternary };

// Columns per tile and counts per (row, column) pair. Every mode keeps 4 counters per row, so
// the same reduction (pack4) serves all of them.
template <Mode M>
constexpr int kColumns = M == Mode::Ternary ? 2 : 4;
template <Mode M>
constexpr int kCounts = M == Mode::Ternary ? 2 : 1;

constexpr std::size_t kMaxPairedSteps =
    30;                                    // byte counters gain <= 8 per step (+8 for an odd word)
constexpr std::size_t kMaxWideSteps = 31;  // 31 * 8 = 248 < 256
// From this many words per row on, tile_counts_wide is the faster layout.
constexpr std::size_t kWideFromWords = 8;
// Bytes of B rows kept hot while every pair of A rows streams past them: half of the 32 KiB L1D,
// the rest is for the A rows, C and the stack.
constexpr std::size_t kL1BudgetBytes = 16 * 1024;

struct NibbleCount {
  const __m256i lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,  //
                                       0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0f);

  // Per-byte popcount of x (0..8 in every byte).
  __m256i operator()(__m256i x) const {
    const __m256i lo = _mm256_and_si256(x, low);
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(x, 4), low);
    return _mm256_add_epi8(_mm256_shuffle_epi8(lut, lo), _mm256_shuffle_epi8(lut, hi));
  }
};

inline __m256i sad(__m256i bytes) { return _mm256_sad_epu8(bytes, _mm256_setzero_si256()); }

// Four vectors of 4 qword sums (each < 2^32) -> 8 dwords: low 128 bits hold q0 + q1 of s0..s3,
// high 128 bits hold q2 + q3 of s0..s3.
inline __m256i pack4(__m256i s0, __m256i s1, __m256i s2, __m256i s3) {
  const __m256i u01 = _mm256_blend_epi32(s0, _mm256_slli_epi64(s1, 32), 0xAA);
  const __m256i u23 = _mm256_blend_epi32(s2, _mm256_slli_epi64(s3, 32), 0xAA);
  return _mm256_add_epi32(_mm256_unpacklo_epi64(u01, u23), _mm256_unpackhi_epi64(u01, u23));
}

// Adds the per-byte counts of the pair (x, column j) to acc[j * counts ...].
template <Mode M>
inline void accumulate(__m256i x, __m256i y, __m256i g, __m256i* acc, int j,
                       const NibbleCount& count) {
  if constexpr (M == Mode::Xor) {
    acc[j] = _mm256_add_epi8(acc[j], count(_mm256_xor_si256(x, y)));
  } else if constexpr (M == Mode::And) {
    acc[j] = _mm256_add_epi8(acc[j], count(_mm256_and_si256(x, y)));
  } else {
    const __m256i in_group = _mm256_and_si256(x, g);
    acc[2 * j] = _mm256_add_epi8(acc[2 * j], count(_mm256_and_si256(in_group, y)));
    acc[2 * j + 1] = _mm256_add_epi8(acc[2 * j + 1], count(in_group));
  }
}

// Counts of rows a0, a1 against the columns b[0..cols) (plane g = ternary mask).
// Result: 8 dwords, low 128 bits row 0's four counters, high 128 bits row 1's.
//
// Layout: each vector holds 2 words (128 bits) of row 0 in its low half and the same 2 words of
// row 1 in its high half, against a column's 2 words broadcast to both halves. The popcount
// costs the same 8 ops per 256 bits as with 4 words of one row, but one counter serves both rows
// of a column (4 counters per tile instead of 8) and the rows are already separated by halves,
// so the reduction is a quarter of the work; K = 384 (6 words) has no tail, and a K that is not
// a multiple of 128 bits ends with a single 64-bit step instead of a half-empty vector.
template <Mode M>
inline __m256i tile_counts_paired(const std::uint64_t* a0, const std::uint64_t* a1,
                                  const std::uint64_t* const* b, const std::uint64_t* const* g,
                                  std::size_t words, const NibbleCount& count) {
  constexpr int cols = kColumns<M>;
  constexpr int counters = cols * kCounts<M>;
  static_assert(counters == 4, "pack4 reduces four counters");
  const auto two_rows = [](__m128i lo, __m128i hi) {
    return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
  };
  const auto load2 = [](const std::uint64_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  };
  const auto load1 = [](const std::uint64_t* p) {
    return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  };
  const std::size_t pairs = words / 2;  // 2-word steps
  __m256i total = _mm256_setzero_si256();
  std::size_t step = 0;
  do {
    // Byte counters gain <= 8 per step: flush every kMaxPairedSteps steps.
    const std::size_t last = std::min(pairs, step + kMaxPairedSteps);
    __m256i acc[counters];
    for (int q = 0; q < counters; ++q) acc[q] = _mm256_setzero_si256();
    for (; step < last; ++step) {
      const std::size_t w = 2 * step;
      const __m256i x = two_rows(load2(a0 + w), load2(a1 + w));
      for (int j = 0; j < cols; ++j) {
        const __m256i y = _mm256_broadcastsi128_si256(load2(b[j] + w));
        __m256i mask = y;
        if constexpr (M == Mode::Ternary) mask = _mm256_broadcastsi128_si256(load2(g[j] + w));
        accumulate<M>(x, y, mask, acc, j, count);
      }
    }
    if (step == pairs && (words & 1)) {
      // The odd last word (loads never pass the end of a row); at most 8 more per byte.
      const std::size_t w = words - 1;
      const __m256i x = two_rows(load1(a0 + w), load1(a1 + w));
      for (int j = 0; j < cols; ++j) {
        const __m256i y = _mm256_broadcastsi128_si256(load1(b[j] + w));
        __m256i mask = y;
        if constexpr (M == Mode::Ternary) mask = _mm256_broadcastsi128_si256(load1(g[j] + w));
        accumulate<M>(x, y, mask, acc, j, count);
      }
    }
    total = _mm256_add_epi32(total, pack4(sad(acc[0]), sad(acc[1]), sad(acc[2]), sad(acc[3])));
  } while (step < pairs);
  return total;
}

// The same counts for long rows (>= 8 words): 4 words of one row per vector, 8 byte counters per
// tile (2 rows x 4 columns), a 2 x 4 reduction at the end; the last 1..3 words go through the
// paired layout of tile_counts_paired. Measured here it is 6-20 % faster than the paired layout
// from K = 768 on, and 20 % slower at K = 384, where its reduction weighs more.
template <Mode M>
inline __m256i tile_counts_wide(const std::uint64_t* a0, const std::uint64_t* a1,
                                const std::uint64_t* const* b, const std::uint64_t* const* g,
                                std::size_t words, const NibbleCount& count) {
  constexpr int cols = kColumns<M>;
  constexpr int counters = cols * kCounts<M>;
  static_assert(counters == 4, "pack4 reduces four counters per row");
  const std::size_t steps = words / 4;
  __m256i total = _mm256_setzero_si256();
  for (std::size_t first = 0; first < steps; first += kMaxWideSteps) {
    const std::size_t last = std::min(steps, first + kMaxWideSteps);
    __m256i acc0[counters], acc1[counters];
    for (int q = 0; q < counters; ++q) acc0[q] = acc1[q] = _mm256_setzero_si256();
    for (std::size_t s = first; s < last; ++s) {
      const std::size_t w = 4 * s;
      const __m256i x0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a0 + w));
      const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a1 + w));
      for (int j = 0; j < cols; ++j) {
        const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[j] + w));
        __m256i mask = y;
        if constexpr (M == Mode::Ternary) {
          mask = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g[j] + w));
        }
        accumulate<M>(x0, y, mask, acc0, j, count);
        accumulate<M>(x1, y, mask, acc1, j, count);
      }
    }
    const __m256i r0 = pack4(sad(acc0[0]), sad(acc0[1]), sad(acc0[2]), sad(acc0[3]));
    const __m256i r1 = pack4(sad(acc1[0]), sad(acc1[1]), sad(acc1[2]), sad(acc1[3]));
    total = _mm256_add_epi32(total, _mm256_add_epi32(_mm256_permute2x128_si256(r0, r1, 0x20),
                                                     _mm256_permute2x128_si256(r0, r1, 0x31)));
  }

  std::size_t w = 4 * steps;
  if (w == words) return total;
  // 1..3 words left (K is padded to 64 bits, not 256): row 0's words go in the low 128 bits and
  // row 1's in the high 128 bits, so each vector op serves both rows instead of half-empty
  // vectors per pair. The words of B are broadcast to both halves; loads never pass the row end.
  __m256i tail[counters];
  for (int q = 0; q < counters; ++q) tail[q] = _mm256_setzero_si256();
  const auto two_rows = [](__m128i lo, __m128i hi) {
    return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
  };
  const auto step = [&](auto load) {
    const __m256i x = two_rows(load(a0 + w), load(a1 + w));
    for (int j = 0; j < cols; ++j) {
      const __m256i y = _mm256_broadcastsi128_si256(load(b[j] + w));
      __m256i mask = y;
      if constexpr (M == Mode::Ternary) mask = _mm256_broadcastsi128_si256(load(g[j] + w));
      accumulate<M>(x, y, mask, tail, j, count);
    }
  };
  if (words - w >= 2) {
    step([](const std::uint64_t* p) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    });
    w += 2;
  }
  if (w < words) {
    step([](const std::uint64_t* p) {
      return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
    });
  }
  // Here lane halves are rows already: low = row 0, high = row 1.
  return _mm256_add_epi32(total, pack4(sad(tail[0]), sad(tail[1]), sad(tail[2]), sad(tail[3])));
}

int row_ones(const std::uint64_t* row, std::size_t words) {
  int ones = 0;
  for (std::size_t w = 0; w < words; ++w) ones += static_cast<int>(_mm_popcnt_u64(row[w]));
  return ones;
}

template <Mode M>
void drive(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a, std::size_t lda,
           const std::uint64_t* b, const std::uint64_t* g, std::size_t ldb, std::int32_t* c,
           std::size_t ldc) {
  constexpr int cols = kColumns<M>;
  const std::size_t words = words_for_bits(k);
  assert(a != nullptr && b != nullptr && c != nullptr);
  assert(k >= 1 && k <= (std::size_t{1} << 30));
  assert(lda >= words && ldb >= words && ldc >= n);
  const std::size_t row_bytes = words * sizeof(std::uint64_t) * (M == Mode::Ternary ? 2 : 1);
  const std::size_t block = std::max<std::size_t>(cols, kL1BudgetBytes / row_bytes / cols * cols);
  const NibbleCount count;
  const __m256i k_vec = _mm256_set1_epi32(static_cast<int>(k));

  for (std::size_t n0 = 0; n0 < n; n0 += block) {
    const std::size_t n1 = std::min(n, n0 + block);
    for (std::size_t i = 0; i < m; i += 2) {
      // An odd last row is computed twice (same pointer) and stored once: no edge kernel.
      const bool second_row = i + 1 < m;
      const std::uint64_t* a0 = a + i * lda;
      const std::uint64_t* a1 = second_row ? a0 + lda : a0;
      __m256i ones = _mm256_setzero_si256();
      if constexpr (M == Mode::And) {
        ones = _mm256_setr_m128i(_mm_set1_epi32(row_ones(a0, words)),
                                 _mm_set1_epi32(row_ones(a1, words)));
      }
      for (std::size_t j = n0; j < n1; j += cols) {
        const std::size_t valid = std::min<std::size_t>(cols, n1 - j);
        // Missing columns of an edge tile repeat the last valid one and are not stored.
        const std::uint64_t* bp[cols];
        const std::uint64_t* gp[cols];
        for (int q = 0; q < cols; ++q) {
          const std::size_t col = j + std::min<std::size_t>(q, valid - 1);
          bp[q] = b + col * ldb;
          gp[q] = M == Mode::Ternary ? g + col * ldb : nullptr;
        }
        const __m256i counts = words >= kWideFromWords
                                   ? tile_counts_wide<M>(a0, a1, bp, gp, words, count)
                                   : tile_counts_paired<M>(a0, a1, bp, gp, words, count);
        __m256i result;
        if constexpr (M == Mode::Xor) {
          result = _mm256_sub_epi32(k_vec, _mm256_slli_epi32(counts, 1));
        } else if constexpr (M == Mode::And) {
          result = _mm256_sub_epi32(_mm256_slli_epi32(counts, 1), ones);
        } else {
          // Per row [plus0, hit0, plus1, hit1] -> [2 plus0 - hit0, 2 plus1 - hit1, ...].
          const __m256i d = _mm256_sub_epi32(_mm256_slli_epi32(counts, 1),
                                             _mm256_shuffle_epi32(counts, _MM_SHUFFLE(3, 3, 1, 1)));
          result = _mm256_shuffle_epi32(d, _MM_SHUFFLE(2, 0, 2, 0));
        }
        std::int32_t* c0 = c + i * ldc + j;
        if (valid == cols && second_row && cols == 4) {
          _mm_storeu_si128(reinterpret_cast<__m128i*>(c0), _mm256_castsi256_si128(result));
          _mm_storeu_si128(reinterpret_cast<__m128i*>(c0 + ldc),
                           _mm256_extracti128_si256(result, 1));
        } else {
          alignas(32) std::int32_t out[8];
          _mm256_store_si256(reinterpret_cast<__m256i*>(out), result);
          for (std::size_t q = 0; q < valid; ++q) c0[q] = out[q];
          if (second_row) {
            for (std::size_t q = 0; q < valid; ++q) c0[ldc + q] = out[4 + q];
          }
        }
      }
    }
  }
}

}  // namespace

void bgemm_2x4_avx2(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                    std::size_t lda, const std::uint64_t* b, std::size_t ldb, std::int32_t* c,
                    std::size_t ldc) {
  drive<Mode::Xor>(m, n, k, a, lda, b, nullptr, ldb, c, ldc);
}

void bmm01_2x4_avx2(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                    std::size_t lda, const std::uint64_t* s, std::size_t lds, std::int32_t* c,
                    std::size_t ldc) {
  drive<Mode::And>(m, n, k, a, lda, s, nullptr, lds, c, ldc);
}

void tgemm_2x2_avx2(std::size_t m, std::size_t n, std::size_t k, const std::uint64_t* a,
                    std::size_t lda, const std::uint64_t* sign, const std::uint64_t* mask,
                    std::size_t ldb, std::int32_t* c, std::size_t ldc) {
  assert(mask != nullptr);
  drive<Mode::Ternary>(m, n, k, a, lda, sign, mask, ldb, c, ldc);
}

}  // namespace binvit::runtime::kernels
