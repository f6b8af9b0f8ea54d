// BHViT's float and binary map operations on NHWC token matrices (model_graph.h). Each keeps the
// LibTorch model's float operations in their order, so that what reaches a binarizer rounds
// alike (core/nn/models/bhvit_*.cpp, functional/token_shift.cpp).
#include "core/runtime/engine/float_ops.h"
#include "core/runtime/engine/ops.h"
#include "core/runtime/engine/wrapper_rows.h"
#include "core/runtime/kernels/kernels.h"
#include "core/runtime/kernels/parallel.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace binvit::runtime::engine {

void run_channel_affine(const ChannelAffineOp& op, const Matrix& in, Matrix& out) {
  out.resize(in.rows, op.channels);
  kernels::parallel_for(in.rows, kRowGrain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r)
      channel_affine_row(in.row(r), op.scale, op.shift, out.row(r), op.channels);
  });
}

void run_rprelu(const RpreluOp& op, const Matrix& in, Matrix& out) {
  out.resize(in.rows, op.channels);
  kernels::parallel_for(in.rows, kRowGrain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r)
      rprelu_row(in.row(r), op.gamma, op.slope, op.zeta, out.row(r), op.channels);
  });
}

void run_shortcut_add(const ShortcutAddOp& op, const Matrix& a, const Matrix& b, Matrix& out) {
  out.resize(a.rows, op.out_channels);
  kernels::parallel_for(a.rows, kRowGrain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r)
      shortcut_add_row(a.row(r), b.row(r), op.out_channels, op.in_channels, out.row(r));
  });
}

void run_binary_conv(const BinaryConvOp& op, const Matrix& in, std::size_t images, Matrix& out,
                     Trace* trace) {
  kernels::ConvShape& shape = op.weights.shape;
  shape.batch = images;
  std::vector<std::uint64_t> packed(shape.packed_input_words());
  kernels::pack_conv_input(shape, in.data.data(), packed.data());
  const std::size_t pixels = shape.out_pixels(), oc = shape.out_channels;
  std::vector<std::int32_t> counts(pixels * oc);
  kernels::BinaryConv problem;
  problem.weights = &op.weights;
  problem.input = packed.data();
  problem.out = counts.data();
  problem.ldo = oc;
  problem.pixel_end = pixels;
  kernels::binary_conv(problem);
  // scale * count rounded once, then the bias: LibTorch's evaluation path (BinaryConv2d).
  out.resize(pixels, oc);
  kernels::scale_bias(pixels, oc, counts.data(), oc, op.scale, nullptr, out.data.data(), oc);
  if (op.bias != nullptr) {
    for (std::size_t p = 0; p < pixels; ++p)
      for (std::size_t o = 0; o < oc; ++o) out.data[p * oc + o] += op.bias[o];
  }
  if (trace != nullptr) {
    // In the layout of the LibTorch tensors: (B, C, H, W).
    const std::size_t hw = shape.height * shape.width, ic = shape.in_channels;
    TraceEntry& bits =
        trace->add(op.name + ".input", {images, ic, shape.height, shape.width}, true);
    for (std::size_t b = 0; b < images; ++b)
      for (std::size_t p = 0; p < hw; ++p)
        for (std::size_t ch = 0; ch < ic; ++ch)
          bits.bits[(b * ic + ch) * hw + p] = in.data[(b * hw + p) * ic + ch] >= 0.0f;
    const std::size_t ohw = shape.out_height() * shape.out_width();
    TraceEntry& product = trace->add(op.name + ".product",
                                     {images, oc, shape.out_height(), shape.out_width()}, false);
    for (std::size_t b = 0; b < images; ++b)
      for (std::size_t p = 0; p < ohw; ++p)
        for (std::size_t o = 0; o < oc; ++o)
          product.counts[(b * oc + o) * ohw + p] = counts[(b * ohw + p) * oc + o];
  }
}

void run_float_conv(const FloatConvOp& op, const Matrix& in, std::size_t images, Matrix& out) {
  const std::size_t side = op.side, k = op.kernel, c = op.in_channels, out_side = op.out_side();
  const std::size_t taps = k * k * c, pixels = images * out_side * out_side;
  const auto pad = static_cast<long>(op.padding);
  // im2col over the NHWC map: taps outside it stay zero, torch's zero padding.
  std::vector<float> unfolded(pixels * taps, 0.0f);
  for (std::size_t b = 0; b < images; ++b)
    for (std::size_t oy = 0; oy < out_side; ++oy)
      for (std::size_t ox = 0; ox < out_side; ++ox) {
        float* dst = unfolded.data() + ((b * out_side + oy) * out_side + ox) * taps;
        for (std::size_t ky = 0; ky < k; ++ky)
          for (std::size_t kx = 0; kx < k; ++kx, dst += c) {
            const long y = static_cast<long>(oy * op.stride + ky) - pad;
            const long x = static_cast<long>(ox * op.stride + kx) - pad;
            if (y < 0 || x < 0 || y >= static_cast<long>(side) || x >= static_cast<long>(side))
              continue;
            std::copy_n(in.row((b * side + static_cast<std::size_t>(y)) * side +
                               static_cast<std::size_t>(x)),
                        c, dst);
          }
      }
  out.resize(pixels, op.out_channels);
  float_gemm(pixels, op.out_channels, taps, unfolded.data(), taps, op.weight_t.data(), op.bias,
             out.data.data(), op.out_channels);
}

void run_avg_pool(const AvgPoolOp& op, const Matrix& in, std::size_t images, Matrix& out) {
  const std::size_t side = op.side, s = op.size, out_side = side / s, c = op.channels;
  const auto cells = static_cast<float>(s * s);
  out.resize(images * out_side * out_side, c);
  for (std::size_t b = 0; b < images; ++b)
    for (std::size_t oy = 0; oy < out_side; ++oy)
      for (std::size_t ox = 0; ox < out_side; ++ox) {
        float* y = out.row((b * out_side + oy) * out_side + ox);
        for (std::size_t i = 0; i < c; ++i) {
          float sum = 0.0f;
          for (std::size_t ky = 0; ky < s; ++ky)
            for (std::size_t kx = 0; kx < s; ++kx)
              sum += in.row((b * side + oy * s + ky) * side + ox * s + kx)[i];
          y[i] = sum / cells;
        }
      }
}

namespace {

// Circular index arithmetic of torch::roll: rolled by +k, position i reads i - k.
std::size_t rolled(std::size_t i, long offset, std::size_t size) {
  const long n = static_cast<long>(size);
  return static_cast<std::size_t>(((static_cast<long>(i) - offset) % n + n) % n);
}

// The pixels one output pixel of the shift branches reads, each a row of C channels: the pixel
// itself and the pixels rolled by +1, -1, +2, -2 along H (up) and along W (left).
struct ShiftSources {
  const float* centre;
  const float* up[4];    // roll(+1), roll(-1), roll(+2), roll(-2) along H
  const float* left[4];  // the same along W

  ShiftSources(const float* map, std::size_t side, std::size_t channels, std::size_t y,
               std::size_t x) {
    const auto at = [&](std::size_t yy, std::size_t xx) {
      return map + (yy * side + xx) * channels;
    };
    centre = at(y, x);
    const long offsets[4] = {1, -1, 2, -2};
    for (int i = 0; i < 4; ++i) {
      up[i] = at(rolled(y, offsets[i], side), x);
      left[i] = at(y, rolled(x, offsets[i], side));
    }
  }

  // channel_split_roll by `step` (1 or 2): channel quarter q reads H +step, H -step, W +step,
  // W -step for q = 0..3 (a fifth, partial quarter when C % 4 != 0 reads W +step, as q % 2 == 0).
  const float* split(std::size_t quarter, int step) const {
    const int first = step == 1 ? 0 : 2;
    const int sign = quarter % 2 == 0 ? 0 : 1;
    return quarter < 2 ? up[first + sign] : left[first + sign];
  }
};

}  // namespace

// Channels innermost so that each branch is a contiguous, vectorisable pass; every sum keeps the
// LibTorch model's order: ((x + roll(+1)) + roll(-1)) [+ roll(+2)) + roll(-2)] / (2 reach + 1),
// each branch through its LayerScale, the six summed left to right (h3, w3, c3, h5, w5, c5).
void run_shift_branches(const ShiftBranchesOp& op, const Matrix& in, std::size_t images,
                        Matrix& out) {
  const std::size_t side = op.side, c = op.channels, hw = side * side;
  const std::size_t quarter = std::max<std::size_t>(c / 4, 1);
  out.resize(images * hw, c);
  const float* __restrict scale = op.scales;
  const float* __restrict shift = op.shifts;
  kernels::parallel_for(images * hw, kRowGrain, [&](std::size_t begin, std::size_t end) {
    std::vector<float> c3(c), c5(c);
    for (std::size_t p = begin; p < end; ++p) {
      const std::size_t b = p / hw, y = (p % hw) / side, x = p % side;
      const ShiftSources src(in.row(b * hw), side, c, y, x);
      for (std::size_t q = 0; q * quarter < c; ++q) {
        const std::size_t from = q * quarter, to = std::min(c, from + quarter);
        std::copy(src.split(q, 1) + from, src.split(q, 1) + to, c3.data() + from);
        std::copy(src.split(q, 2) + from, src.split(q, 2) + to, c5.data() + from);
      }
      const float* __restrict m = src.centre;
      const float* __restrict u1 = src.up[0];
      const float* __restrict d1 = src.up[1];
      const float* __restrict u2 = src.up[2];
      const float* __restrict d2 = src.up[3];
      const float* __restrict l1 = src.left[0];
      const float* __restrict r1 = src.left[1];
      const float* __restrict l2 = src.left[2];
      const float* __restrict r2 = src.left[3];
      const float* __restrict s3 = c3.data();
      const float* __restrict s5 = c5.data();
      float* __restrict dst = out.row(p);
      for (std::size_t ch = 0; ch < c; ++ch) {
        const float h3 = m[ch] + u1[ch] + d1[ch];
        const float w3 = m[ch] + l1[ch] + r1[ch];
        const float h5 = h3 + u2[ch] + d2[ch];
        const float w5 = w3 + l2[ch] + r2[ch];
        const float branch[6] = {h3 / 3.0f, w3 / 3.0f, s3[ch], h5 / 5.0f, w5 / 5.0f, s5[ch]};
        float sum = scale[ch] * branch[0] + shift[ch];
        for (std::size_t i = 1; i < 6; ++i)
          sum = sum + (scale[i * c + ch] * branch[i] + shift[i * c + ch]);
        dst[ch] = sum;
      }
    }
  });
}

void run_window_tokens(const WindowTokensOp& op, const Matrix& in, std::size_t images,
                       Matrix& out) {
  const std::size_t side = op.side, w = op.window, per_side = side / w, windows = op.windows();
  const std::size_t c = op.channels, hw = side * side, seq = op.sequence();
  const long pad = static_cast<long>((w - 1) / 2);
  const auto cell_area = static_cast<float>(w * w);
  out.resize(images * windows * seq, c);
  std::vector<float> merged(windows * c);
  for (std::size_t b = 0; b < images; ++b) {
    const float* map = in.row(b * hw);
    // Merged tokens: max and mean pools (kernel = stride = w, padding (w - 1) / 2, the mean
    // counting the padding), mixed a * max + (1 - a) * mean.
    for (std::size_t py = 0; py < per_side; ++py)
      for (std::size_t px = 0; px < per_side; ++px) {
        const long y0 = std::max(0L, static_cast<long>(py * w) - pad);
        const long x0 = std::max(0L, static_cast<long>(px * w) - pad);
        const long y1 = std::min(static_cast<long>(side), static_cast<long>(py * w + w) - pad);
        const long x1 = std::min(static_cast<long>(side), static_cast<long>(px * w + w) - pad);
        float* token = merged.data() + (py * per_side + px) * c;
        for (std::size_t ch = 0; ch < c; ++ch) {
          float maximum = -std::numeric_limits<float>::infinity(), sum = 0.0f;
          for (long y = y0; y < y1; ++y)
            for (long x = x0; x < x1; ++x) {
              const float v =
                  map[(static_cast<std::size_t>(y) * side + static_cast<std::size_t>(x)) * c + ch];
              maximum = std::max(maximum, v);
              sum += v;
            }
          const float a = op.merge_weight[ch];
          token[ch] = a * maximum + (1.0f - a) * (sum / cell_area);
        }
      }
    for (std::size_t wi = 0; wi < windows; ++wi) {
      const std::size_t wy = wi / per_side, wx = wi % per_side;
      float* dst = out.row((b * windows + wi) * seq);
      for (std::size_t t = 0; t < w * w; ++t) {
        dst = std::copy_n(map + ((wy * w + t / w) * side + wx * w + t % w) * c, c, dst);
      }
      std::copy(merged.begin(), merged.end(), dst);
    }
  }
}

void run_window_merge(const WindowMergeOp& op, const Matrix& in, std::size_t images, Matrix& out) {
  const std::size_t side = op.side, w = op.window, per_side = side / w, windows = op.windows();
  const std::size_t c = op.channels, hw = side * side, seq = op.sequence();
  out.resize(images * hw, c);
  std::vector<float> global(windows * c);
  for (std::size_t b = 0; b < images; ++b) {
    const float* context = in.row(b * windows * seq);
    // Each window's outputs of the merged tokens, summed over windows in order, then averaged.
    for (std::size_t cell = 0; cell < windows; ++cell)
      for (std::size_t ch = 0; ch < c; ++ch) {
        float sum = 0.0f;
        for (std::size_t wi = 0; wi < windows; ++wi)
          sum += context[(wi * seq + w * w + cell) * c + ch];
        global[cell * c + ch] = sum / static_cast<float>(windows);
      }
    for (std::size_t y = 0; y < side; ++y)
      for (std::size_t x = 0; x < side; ++x) {
        const std::size_t wi = (y / w) * per_side + x / w;
        const float* local = context + (wi * seq + (y % w) * w + x % w) * c;
        const float* g = global.data() + ((y / w) * per_side + x / w) * c;
        float* dst = out.row(b * hw + y * side + x);
        for (std::size_t ch = 0; ch < c; ++ch) {
          const float p = op.window_weight[ch];
          dst[ch] = p * local[ch] + (1.0f - p) * g[ch];
        }
      }
  }
}

void run_token_mean(const TokenMeanOp& op, const Matrix& in, std::size_t images, Matrix& out) {
  const std::size_t c = op.channels, n = in.rows / images;
  out.resize(images, c);
  for (std::size_t b = 0; b < images; ++b) {
    float* y = out.row(b);
    std::fill(y, y + c, 0.0f);
    for (std::size_t t = 0; t < n; ++t) {
      const float* x = in.row(b * n + t);
      for (std::size_t i = 0; i < c; ++i) y[i] += x[i];
    }
    for (std::size_t i = 0; i < c; ++i) y[i] /= static_cast<float>(n);
  }
}

}  // namespace binvit::runtime::engine
