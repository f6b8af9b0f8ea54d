// The float operations of BHViT's segmentation head (model_graph.h): ReLU, the FPN's nearest
// upsampling and the final bilinear resize, on NHWC token matrices.
#include "core/runtime/engine/ops.h"

#include <algorithm>
#include <vector>

namespace binvit::runtime::engine {

void run_relu(const Matrix& in, Matrix& out) {
  out.resize(in.rows, in.cols);
  std::transform(in.data.begin(), in.data.end(), out.data.begin(),
                 [](float v) { return std::max(v, 0.0f); });
}

void run_upsample_nearest(const UpsampleNearestOp& op, const Matrix& in, std::size_t images,
                          Matrix& out) {
  const std::size_t side = op.side, f = op.factor, out_side = side * f, c = op.channels;
  out.resize(images * out_side * out_side, c);
  for (std::size_t b = 0; b < images; ++b)
    for (std::size_t y = 0; y < out_side; ++y)
      for (std::size_t x = 0; x < out_side; ++x) {
        std::copy_n(in.row((b * side + y / f) * side + x / f), c,
                    out.row((b * out_side + y) * out_side + x));
      }
}

namespace {

// One output coordinate of torch's linear interpolation with align_corners = false
// (aten/src/ATen/native/UpSample.h): source = scale * (i + 0.5) - 0.5 clamped at 0, the two
// neighbours and their weights, all in float as torch computes them for float input.
struct LinearTap {
  std::size_t first = 0, second = 0;
  float weight_first = 1.0f, weight_second = 0.0f;
};

std::vector<LinearTap> linear_taps(std::size_t in_size, std::size_t out_size) {
  const float scale = static_cast<float>(in_size) / static_cast<float>(out_size);
  std::vector<LinearTap> taps(out_size);
  for (std::size_t i = 0; i < out_size; ++i) {
    const float source = std::max(scale * (static_cast<float>(i) + 0.5f) - 0.5f, 0.0f);
    LinearTap& t = taps[i];
    t.first = static_cast<std::size_t>(source);
    t.second = t.first + (t.first + 1 < in_size ? 1 : 0);
    t.weight_second = std::min(std::max(source - static_cast<float>(t.first), 0.0f), 1.0f);
    t.weight_first = 1.0f - t.weight_second;
  }
  return taps;
}

}  // namespace

void run_resize_bilinear(const ResizeBilinearOp& op, const Matrix& in, std::size_t images,
                         Matrix& out) {
  const std::size_t side = op.side, size = op.size, c = op.channels;
  const std::vector<LinearTap> taps = linear_taps(side, size);
  out.resize(images * size * size, c);
  for (std::size_t b = 0; b < images; ++b)
    for (std::size_t y = 0; y < size; ++y) {
      const LinearTap& ty = taps[y];
      const float* row0 = in.row((b * side + ty.first) * side);
      const float* row1 = in.row((b * side + ty.second) * side);
      for (std::size_t x = 0; x < size; ++x) {
        const LinearTap& tx = taps[x];
        const float* p00 = row0 + tx.first * c;
        const float* p01 = row0 + tx.second * c;
        const float* p10 = row1 + tx.first * c;
        const float* p11 = row1 + tx.second * c;
        float* dst = out.row((b * size + y) * size + x);
        // torch's order: width first inside each source row, then the two rows.
        for (std::size_t i = 0; i < c; ++i) {
          const float top = p00[i] * tx.weight_first + p01[i] * tx.weight_second;
          const float bottom = p10[i] * tx.weight_first + p11[i] * tx.weight_second;
          dst[i] = top * ty.weight_first + bottom * ty.weight_second;
        }
      }
    }
}

}  // namespace binvit::runtime::engine
