#pragma once
// Binary 2-d convolution (BHViT's MSGDC 3x3 grouped dilated convolutions and the 2x2 stride-2
// downsampling): +-1 activations times +-1 weights, exact int32 counts.
//
// Contract:
// - Input: NHWC. Every pixel's channels are split into `groups` runs of cpg = in / groups
//   channels; each run is packed as one bitpack.h row of words_for_bits(cpg) words (bit = x >= 0,
//   zero padding bits). Packed word of (n, y, x, g, w) at
//   (((n * height + y) * width + x) * groups + g) * input_words() + w. pack_conv_input
//   (kernels.h) packs a float NHWC map this way (it is pack_rows over rows of cpg floats).
// - Weights: packed offline from float weights in the torch layout (out, in / groups, kh, kw) by
//   pack_conv_weights: one row per output channel of taps * cpg bits, tap t = ky * kw + kx,
//   bit t * cpg + c = sgn(w[o][c][ky][kx]), plus tap_sums[o * taps + t] = sum_c of those +-1
//   (what a padded tap would have added had it been read as -1; the AVX2 variant subtracts it).
// - Output: out[p * ldo + o] for output pixel p = (n * out_height + oy) * out_width + ox,
//   = sum over ky, kx, c of sgn(x[n][iy][ix][g * cpg + c]) * sgn(w[o][c][ky][kx]) where
//   iy = oy * stride - padding + ky * dilation (the same for x) and taps outside the map add 0
//   (zero padding after binarization, as torch's conv2d on sign-binarized input). Only pixels
//   [pixel_begin, pixel_end) are written (the thread split); columns past out_channels are not.
// - Any cpg >= 1, any dilation / stride / padding, any map size (taps may all fall outside).
//   Preconditions (asserted): groups divide in and out, taps * cpg <= 2^30, ldo >= out.
//
// Variants: binary_conv_ref loops over bits. binary_conv_avx2 picks one of two AVX2 kernels:
// - binary_conv_lut_avx2 (stride 1 only): the sum of 4 channels' products of one tap is a
//   16-entry table of the input nibble (vpshufb), looked up for 32 output pixels at once from
//   byte planes of the input nibbles laid out so that every tap is a fixed offset; padded taps
//   index 0x80, which looks up 0. Does not use tap_sums.
// - binary_conv_im2col_avx2 (any stride) gathers, for a block of output pixels, every tap's bits
//   into one row per (pixel, group) (padded taps as 0 bits = -1), runs the AVX2 binary GEMM per
//   group against the weight rows, and adds tap_sums back for the border pixels' padded taps.

#include "core/runtime/kernels/bitpack.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace binvit::runtime::kernels {

struct ConvShape {
  std::size_t batch = 1, height = 0, width = 0;
  std::size_t in_channels = 0, out_channels = 0, groups = 1;
  std::size_t kernel_height = 3, kernel_width = 3;
  std::size_t stride = 1, dilation = 1, padding = 0;

  std::size_t in_per_group() const { return in_channels / groups; }
  std::size_t out_per_group() const { return out_channels / groups; }
  std::size_t taps() const { return kernel_height * kernel_width; }
  std::size_t input_words() const { return words_for_bits(in_per_group()); }
  std::size_t weight_bits() const { return taps() * in_per_group(); }
  std::size_t weight_words() const { return words_for_bits(weight_bits()); }
  std::size_t out_height() const { return out_size(height, kernel_height); }
  std::size_t out_width() const { return out_size(width, kernel_width); }
  std::size_t out_pixels() const { return batch * out_height() * out_width(); }
  // Words of the packed input of the whole batch.
  std::size_t packed_input_words() const { return batch * height * width * groups * input_words(); }

 private:
  std::size_t out_size(std::size_t in, std::size_t kernel) const {
    const std::size_t span = dilation * (kernel - 1) + 1;
    return in + 2 * padding < span ? 0 : (in + 2 * padding - span) / stride + 1;
  }
};

struct PackedConvWeights {
  ConvShape shape;
  std::vector<std::uint64_t> bits;     // out_channels rows of weight_words()
  std::vector<std::int32_t> tap_sums;  // out_channels * taps
};

// Offline: float weights (out, in / groups, kh, kw) -> packed rows and tap sums.
PackedConvWeights pack_conv_weights(const ConvShape& shape, const float* weights);

struct BinaryConv {
  const PackedConvWeights* weights = nullptr;  // its shape is the problem's
  const std::uint64_t* input = nullptr;        // packed_input_words()
  std::int32_t* out = nullptr;
  std::size_t ldo = 0;
  std::size_t pixel_begin = 0, pixel_end = 0;  // output pixels to compute
};

using BinaryConvFn = void (*)(const BinaryConv& problem);

void binary_conv_ref(const BinaryConv& problem);
void binary_conv_avx2(const BinaryConv& problem);      // lut for stride 1, else im2col
void binary_conv_lut_avx2(const BinaryConv& problem);  // precondition: stride == 1
void binary_conv_im2col_avx2(const BinaryConv& problem);

}  // namespace binvit::runtime::kernels
