#include "core/runtime/engine/float_ops.h"
#include "core/runtime/engine/layer_norm_moments.h"

#include "core/runtime/kernels/parallel.h"
#include "core/runtime/kernels/registry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

namespace binvit::runtime::engine {

#if BINVIT_HAVE_AVX2_KERNELS
std::pair<float, float> layer_norm_moments_avx2(const float* x, std::size_t dim);
void layer_norm_apply_avx2(const float* x, float rstd, float shift, const float* weight,
                           const float* bias, float* out, std::size_t dim);
#endif

namespace {

// The AVX2 kernels' choice (CPU features, BINVIT_FORCE_REFERENCE) decides for these ops too.
bool avx2_active() {
#if BINVIT_HAVE_AVX2_KERNELS
  return std::strcmp(kernels::active_kernels().name, "avx2") == 0;
#else
  return false;
#endif
}

// Per row: the moments (layer_norm_moments.h), rstd = 1 / sqrt(max(var, 0) + eps) in float, and
// out = fma(fma(x, rstd, shift), weight, bias), the multiply-adds LibTorch's kernel fuses.
void layer_norm_rows([[maybe_unused]] bool avx2, const float* x, std::size_t begin, std::size_t end,
                     std::size_t dim, double eps, const float* weight, const float* bias,
                     float* y) {
  for (std::size_t r = begin; r < end; ++r) {
    const float* in = x + r * dim;
    float* out = y + r * dim;
#if BINVIT_HAVE_AVX2_KERNELS
    const auto [mean, var] =
        avx2 ? layer_norm_moments_avx2(in, dim) : torch_layer_norm_moments(in, dim);
#else
    const auto [mean, var] = torch_layer_norm_moments(in, dim);
#endif
    const float rstd = 1.0f / std::sqrt(std::max(var, 0.0f) + static_cast<float>(eps));
    const float shift = -rstd * mean;
#if BINVIT_HAVE_AVX2_KERNELS
    if (avx2) {
      layer_norm_apply_avx2(in, rstd, shift, weight, bias, out, dim);
      continue;
    }
#endif
    for (std::size_t i = 0; i < dim; ++i)
      out[i] = std::fma(std::fma(in[i], rstd, shift), weight[i], bias[i]);
  }
}

}  // namespace

void layer_norm(const float* x, std::size_t rows, std::size_t dim, double eps, const float* weight,
                const float* bias, float* y) {
  const bool avx2 = avx2_active();
  kernels::parallel_for(rows, 16, [&](std::size_t begin, std::size_t end) {
    layer_norm_rows(avx2, x, begin, end, dim, eps, weight, bias, y);
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
  [[maybe_unused]] const bool avx2 = avx2_active();
  kernels::parallel_for(count, 4096, [&](std::size_t begin, std::size_t end) {
#if BINVIT_HAVE_AVX2_KERNELS
    if (avx2) {
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
  if (avx2_active()) {
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
