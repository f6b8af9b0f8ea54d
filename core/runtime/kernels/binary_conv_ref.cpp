#include "core/runtime/kernels/binary_conv.h"

#include <cassert>

namespace binvit::runtime::kernels {
namespace {

bool bit_of(const std::uint64_t* row, std::size_t e) {
  return (row[e / kBitsPerWord] >> (e % kBitsPerWord)) & 1u;
}

// The input coordinate of tap offset `k` for output coordinate `o`, or -1 outside the map.
long input_coordinate(const ConvShape& s, std::size_t o, std::size_t k, std::size_t size) {
  const long at = static_cast<long>(o * s.stride + k * s.dilation) - static_cast<long>(s.padding);
  return at >= 0 && at < static_cast<long>(size) ? at : -1;
}

// One output count: every valid tap, every channel of the group, +1 when the bits agree.
std::int32_t count_one(const ConvShape& s, const std::uint64_t* input, const std::uint64_t* w_row,
                       std::size_t n, std::size_t oy, std::size_t ox, std::size_t g) {
  const std::size_t cpg = s.in_per_group();
  std::int32_t sum = 0;
  for (std::size_t ky = 0; ky < s.kernel_height; ++ky) {
    const long iy = input_coordinate(s, oy, ky, s.height);
    for (std::size_t kx = 0; kx < s.kernel_width; ++kx) {
      const long ix = input_coordinate(s, ox, kx, s.width);
      if (iy < 0 || ix < 0) continue;  // zero padding: the tap adds nothing
      const std::size_t pixel = (n * s.height + iy) * s.width + ix;
      const std::uint64_t* x = input + (pixel * s.groups + g) * s.input_words();
      const std::size_t tap = ky * s.kernel_width + kx;
      for (std::size_t c = 0; c < cpg; ++c)
        sum += bit_of(x, c) == bit_of(w_row, tap * cpg + c) ? 1 : -1;
    }
  }
  return sum;
}

}  // namespace

PackedConvWeights pack_conv_weights(const ConvShape& shape, const float* weights) {
  assert(shape.groups >= 1 && shape.in_channels % shape.groups == 0 &&
         shape.out_channels % shape.groups == 0);
  assert(shape.weight_bits() >= 1 && shape.weight_bits() <= (std::size_t{1} << 30));
  PackedConvWeights packed;
  packed.shape = shape;
  const std::size_t cpg = shape.in_per_group(), taps = shape.taps(), words = shape.weight_words();
  packed.bits.assign(shape.out_channels * words, 0);  // padding bits 0
  packed.tap_sums.assign(shape.out_channels * taps, 0);
  for (std::size_t o = 0; o < shape.out_channels; ++o) {
    for (std::size_t c = 0; c < cpg; ++c) {
      for (std::size_t t = 0; t < taps; ++t) {
        // torch layout: w[o][c][ky][kx] with t = ky * kw + kx.
        const bool plus = weights[(o * cpg + c) * taps + t] >= 0.0f;
        const std::size_t e = t * cpg + c;
        if (plus)
          packed.bits[o * words + e / kBitsPerWord] |= std::uint64_t{1} << (e % kBitsPerWord);
        packed.tap_sums[o * taps + t] += plus ? 1 : -1;
      }
    }
  }
  return packed;
}

void binary_conv_ref(const BinaryConv& p) {
  assert(p.weights != nullptr && p.input != nullptr && p.out != nullptr);
  const ConvShape& s = p.weights->shape;
  assert(p.ldo >= s.out_channels && p.pixel_end <= s.out_pixels());
  const std::size_t oh = s.out_height(), ow = s.out_width(), words = s.weight_words();
  for (std::size_t pixel = p.pixel_begin; pixel < p.pixel_end; ++pixel) {
    const std::size_t n = pixel / (oh * ow), oy = pixel / ow % oh, ox = pixel % ow;
    for (std::size_t o = 0; o < s.out_channels; ++o) {
      const std::uint64_t* w_row = p.weights->bits.data() + o * words;
      p.out[pixel * p.ldo + o] = count_one(s, p.input, w_row, n, oy, ox, o / s.out_per_group());
    }
  }
}

}  // namespace binvit::runtime::kernels
