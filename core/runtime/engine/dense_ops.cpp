// The float and int8 operations: patch embedding, tokens, float linear, LSQ int8 linear.
#include "core/runtime/engine/float_ops.h"
#include "core/runtime/engine/ops.h"
#include "core/runtime/kernels/kernels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace binvit::runtime::engine {

void run_patch_embed(const PatchEmbedOp& op, const Matrix& images, Matrix& out) {
  const std::size_t side = op.image_size / op.patch, patches = side * side;
  const std::size_t p = op.patch, k = op.in_channels * p * p, hw = op.image_size;
  // Unfold each image into patches x (ky, kx, channel): LibTorch's convolution accumulates in
  // this order, so the GEMM's k-ordered fused multiply-adds give its bits.
  std::vector<float> unfolded(images.rows * patches * k);
  for (std::size_t b = 0; b < images.rows; ++b) {
    const float* image = images.row(b);
    for (std::size_t py = 0; py < side; ++py) {
      for (std::size_t px = 0; px < side; ++px) {
        float* dst = unfolded.data() + ((b * patches) + py * side + px) * k;
        for (std::size_t ky = 0; ky < p; ++ky)
          for (std::size_t kx = 0; kx < p; ++kx)
            for (std::size_t ch = 0; ch < op.in_channels; ++ch)
              *dst++ = image[(ch * hw + py * p + ky) * hw + px * p + kx];
      }
    }
  }
  out.resize(images.rows * patches, op.embed);
  float_gemm(out.rows, op.embed, k, unfolded.data(), k, op.weight_t.data(), op.bias,
             out.data.data(), op.embed);
}

void run_tokens(const TokensOp& op, const Matrix& patches, std::size_t images, Matrix& out) {
  const std::size_t n = op.tokens, c = op.embed, per_image = n - op.prefix;
  out.resize(images * n, c);
  for (std::size_t b = 0; b < images; ++b) {
    for (std::size_t t = 0; t < n; ++t) {
      const float* src =
          t < op.prefix ? op.prefix_tokens + t * c : patches.row(b * per_image + t - op.prefix);
      const float* pos = op.pos_embed + t * c;
      float* dst = out.row(b * n + t);
      for (std::size_t i = 0; i < c; ++i) dst[i] = src[i] + pos[i];
    }
  }
}

namespace {
// The rows a head reads: row `token` of each image, or every row.
std::size_t selected_rows(const Matrix& in, long token, std::size_t tokens) {
  return token >= 0 ? in.rows / tokens : in.rows;
}
const float* selected_row(const Matrix& in, long token, std::size_t tokens, std::size_t r) {
  return token >= 0 ? in.row(r * tokens + static_cast<std::size_t>(token)) : in.row(r);
}
}  // namespace

void run_linear(const LinearOp& op, const Matrix& in, std::size_t tokens, Matrix& out) {
  const std::size_t rows = selected_rows(in, op.token, tokens);
  out.resize(rows, op.out_features);
  for (std::size_t r = 0; r < rows; ++r) {
    float_gemm(1, op.out_features, op.in_features, selected_row(in, op.token, tokens, r),
               op.in_features, op.weight_t.data(), op.bias, out.row(r), op.out_features);
  }
}

void run_int8_linear(const Int8LinearOp& op, const Matrix& in, std::size_t tokens, Matrix& out) {
  const std::size_t rows = selected_rows(in, op.token, tokens), k = op.in_features;
  std::vector<std::int8_t> q(rows * k);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* x = selected_row(in, op.token, tokens, r);
    for (std::size_t e = 0; e < k; ++e) {
      // LSQ as trained: clamp(round_half_up((x + shift) / step), -128, 127), where
      // round_half_up(v) = floor(v) + (v - floor(v) >= 0.5).
      const float v = (x[e] + op.input_shift[e]) / op.input_step;
      const float whole = std::floor(v);
      float level = whole + ((v - whole) >= 0.5f ? 1.0f : 0.0f);
      level = std::isnan(level) ? 0.0f : std::min(std::max(level, -128.0f), 127.0f);
      q[r * k + e] = static_cast<std::int8_t>(level);
    }
  }
  std::vector<std::int32_t> counts(rows * op.out_features);
  kernels::igemm(rows, op.out_features, k, q.data(), k, op.weight, k, counts.data(),
                 op.out_features);
  out.resize(rows, op.out_features);
  kernels::scale_bias(rows, op.out_features, counts.data(), op.out_features, op.scale.data(),
                      op.bias, out.data.data(), op.out_features);
}

}  // namespace binvit::runtime::engine
