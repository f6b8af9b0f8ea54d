// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
//
// A convolution is a GEMM over the taps: for a block of output pixels every (pixel, group) gets
// one packed row of taps * cpg bits (im2col on bits), and bgemm_2x4_avx2 multiplies it by the
// group's weight rows. BHViT's cpg = 16 gives 144-bit rows (3 words) instead of nine 16-bit
// fragments per output, so the popcount runs on full vectors. Padded taps are gathered as 0
// bits, i.e. as -1, which adds -tap_sum to the count; the border pixels get it added back.
#include "core/runtime/kernels/bgemm.h"
#include "core/runtime/kernels/binary_conv.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace binvit::runtime::kernels {
namespace {

// Output pixels per block: their im2col rows (a few KiB at BHViT's shapes) stay in L1/L2.
constexpr std::size_t kBlockPixels = 64;

long input_coordinate(const ConvShape& s, std::size_t o, std::size_t k, std::size_t size) {
  const long at = static_cast<long>(o * s.stride + k * s.dilation) - static_cast<long>(s.padding);
  return at >= 0 && at < static_cast<long>(size) ? at : -1;
}

// ORs the `bits`-bit packed row src (zero padding bits) into dst at bit offset `at`. dst has one
// spare word past the row, so the spill of the last word needs no test (those bits are 0).
void append_bits(const std::uint64_t* src, std::size_t bits, std::uint64_t* dst, std::size_t at) {
  const std::size_t shift = at % kBitsPerWord;
  std::uint64_t* d = dst + at / kBitsPerWord;
  for (std::size_t w = 0; w < words_for_bits(bits); ++w) {
    d[w] |= src[w] << shift;
    if (shift != 0) d[w + 1] |= src[w] >> (kBitsPerWord - shift);
  }
}

struct Block {
  const ConvShape& s;
  std::size_t row_words;             // weight_words() + 1 spare
  std::vector<std::uint64_t>& rows;  // [group][pixel of block][row_words]

  std::uint64_t* row(std::size_t g, std::size_t i) {
    return rows.data() + (g * kBlockPixels + i) * row_words;
  }

  // Gathers pixel `pixel`'s taps into row i of every group; returns whether a tap was padding.
  bool gather(const std::uint64_t* input, std::size_t pixel, std::size_t i) {
    const std::size_t oh = s.out_height(), ow = s.out_width(), cpg = s.in_per_group();
    const std::size_t n = pixel / (oh * ow), oy = pixel / ow % oh, ox = pixel % ow;
    for (std::size_t g = 0; g < s.groups; ++g) std::fill_n(row(g, i), row_words, 0);
    bool padded = false;
    for (std::size_t ky = 0; ky < s.kernel_height; ++ky) {
      const long iy = input_coordinate(s, oy, ky, s.height);
      for (std::size_t kx = 0; kx < s.kernel_width; ++kx) {
        const long ix = input_coordinate(s, ox, kx, s.width);
        if (iy < 0 || ix < 0) {
          padded = true;
          continue;
        }
        const std::size_t at = (ky * s.kernel_width + kx) * cpg;
        const std::uint64_t* x =
            input + ((n * s.height + iy) * s.width + ix) * s.groups * s.input_words();
        for (std::size_t g = 0; g < s.groups; ++g)
          append_bits(x + g * s.input_words(), cpg, row(g, i), at);
      }
    }
    return padded;
  }
};

// Adds back tap_sums of the padded taps of one output pixel (they were counted as -1 inputs).
void correct_border(const ConvShape& s, const std::int32_t* tap_sums, std::size_t pixel,
                    std::int32_t* out) {
  const std::size_t oh = s.out_height(), ow = s.out_width(), taps = s.taps();
  const std::size_t oy = pixel / ow % oh, ox = pixel % ow;
  for (std::size_t ky = 0; ky < s.kernel_height; ++ky) {
    const bool row_out = input_coordinate(s, oy, ky, s.height) < 0;
    for (std::size_t kx = 0; kx < s.kernel_width; ++kx) {
      if (!row_out && input_coordinate(s, ox, kx, s.width) >= 0) continue;
      const std::size_t t = ky * s.kernel_width + kx;
      for (std::size_t o = 0; o < s.out_channels; ++o) out[o] += tap_sums[o * taps + t];
    }
  }
}

}  // namespace

void binary_conv_im2col_avx2(const BinaryConv& p) {
  assert(p.weights != nullptr && p.input != nullptr && p.out != nullptr);
  const ConvShape& s = p.weights->shape;
  assert(p.ldo >= s.out_channels && p.pixel_end <= s.out_pixels());
  const std::size_t words = s.weight_words(), opg = s.out_per_group();
  thread_local std::vector<std::uint64_t> scratch;
  scratch.resize(s.groups * kBlockPixels * (words + 1));
  Block block{s, words + 1, scratch};
  bool padded[kBlockPixels];
  for (std::size_t p0 = p.pixel_begin; p0 < p.pixel_end; p0 += kBlockPixels) {
    const std::size_t count = std::min(kBlockPixels, p.pixel_end - p0);
    for (std::size_t i = 0; i < count; ++i) padded[i] = block.gather(p.input, p0 + i, i);
    for (std::size_t g = 0; g < s.groups; ++g) {
      bgemm_2x4_avx2(count, opg, s.weight_bits(), block.row(g, 0), words + 1,
                     p.weights->bits.data() + g * opg * words, words, p.out + p0 * p.ldo + g * opg,
                     p.ldo);
    }
    for (std::size_t i = 0; i < count; ++i) {
      if (padded[i])
        correct_border(s, p.weights->tap_sums.data(), p0 + i, p.out + (p0 + i) * p.ldo);
    }
  }
}

}  // namespace binvit::runtime::kernels
