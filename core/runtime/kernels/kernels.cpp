#include "core/runtime/kernels/kernels.h"

#include "core/runtime/kernels/parallel.h"

#include <algorithm>

namespace binvit::runtime::kernels {
namespace {

// Below this many word-pair operations a second thread costs more to start than it saves.
constexpr std::size_t kMinParallelWork = std::size_t{1} << 15;

// Calls body(i0, i1, j0, j1) on disjoint blocks of the m x n output. The longer side (in tiles)
// is split: for a linear layer that is usually N, so each thread reads half of the weights.
template <class Body>
void split_output(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t work,
                  const Body& body) {
  const std::size_t mr = static_cast<std::size_t>(kernels.tile_rows);
  const std::size_t nr = static_cast<std::size_t>(kernels.tile_columns);
  if (work < kMinParallelWork || num_threads() == 1) {
    body(std::size_t{0}, m, std::size_t{0}, n);
  } else if ((n + nr - 1) / nr >= (m + mr - 1) / mr) {
    parallel_for(n, nr, [&](std::size_t j0, std::size_t j1) { body(0, m, j0, j1); });
  } else {
    parallel_for(m, mr, [&](std::size_t i0, std::size_t i1) { body(i0, i1, 0, n); });
  }
}

}  // namespace

void pack_rows(const KernelTable& kernels, const float* x, std::size_t rows, std::size_t k,
               std::size_t ldx, float threshold, std::uint64_t* out, std::size_t ldw) {
  const auto body = [&](std::size_t r0, std::size_t r1) {
    kernels.pack_rows(x + r0 * ldx, r1 - r0, k, ldx, threshold, out + r0 * ldw, ldw);
  };
  if (rows * k < kMinParallelWork * 8 || num_threads() == 1) {
    body(0, rows);
  } else {
    parallel_for(rows, 1, body);
  }
}

void bgemm(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::uint64_t* a, std::size_t lda, const std::uint64_t* b, std::size_t ldb,
           std::int32_t* c, std::size_t ldc) {
  split_output(kernels, m, n, m * n * words_for_bits(k),
               [&](std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) {
                 kernels.bgemm(i1 - i0, j1 - j0, k, a + i0 * lda, lda, b + j0 * ldb, ldb,
                               c + i0 * ldc + j0, ldc);
               });
}

void bmm01(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::uint64_t* a, std::size_t lda, const std::uint64_t* s, std::size_t lds,
           std::int32_t* c, std::size_t ldc) {
  split_output(kernels, m, n, m * n * words_for_bits(k),
               [&](std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) {
                 kernels.bmm01(i1 - i0, j1 - j0, k, a + i0 * lda, lda, s + j0 * lds, lds,
                               c + i0 * ldc + j0, ldc);
               });
}

void tgemm(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::uint64_t* a, std::size_t lda, const std::uint64_t* sign,
           const std::uint64_t* mask, std::size_t ldb, std::int32_t* c, std::size_t ldc) {
  split_output(kernels, m, n, 2 * m * n * words_for_bits(k),
               [&](std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) {
                 kernels.tgemm(i1 - i0, j1 - j0, k, a + i0 * lda, lda, sign + j0 * ldb,
                               mask + j0 * ldb, ldb, c + i0 * ldc + j0, ldc);
               });
}

void qk_scores(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t d,
               const std::uint64_t* q, std::size_t ldq, const std::uint64_t* keys, std::size_t ldk,
               std::int32_t* c, std::size_t ldc) {
  if (d > kBitsPerWord) {
    bgemm(kernels, m, n, d, q, ldq, keys, ldk, c, ldc);
    return;
  }
  // The one-word kernel walks keys 8 at a time per query: split the queries.
  const auto body = [&](std::size_t i0, std::size_t i1) {
    kernels.qk_d64(i1 - i0, n, d, q + i0 * ldq, ldq, keys, ldk, c + i0 * ldc, ldc);
  };
  if (m * n < kMinParallelWork || num_threads() == 1) {
    body(0, m);
  } else {
    parallel_for(m, 1, body);
  }
}

void igemm(const KernelTable& kernels, std::size_t m, std::size_t n, std::size_t k,
           const std::int8_t* a, std::size_t lda, const std::int8_t* b, std::size_t ldb,
           std::int32_t* c, std::size_t ldc) {
  // An int8 multiply-add pair costs about as much as a word of popcount work per 4 elements.
  split_output(kernels, m, n, m * n * (k / 4 + 1),
               [&](std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) {
                 kernels.igemm(i1 - i0, j1 - j0, k, a + i0 * lda, lda, b + j0 * ldb, ldb,
                               c + i0 * ldc + j0, ldc);
               });
}

void attention_values(const KernelTable& kernels, const AttentionValues& problem) {
  const auto body = [&](std::size_t q0, std::size_t q1) {
    AttentionValues part = problem;
    part.m = q1 - q0;
    part.a = problem.a + q0 * problem.lda;
    part.out = problem.out + q0 * problem.ldo;
    if (problem.counts)
      part.counts = problem.counts + q0 * problem.maps * problem.comps * problem.d;
    kernels.attention_values(part);
  };
  // Work grows with the set bits, unknown here; m * d * comps is its dense upper bound.
  if (problem.m * problem.n_keys * problem.comps < kMinParallelWork || num_threads() == 1) {
    body(0, problem.m);
  } else {
    parallel_for(problem.m, 1, body);
  }
}

void pack_conv_input(const KernelTable& kernels, const ConvShape& shape, const float* x,
                     std::uint64_t* packed) {
  const std::size_t cpg = shape.in_per_group();
  pack_rows(kernels, x, shape.batch * shape.height * shape.width * shape.groups, cpg, cpg, 0.0f,
            packed, shape.input_words());
}

void binary_conv(const KernelTable& kernels, const BinaryConv& problem) {
  const ConvShape& s = problem.weights->shape;
  const auto body = [&](std::size_t p0, std::size_t p1) {
    BinaryConv part = problem;
    part.pixel_begin = p0;
    part.pixel_end = p1;
    kernels.binary_conv(part);
  };
  // Word operations of the whole output; the split keeps output rows whole (grain = width).
  const std::size_t pixels = s.out_pixels();
  if (pixels * s.out_channels * s.weight_words() < kMinParallelWork || num_threads() == 1) {
    body(0, pixels);
  } else {
    parallel_for(pixels, std::max<std::size_t>(s.out_width(), 1), body);
  }
}

}  // namespace binvit::runtime::kernels
