#pragma once
// One token row of the elementwise ops of BHViT's binary-layer wrapper (model_graph.h), shared by
// the separate ops and the fused epilogue of a binary layer (binary_epilogue.h), so both round
// alike. `in` may be `out`.

#include <algorithm>
#include <cstddef>

namespace binvit::runtime::engine {

// Token rows per parallel chunk of these ops: enough work to pay for handing a chunk to the
// second thread.
constexpr std::size_t kRowGrain = 64;

// out = in * scale + shift, each factor optional (null: 1 and 0).
inline void channel_affine_row(const float* in, const float* scale, const float* shift, float* out,
                               std::size_t c) {
  if (scale != nullptr && shift != nullptr) {
    for (std::size_t i = 0; i < c; ++i) out[i] = in[i] * scale[i] + shift[i];
  } else if (scale != nullptr) {
    for (std::size_t i = 0; i < c; ++i) out[i] = in[i] * scale[i];
  } else if (shift != nullptr) {
    for (std::size_t i = 0; i < c; ++i) out[i] = in[i] + shift[i];
  } else {
    std::copy_n(in, c, out);
  }
}

// out = in + s, s of in_c channels: repeated when out_c >= in_c, else the mean of each run of
// in_c / out_c consecutive channels.
inline void shortcut_add_row(const float* in, const float* s, std::size_t out_c, std::size_t in_c,
                             float* out) {
  if (out_c >= in_c) {
    for (std::size_t base = 0; base < out_c; base += in_c) {
      const std::size_t n = std::min(in_c, out_c - base);
      for (std::size_t i = 0; i < n; ++i) out[base + i] = in[base + i] + s[i];
    }
  } else {
    const std::size_t run = in_c / out_c;
    for (std::size_t i = 0; i < out_c; ++i) {
      float sum = 0.0f;
      for (std::size_t j = 0; j < run; ++j) sum += s[i * run + j];
      out[i] = in[i] + sum / static_cast<float>(run);
    }
  }
}

// out = (z >= 0 ? z : slope z) + zeta with z = in - gamma.
inline void rprelu_row(const float* in, const float* gamma, const float* slope, const float* zeta,
                       float* out, std::size_t c) {
  for (std::size_t i = 0; i < c; ++i) {
    const float z = in[i] - gamma[i];
    const float negative = slope[i] * z;
    out[i] = (z >= 0.0f ? z : negative) + zeta[i];
  }
}

}  // namespace binvit::runtime::engine
