#include "core/runtime/engine/float_ops.h"

#include "core/runtime/kernels/parallel.h"
#include "core/runtime/kernels/registry.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace binvit::runtime::engine {

void layer_norm(const float* x, std::size_t rows, std::size_t dim, double eps, const float* weight,
                const float* bias, float* y) {
  for (std::size_t r = 0; r < rows; ++r) {
    const float* in = x + r * dim;
    float* out = y + r * dim;
    // Moments in double: closer to the exact value than any float order, so the difference to
    // LibTorch's float moments stays within its own rounding.
    // Four partial sums break the dependency chain of the additions.
    double sum[4] = {0.0, 0.0, 0.0, 0.0};
    std::size_t i = 0;
    for (; i + 4 <= dim; i += 4)
      for (std::size_t l = 0; l < 4; ++l) sum[l] += in[i + l];
    for (; i < dim; ++i) sum[0] += in[i];
    const double mean_d = ((sum[0] + sum[1]) + (sum[2] + sum[3])) / static_cast<double>(dim);
    double square[4] = {0.0, 0.0, 0.0, 0.0};
    for (i = 0; i + 4 <= dim; i += 4) {
      for (std::size_t l = 0; l < 4; ++l) {
        const double d = in[i + l] - mean_d;
        square[l] += d * d;
      }
    }
    for (; i < dim; ++i) square[0] += (in[i] - mean_d) * (in[i] - mean_d);
    const double squares = (square[0] + square[1]) + (square[2] + square[3]);
    const auto mean = static_cast<float>(mean_d);
    const auto var = static_cast<float>(squares / static_cast<double>(dim));
    // LibTorch: rstd = 1 / sqrt(max(var, 0) + eps) with eps a double, stored as float.
    const auto rstd = static_cast<float>(1.0 / std::sqrt(static_cast<double>(var) + eps));
    const float shift = -rstd * mean;
    for (std::size_t i = 0; i < dim; ++i) {
      const float normalised = in[i] * rstd + shift;
      out[i] = normalised * weight[i] + bias[i];
    }
  }
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
#if BINVIT_HAVE_AVX2_KERNELS
  if (std::strcmp(kernels::active_kernels().name, "avx2") == 0) {
    gelu_avx2(x, count, limit, y);
    return;
  }
#endif
  for (std::size_t i = 0; i < count; ++i) {
    y[i] = gelu_scalar(x[i], limit);
  }
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
