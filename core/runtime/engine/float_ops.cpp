#include "core/runtime/engine/float_ops.h"

#include "core/runtime/kernels/parallel.h"
#include "core/runtime/kernels/registry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

namespace binvit::runtime::engine {

namespace {

// The mean and biased variance of a row, rounded as LibTorch's CPU LayerNorm (its AVX2 and
// default kernels) rounds them, so that a binarizer after a LayerNorm sees the very floats of
// the training model; a sum in another order moved values within an ulp of a threshold across
// it. The algorithm: 8 float lanes, each a Welford update over one element per 8-float vector;
// every 16 vectors the lanes' moments are merged (Chan's formula) into a binary-counter cascade
// of partial results, which folds at the end; the elements after the last whole vector run a
// scalar Welford, and the 8 lanes are merged into it one by one.
constexpr std::size_t kLanes = 8;
constexpr std::size_t kChunk = 16;

struct LaneMoments {
  std::size_t count = 0;
  std::array<float, kLanes> mean{}, m2{};
};

// Merges `add` into `into` lane by lane (each lane has seen add.count more elements).
void merge(const LaneMoments& add, LaneMoments& into) {
  const std::size_t n = into.count + add.count;
  const float c = n == 0 ? 0.0f : static_cast<float>(add.count) / static_cast<float>(n);
  const auto before = static_cast<float>(into.count);
  for (std::size_t l = 0; l < kLanes; ++l) {
    const float delta = add.mean[l] - into.mean[l];
    into.mean[l] += c * delta;
    into.m2[l] += add.m2[l] + delta * delta * c * before;
  }
  into.count = n;
}

std::pair<float, float> layer_norm_moments(const float* x, std::size_t dim) {
  const std::size_t vectors = dim / kLanes;
  const std::size_t chunks = (vectors + kChunk - 1) / kChunk;
  std::size_t depth = 0;
  while ((std::size_t{1} << depth) < chunks) ++depth;
  std::vector<LaneMoments> cascade(std::max<std::size_t>(depth, 1));
  for (std::size_t i = 0; i < chunks; ++i) {
    LaneMoments chunk;
    chunk.count = std::min(kChunk, vectors - i * kChunk);
    const float* p = x + i * kChunk * kLanes;
    for (std::size_t j = 0; j < chunk.count; ++j) {
      const float weight = 1.0f / static_cast<float>(j + 1);
      for (std::size_t l = 0; l < kLanes; ++l) {
        const float v = p[j * kLanes + l];
        const float delta = v - chunk.mean[l];
        chunk.mean[l] += delta * weight;
        chunk.m2[l] += delta * (v - chunk.mean[l]);
      }
    }
    merge(chunk, cascade[0]);
    // Carry like a binary counter: after 2^j chunks level j - 1 moves up into level j.
    for (std::size_t j = 1, mask = i + 1; j < depth && (mask & 1) == 0; ++j, mask >>= 1) {
      merge(cascade[j - 1], cascade[j]);
      cascade[j - 1] = LaneMoments{};
    }
  }
  for (std::size_t j = 1; j < depth; ++j) merge(cascade[j], cascade[0]);
  std::size_t count = 0;
  float mean = 0.0f, m2 = 0.0f;
  for (std::size_t i = vectors * kLanes; i < dim; ++i) {
    const float delta = x[i] - mean;
    ++count;
    mean += delta / static_cast<float>(count);
    m2 += delta * (x[i] - mean);
  }
  for (std::size_t l = 0; l < kLanes; ++l) {
    const std::size_t n = count + vectors;
    const float c = n == 0 ? 0.0f : static_cast<float>(vectors) / static_cast<float>(n);
    const float delta = cascade[0].mean[l] - mean;
    mean += c * delta;
    m2 += cascade[0].m2[l] + delta * delta * c * static_cast<float>(count);
    count = n;
  }
  return {mean, m2 / static_cast<float>(dim)};
}

}  // namespace

#if BINVIT_HAVE_AVX2_KERNELS
void layer_norm_apply_avx2(const float* x, float rstd, float shift, const float* weight,
                           const float* bias, float* out, std::size_t dim);
#endif

namespace {

// out = fma(fma(x, rstd, shift), weight, bias): LibTorch's kernel computes
// (x * rstd + shift) * weight + bias with the multiply-adds fused.
void layer_norm_apply(const float* x, float rstd, float shift, const float* weight,
                      const float* bias, float* out, std::size_t dim) {
#if BINVIT_HAVE_AVX2_KERNELS
  if (std::strcmp(kernels::active_kernels().name, "avx2") == 0) {
    layer_norm_apply_avx2(x, rstd, shift, weight, bias, out, dim);
    return;
  }
#endif
  for (std::size_t i = 0; i < dim; ++i)
    out[i] = std::fma(std::fma(x[i], rstd, shift), weight[i], bias[i]);
}

void layer_norm_rows(const float* x, std::size_t begin, std::size_t end, std::size_t dim,
                     double eps, const float* weight, const float* bias, float* y) {
  for (std::size_t r = begin; r < end; ++r) {
    const float* in = x + r * dim;
    float* out = y + r * dim;
    const auto [mean, var] = layer_norm_moments(in, dim);
    // LibTorch: rstd = 1 / sqrt(max(var, 0) + eps), all in float.
    const float rstd = 1.0f / std::sqrt(std::max(var, 0.0f) + static_cast<float>(eps));
    const float shift = -rstd * mean;
    layer_norm_apply(in, rstd, shift, weight, bias, out, dim);
  }
}

}  // namespace

void layer_norm(const float* x, std::size_t rows, std::size_t dim, double eps, const float* weight,
                const float* bias, float* y) {
  kernels::parallel_for(rows, 16, [&](std::size_t begin, std::size_t end) {
    layer_norm_rows(x, begin, end, dim, eps, weight, bias, y);
  });
}

void softmax_rows(float* x, std::size_t rows, std::size_t cols) {
  for (std::size_t r = 0; r < rows; ++r) {
    float* row = x + r * cols;
    float maximum = row[0];
    for (std::size_t i = 1; i < cols; ++i) maximum = std::max(maximum, row[i]);
    float sum = 0.0f;
    for (std::size_t i = 0; i < cols; ++i) {
      row[i] = std::exp(row[i] - maximum);
      sum += row[i];
    }
    const float inverse = 1.0f / sum;
    for (std::size_t i = 0; i < cols; ++i) row[i] *= inverse;
  }
}

#if BINVIT_HAVE_AVX2_KERNELS
void gelu_avx2(const float* x, std::size_t count, float limit, float* y);
#endif

void gelu(const float* x, std::size_t count, float limit, float* y) {
  // Chunks start at multiples of 4096, so the AVX2 path's scalar tail stays where it was: the
  // same bits at any thread count.
  kernels::parallel_for(count, 4096, [&](std::size_t begin, std::size_t end) {
#if BINVIT_HAVE_AVX2_KERNELS
    if (std::strcmp(kernels::active_kernels().name, "avx2") == 0) {
      gelu_avx2(x + begin, end - begin, limit, y + begin);
      return;
    }
#endif
    for (std::size_t i = begin; i < end; ++i) y[i] = gelu_scalar(x[i], limit);
  });
}

#if BINVIT_HAVE_AVX2_KERNELS
void float_gemm_avx2(std::size_t m, std::size_t n, std::size_t k, const float* a, std::size_t lda,
                     const float* bt, const float* bias, float* c, std::size_t ldc);
#endif

namespace {

void float_gemm_rows(std::size_t m, std::size_t n, std::size_t k, const float* a, std::size_t lda,
                     const float* bt, const float* bias, float* c, std::size_t ldc) {
#if BINVIT_HAVE_AVX2_KERNELS
  // The AVX2 kernels' choice (CPU features, BINVIT_FORCE_REFERENCE) decides here too.
  if (std::strcmp(kernels::active_kernels().name, "avx2") == 0) {
    float_gemm_avx2(m, n, k, a, lda, bt, bias, c, ldc);
    return;
  }
#endif
  // Row by row, k outer, n inner: the inner loop is a contiguous axpy the compiler vectorises
  // without reassociating anything. Blocks of columns keep the row of C in L1.
  constexpr std::size_t kBlock = 512;
  for (std::size_t i = 0; i < m; ++i) {
    const float* ai = a + i * lda;
    float* ci = c + i * ldc;
    for (std::size_t j0 = 0; j0 < n; j0 += kBlock) {
      const std::size_t j1 = std::min(n, j0 + kBlock);
      for (std::size_t j = j0; j < j1; ++j) ci[j] = 0.0f;
      for (std::size_t e = 0; e < k; ++e) {
        const float s = ai[e];
        const float* b = bt + e * n;
        for (std::size_t j = j0; j < j1; ++j) ci[j] += s * b[j];
      }
      if (bias != nullptr) {
        for (std::size_t j = j0; j < j1; ++j) ci[j] += bias[j];
      }
    }
  }
}

}  // namespace

void float_gemm(std::size_t m, std::size_t n, std::size_t k, const float* a, std::size_t lda,
                const float* bt, const float* bias, float* c, std::size_t ldc) {
  // Every output is the same k-ordered sum whichever rows a thread gets, so splitting the rows
  // (in the AVX2 kernel's 4-row tiles) changes no bit.
  kernels::parallel_for(m, 4, [&](std::size_t begin, std::size_t end) {
    float_gemm_rows(end - begin, n, k, a + begin * lda, lda, bt, bias, c + begin * ldc, ldc);
  });
}

}  // namespace binvit::runtime::engine
