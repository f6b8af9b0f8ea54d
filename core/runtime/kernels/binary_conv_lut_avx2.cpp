// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
//
// Stride-1 convolutions as table lookups. The +-1 products of 4 channels summed depend only on
// the 4 input bits and the 4 weight bits, so for every (output channel, tap, 4-channel nibble)
// the sums for the 16 possible input nibbles are known in advance: one vpshufb table. The input
// is re-laid out as byte planes, one per (group, nibble, kernel column), each holding the input
// nibble a tap of that kernel column reads for every output pixel (row stride = output width,
// the column shift applied, 0x80 where the tap falls outside the map). The indices of one lookup
// for 32 consecutive output pixels are then one unaligned load at a fixed offset (the kernel
// row), and vpshufb + vpaddb count 4 channels of that tap for 32 pixels: 64 binary MACs per
// instruction, against ~32 for the nibble popcount of a 256-bit xor (8 instructions), and no
// reduction per output. vpshufb returns 0 for 0x80, so zero padding costs nothing and no pixel
// needs a border test; blocks of 32 pixels run across output rows, so no lane is lost at a
// row's end (28 or 56 pixels).
//
// The byte counters are signed; a segment of lookups is short enough that they cannot overflow,
// and each segment's 8 channels x 32 pixels are transposed to [pixel][channel] int32 at the end.
#include "core/runtime/kernels/binary_conv.h"

#include <immintrin.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

namespace binvit::runtime::kernels {
namespace {

constexpr std::size_t kBlock = 32;       // output pixels per block: one byte lane each
constexpr std::size_t kTile = 8;         // output channels per transposed tile
constexpr std::size_t kTileHalf = 2;     // channels per accumulation (x kBlocks blocks)
constexpr std::size_t kBlocks = 4;       // blocks sharing each table load
constexpr std::size_t kMaxSegments = 4;  // segments buffered before the output is written
constexpr std::uint8_t kOutside = 0x80;  // a vpshufb index that reads 0
constexpr int kMaxSegmentSum = 127;      // a signed byte counter's range

// table(bits, w, halve) byte v (both 128-bit lanes) = sum of the +-1 products of the low `bits`
// bits of v and w (matches - mismatches), halved when `halve` (the sum is then even).
struct ProductTables {
  alignas(32) std::int8_t bytes[2][4][16][32];  // [halve][bits - 1][w][v]
  ProductTables() {
    for (int halve = 0; halve < 2; ++halve)
      for (unsigned b = 1; b <= 4; ++b)
        for (unsigned w = 0; w < 16; ++w)
          for (unsigned v = 0; v < 32; ++v) {
            const int differ = __builtin_popcount(((v % 16) ^ w) & ((1u << b) - 1));
            const int sum = static_cast<int>(b) - 2 * differ;
            bytes[halve][b - 1][w][v] = static_cast<std::int8_t>(halve ? sum / 2 : sum);
          }
  }
  // The 16 tables (w = 0..15) of one bit count.
  const __m256i* tables(bool halve, unsigned bits) const {
    return reinterpret_cast<const __m256i*>(bytes[halve][bits - 1]);
  }
  __m256i table(bool halve, unsigned bits, std::uint64_t w) const { return tables(halve, bits)[w]; }
};

const ProductTables& product_tables() {
  static const ProductTables tables;
  return tables;
}

// The problem's geometry and the lookup order: lookup l = tap * nibbles + nibble.
struct Plan {
  const ConvShape& s;
  std::size_t cpg, nibbles, lookups, tiles, ow;
  // With every nibble's bit count even (cpg % 4 in {0, 2}) the table entries are halved and
  // the sums doubled at the end, so a segment holds twice as many lookups.
  bool halve;
  std::vector<std::size_t> segment_ends;  // lookup index after each segment

  explicit Plan(const ConvShape& shape)
      : s(shape),
        cpg(shape.in_per_group()),
        nibbles((cpg + 3) / 4),
        lookups(shape.taps() * nibbles),
        tiles((shape.out_per_group() + kTile - 1) / kTile),
        ow(shape.out_width()),
        halve(cpg % 2 == 0) {
    int sum = 0;
    for (std::size_t l = 0; l < lookups; ++l) {
      const int reach = static_cast<int>(nibble_bits(l % nibbles)) / (halve ? 2 : 1);
      if (sum + reach > kMaxSegmentSum) {
        segment_ends.push_back(l);
        sum = 0;
      }
      sum += reach;
    }
    segment_ends.push_back(lookups);
  }

  unsigned nibble_bits(std::size_t j) const {
    return static_cast<unsigned>(std::min<std::size_t>(4, cpg - 4 * j));
  }

  // The tables of output channels tile * kTile.. + kTile - 1 of group g: dst[l * kTile + k].
  // Built per tile (18 KiB at cpg = 32) so that they stay in L1 while the blocks pass.
  void build_tables(const PackedConvWeights& w, std::size_t g, std::size_t tile,
                    __m256i* dst) const {
    const std::size_t opg = s.out_per_group(), words = s.weight_words(), n = lookups;
    const ProductTables& p = product_tables();
    // Channels past the group's end repeat the last one: counted and never stored.
    const std::uint64_t* rows[kTile];
    for (std::size_t k = 0; k < kTile; ++k)
      rows[k] = w.bits.data() + (g * opg + std::min(tile * kTile + k, opg - 1)) * words;
    if (cpg % 4 == 0) {
      // A row's nibbles are the lookups in order; stores in order, one lookup's 8 tables.
      const __m256i* full = p.tables(halve, 4);
      for (std::size_t l = 0; l < n; ++l)
        for (std::size_t k = 0; k < kTile; ++k)
          dst[l * kTile + k] = full[(rows[k][l / 16] >> (4 * (l % 16))) & 15];
      return;
    }
    for (std::size_t k = 0; k < kTile; ++k) {
      std::size_t l = 0;
      for (std::size_t t = 0; t < s.taps(); ++t)
        for (std::size_t j = 0; j < nibbles; ++j, ++l) {
          const unsigned bits = nibble_bits(j);
          const std::size_t e = t * cpg + 4 * j;  // the nibble's first weight bit
          std::uint64_t nibble = rows[k][e / kBitsPerWord] >> (e % kBitsPerWord);
          if (e % kBitsPerWord + bits > kBitsPerWord)
            nibble |= rows[k][e / kBitsPerWord + 1] << (kBitsPerWord - e % kBitsPerWord);
          dst[l * kTile + k] = p.table(halve, bits, nibble & ((1u << bits) - 1));
        }
    }
  }
};

// The index planes of one image for the output rows [oy0, oy1): plane (g, j, kx), row r,
// column x = nibble j of group g of input pixel (oy0 - padding + r, x + kx * dilation -
// padding), or kOutside when that pixel is outside the map. Rows have the output width as
// stride, so output pixel q = oy * ow + ox of kernel row ky reads plane index
// q - oy0 * ow + ky * dilation * ow: consecutive pixels are consecutive bytes, across rows too.
struct Planes {
  std::size_t rows = 0, size = 0;
  std::vector<std::uint8_t> bytes;
  // One input row per (group, nibble), unshifted, with margins for the shifted reads.
  std::size_t row_front = 0, row_size = 0;
  std::vector<std::uint8_t> row_buffer;
  // Per kernel column: kOutside where x + shift leaves the row, else 0 (x < ow + kBlock).
  std::vector<std::uint8_t> masks;

  std::uint8_t* at(const Plan& plan, std::size_t g, std::size_t j, std::size_t kx) {
    return bytes.data() + ((g * plan.nibbles + j) * plan.s.kernel_width + kx) * size;
  }
  std::uint8_t* input_row(const Plan& plan, std::size_t g, std::size_t j) {
    return row_buffer.data() + (g * plan.nibbles + j) * row_size + row_front;
  }

  void build(const Plan& plan, const std::uint64_t* input, std::size_t n, std::size_t oy0,
             std::size_t oy1) {
    const ConvShape& s = plan.s;
    const std::size_t ow = plan.ow, kw = s.kernel_width, planes = s.groups * plan.nibbles;
    rows = oy1 - oy0 + (s.kernel_height - 1) * s.dilation;
    // The last block's lanes reach kBlock - 1 pixels past the rows (computed, not stored), and
    // the row writes below end with a whole vector.
    size = rows * ow + kBlock;
    bytes.resize(planes * kw * size);
    // Shifted reads go from -padding to ow + kBlock + (kw - 1) * dilation - padding.
    row_front = s.padding;
    row_size = row_front + std::max(s.width + 16, ow + kBlock + (kw - 1) * s.dilation);
    row_buffer.assign(planes * row_size, kOutside);
    masks.assign(kw * (ow + kBlock), 0);
    for (std::size_t kx = 0; kx < kw; ++kx)
      for (std::size_t x = 0; x < ow + kBlock; ++x) {
        const long ix = static_cast<long>(x + kx * s.dilation) - static_cast<long>(s.padding);
        if (ix < 0 || ix >= static_cast<long>(s.width)) masks[kx * (ow + kBlock) + x] = kOutside;
      }

    const std::size_t pixel_words = s.groups * s.input_words();
    const __m256i outside = _mm256_set1_epi8(static_cast<char>(kOutside));
    for (std::size_t r = 0; r < rows; ++r) {
      const long iy = static_cast<long>(oy0 + r) - static_cast<long>(s.padding);
      const bool inside = iy >= 0 && iy < static_cast<long>(s.height);
      if (inside) {
        const std::uint64_t* x = input + (n * s.height + iy) * s.width * pixel_words;
        if (pixel_words % 4 == 0)
          transpose_row(plan, x);
        else
          scalar_row(plan, x);
      }
      for (std::size_t g = 0; g < s.groups; ++g)
        for (std::size_t j = 0; j < plan.nibbles; ++j)
          for (std::size_t kx = 0; kx < kw; ++kx) {
            // Vectors past ow spill into the next row, which is written after this one.
            std::uint8_t* dst = at(plan, g, j, kx) + r * ow;
            if (!inside) {
              for (std::size_t x = 0; x < ow; x += kBlock)
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + x), outside);
              continue;
            }
            const std::uint8_t* src = input_row(plan, g, j) + kx * s.dilation - s.padding;
            const std::uint8_t* mask = masks.data() + kx * (ow + kBlock);
            for (std::size_t x = 0; x < ow; x += kBlock) {
              const __m256i v =
                  _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + x)),
                                  _mm256_loadu_si256(reinterpret_cast<const __m256i*>(mask + x)));
              _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + x), v);
            }
          }
    }
  }

  void scalar_row(const Plan& plan, const std::uint64_t* x) {
    const ConvShape& s = plan.s;
    const std::size_t iw = s.input_words();
    for (std::size_t ix = 0; ix < s.width; ++ix)
      for (std::size_t g = 0; g < s.groups; ++g) {
        const std::uint64_t* field = x + (ix * s.groups + g) * iw;
        for (std::size_t j = 0; j < plan.nibbles; ++j) {
          const std::uint64_t word = field[4 * j / kBitsPerWord] >> (4 * j % kBitsPerWord);
          input_row(plan, g, j)[ix] = static_cast<std::uint8_t>(word & 15);
        }
      }
  }

  // One map row when a pixel is a whole number of 32-byte vectors: 16 pixels at a time (the
  // last step writes up to 15 bytes of zeros past the row, into its margin), each
  // 32-byte chunk pair is a 16 x 16 byte transpose per 128-bit lane (lane 0 the first chunk of
  // the pair), computed only for the byte positions that hold channels.
  void transpose_row(const Plan& plan, const std::uint64_t* x) {
    const ConvShape& s = plan.s;
    const std::size_t group_bytes = s.input_words() * 8, pixel_bytes = s.groups * group_bytes;
    const std::size_t used_bytes = (plan.nibbles + 1) / 2;  // per group
    const __m256i low = _mm256_set1_epi8(15);
    for (std::size_t pair = 0; pair < pixel_bytes / 32; ++pair) {
      // Byte positions b (of 16) used in either lane.
      unsigned needed = 0;
      for (std::size_t b = 0; b < 32; ++b)
        if ((32 * pair + b) % group_bytes < used_bytes) needed |= 1u << (b % 16);
      if (needed == 0) continue;
      const std::uint8_t* base = reinterpret_cast<const std::uint8_t*>(x) + 32 * pair;
      for (std::size_t ix0 = 0; ix0 < s.width; ix0 += 16) {
        __m256i r[16];
        for (std::size_t i = 0; i < 16; ++i)
          r[i] = ix0 + i < s.width ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(
                                         base + (ix0 + i) * pixel_bytes))
                                   : _mm256_setzero_si256();
        __m256i out[16];
        transpose16(r, needed, out);
        for (std::size_t b = 0; b < 16; ++b) {
          if (!(needed >> b & 1)) continue;
          const __m256i lo = _mm256_and_si256(out[b], low);
          const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(out[b], 4), low);
          for (std::size_t lane = 0; lane < 2; ++lane) {
            const std::size_t byte = 32 * pair + 16 * lane + b;
            const std::size_t g = byte / group_bytes, j = 2 * (byte % group_bytes);
            if (j >= plan.nibbles) continue;
            store_lane(input_row(plan, g, j) + ix0, lo, lane);
            if (j + 1 < plan.nibbles) store_lane(input_row(plan, g, j + 1) + ix0, hi, lane);
          }
        }
      }
    }
  }

  static void store_lane(std::uint8_t* dst, __m256i v, std::size_t lane) {
    const __m128i half = lane == 0 ? _mm256_castsi256_si128(v) : _mm256_extracti128_si256(v, 1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), half);
  }

  // out[b] byte i (per lane) = r[i] byte b, for the b set in `needed` (the others are left).
  static void transpose16(const __m256i r[16], unsigned needed, __m256i out[16]) {
    // pairs[h][i]: rows 2 i, 2 i + 1 of bytes 8 h.. 8 h + 7.
    __m256i pairs[2][8];
    for (int i = 0; i < 8; ++i) {
      pairs[0][i] = _mm256_unpacklo_epi8(r[2 * i], r[2 * i + 1]);
      pairs[1][i] = _mm256_unpackhi_epi8(r[2 * i], r[2 * i + 1]);
    }
    // quads[k][m]: rows 4 m.. 4 m + 3 of bytes 4 k.. 4 k + 3.
    __m256i quads[4][4] = {};  // rows of unneeded bytes stay unused
    for (int k = 0; k < 4; ++k) {
      if (!(needed >> (4 * k) & 15)) continue;
      for (int m = 0; m < 4; ++m) {
        const __m256i a = pairs[k / 2][2 * m], b = pairs[k / 2][2 * m + 1];
        quads[k][m] = k % 2 == 0 ? _mm256_unpacklo_epi16(a, b) : _mm256_unpackhi_epi16(a, b);
      }
    }
    // Octets of rows 8 h.. 8 h + 7 for bytes 2 e, 2 e + 1, then all 16 rows.
    for (int e = 0; e < 8; ++e) {
      if (!(needed >> (2 * e) & 3)) continue;
      __m256i oct[2];
      for (int h = 0; h < 2; ++h) {
        const __m256i a = quads[e / 2][2 * h], b = quads[e / 2][2 * h + 1];
        oct[h] = e % 2 == 0 ? _mm256_unpacklo_epi32(a, b) : _mm256_unpackhi_epi32(a, b);
      }
      out[2 * e] = _mm256_unpacklo_epi64(oct[0], oct[1]);
      out[2 * e + 1] = _mm256_unpackhi_epi64(oct[0], oct[1]);
    }
  }
};

// After transpose8x32, buffer slot `slot` (8 bytes: the 8 channels) belongs to this pixel.
constexpr std::size_t pixel_of_slot(std::size_t slot) {
  // Vector v = slot / 4 = 2 i + h holds pixels 4 i + 2 h + {0, 1} (lane 0), + 16 (lane 1).
  const std::size_t v = slot / 4, within = slot % 4;
  return 4 * (v / 2) + 2 * (v % 2) + within % 2 + 16 * (within / 2);
}

// acc[k] byte i = count of channel k at pixel i -> buf slot s = the 8 channels of pixel
// pixel_of_slot(s), one byte each.
inline void transpose8x32(const __m256i* acc, std::uint8_t* buf) {
  // Channel pairs: lane 0 pixels 0..7 (lo) / 8..15 (hi), lane 1 pixels 16..23 / 24..31.
  __m256i p[8];
  for (int k = 0; k < 4; ++k) {
    p[2 * k] = _mm256_unpacklo_epi8(acc[2 * k], acc[2 * k + 1]);
    p[2 * k + 1] = _mm256_unpackhi_epi8(acc[2 * k], acc[2 * k + 1]);
  }
  // Channel quads: q[4 * half + 2 * i + h] holds pixels 8 i + 4 h.. + 3 (+16 in lane 1) of
  // channels 4 half.. 4 half + 3.
  __m256i q[8];
  for (int half = 0; half < 2; ++half)
    for (int i = 0; i < 2; ++i) {
      q[4 * half + 2 * i] = _mm256_unpacklo_epi16(p[4 * half + i], p[4 * half + 2 + i]);
      q[4 * half + 2 * i + 1] = _mm256_unpackhi_epi16(p[4 * half + i], p[4 * half + 2 + i]);
    }
  // All 8 channels: vector 2 i + h holds pixels 4 i + 2 h, +1 (lane 0) and +16, +17 (lane 1).
  for (int i = 0; i < 4; ++i) {
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf + 64 * i),
                       _mm256_unpacklo_epi32(q[i], q[4 + i]));
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf + 64 * i + 32),
                       _mm256_unpackhi_epi32(q[i], q[4 + i]));
  }
}

// The per-segment byte sums of one whole block (8 channels, 32 pixels, written, not added):
// branch-free, the common case.
template <std::size_t Segments>
inline void emit_whole(const std::uint8_t (*bufs)[kBlock * kTile], bool halve, std::size_t ldo,
                       std::int32_t* out) {
  const int shift = halve ? 1 : 0;
#pragma GCC unroll 32
  for (std::size_t slot = 0; slot < kBlock; ++slot) {
    __m256i v = _mm256_setzero_si256();
    for (std::size_t seg = 0; seg < Segments; ++seg)
      v = _mm256_add_epi32(v, _mm256_cvtepi8_epi32(_mm_loadl_epi64(
                                  reinterpret_cast<const __m128i*>(bufs[seg] + 8 * slot))));
    v = _mm256_slli_epi32(v, shift);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + pixel_of_slot(slot) * ldo), v);
  }
}

// The per-segment byte sums of one block (8 channels) -> int32 out[pixel * ldo + channel] for
// pixels [0, count): written when `first`, added otherwise; doubled when the tables are halved.
inline void emit(const std::uint8_t (*bufs)[kBlock * kTile], std::size_t segments, bool halve,
                 std::size_t count, std::size_t columns, bool first, std::size_t ldo,
                 std::int32_t* out) {
  if (count == kBlock && columns == kTile && first && segments <= 2) {
    if (segments == 1)
      emit_whole<1>(bufs, halve, ldo, out);
    else
      emit_whole<2>(bufs, halve, ldo, out);
    return;
  }
  const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(columns)),
                                          _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  const bool full = columns == kTile;
  for (std::size_t slot = 0; slot < kBlock; ++slot) {
    const std::size_t i = pixel_of_slot(slot);
    if (i >= count) continue;
    const auto load = [&](std::size_t seg) {
      return _mm256_cvtepi8_epi32(
          _mm_loadl_epi64(reinterpret_cast<const __m128i*>(bufs[seg] + 8 * slot)));
    };
    __m256i v = load(0);
    for (std::size_t seg = 1; seg < segments; ++seg) v = _mm256_add_epi32(v, load(seg));
    if (halve) v = _mm256_add_epi32(v, v);
    std::int32_t* dst = out + i * ldo;
    if (!first) {
      v = _mm256_add_epi32(v, full ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(dst))
                                   : _mm256_maskload_epi32(dst, mask));
    }
    if (full)
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), v);
    else
      _mm256_maskstore_epi32(dst, mask, v);
  }
}

// stage[b][k] = the sums of lookups [l0, l1) for channel k of `tables` (kTile per lookup) and
// the block whose first index is at base[b], for B <= kBlocks blocks.
template <std::size_t B>
inline void accumulate(const std::uint8_t* const* base, const std::ptrdiff_t* offsets,
                       const __m256i* tables, std::size_t l0, std::size_t l1,
                       std::uint8_t (*stage)[kTile][kBlock]) {
  for (std::size_t half = 0; half < kTile / kTileHalf; ++half) {
    __m256i acc[kTileHalf * B];
    for (auto& a : acc) a = _mm256_setzero_si256();
    for (std::size_t l = l0; l < l1; ++l) {
      __m256i idx[B];
      for (std::size_t b = 0; b < B; ++b)
        idx[b] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(base[b] + offsets[l]));
      const __m256i* t = tables + l * kTile + half * kTileHalf;
      for (std::size_t k = 0; k < kTileHalf; ++k) {
        const __m256i table = _mm256_load_si256(t + k);
        for (std::size_t b = 0; b < B; ++b)
          acc[k * B + b] = _mm256_add_epi8(acc[k * B + b], _mm256_shuffle_epi8(table, idx[b]));
      }
    }
    for (std::size_t k = 0; k < kTileHalf; ++k)
      for (std::size_t b = 0; b < B; ++b)
        _mm256_store_si256(reinterpret_cast<__m256i*>(stage[b][half * kTileHalf + k]),
                           acc[k * B + b]);
  }
}

// One block: kBlock consecutive output pixels (count of them in the problem) whose first
// index sits at plane offset `at`.
struct Block {
  std::size_t at = 0, count = 0;
  std::int32_t* out = nullptr;
};

}  // namespace

void binary_conv_lut_avx2(const BinaryConv& p) {
  assert(p.weights != nullptr && p.input != nullptr && p.out != nullptr);
  const ConvShape& s = p.weights->shape;
  assert(s.stride == 1);
  assert(p.ldo >= s.out_channels && p.pixel_end <= s.out_pixels());
  if (p.pixel_begin >= p.pixel_end) return;
  const Plan plan(s);
  const std::size_t oh = s.out_height(), ow = plan.ow, opg = s.out_per_group();

  thread_local Planes planes;
  // 32-byte elements without the vector type's attributes (std::vector would drop them).
  struct alignas(32) Table {
    std::uint8_t bytes[32];
  };
  thread_local std::vector<Table> table_storage;
  table_storage.resize(plan.lookups * kTile);
  __m256i* const tables = reinterpret_cast<__m256i*>(table_storage.data());
  std::vector<std::ptrdiff_t> offsets(plan.lookups);
  std::vector<Block> blocks;
  alignas(32) std::uint8_t stage[kMaxSegments][kBlocks][kTile][kBlock];
  alignas(32) std::uint8_t bufs[kBlocks][kMaxSegments][kBlock * kTile];

  const std::size_t first_image = p.pixel_begin / (oh * ow);
  const std::size_t last_image = (p.pixel_end - 1) / (oh * ow);
  for (std::size_t n = first_image; n <= last_image; ++n) {
    const std::size_t image0 = n * oh * ow;
    const std::size_t q0 = std::max(p.pixel_begin, image0) - image0;
    const std::size_t q1 = std::min(p.pixel_end, image0 + oh * ow) - image0;
    const std::size_t oy0 = q0 / ow, oy1 = (q1 - 1) / ow + 1;
    planes.build(plan, p.input, n, oy0, oy1);
    blocks.clear();
    for (std::size_t q = q0; q < q1; q += kBlock)
      blocks.push_back(Block{q - oy0 * ow, std::min(kBlock, q1 - q), p.out + (image0 + q) * p.ldo});

    for (std::size_t g = 0; g < s.groups; ++g) {
      std::size_t l = 0;
      for (std::size_t t = 0; t < s.taps(); ++t)
        for (std::size_t j = 0; j < plan.nibbles; ++j, ++l) {
          const std::size_t ky = t / s.kernel_width, kx = t % s.kernel_width;
          offsets[l] = (planes.at(plan, g, j, kx) - planes.bytes.data()) +
                       static_cast<std::ptrdiff_t>(ky * s.dilation * ow);
        }
      for (std::size_t tile = 0; tile < plan.tiles; ++tile) {
        plan.build_tables(*p.weights, g, tile, tables);
        const std::size_t columns = std::min(kTile, opg - tile * kTile);
        const std::size_t channel0 = g * opg + tile * kTile;
        for (std::size_t b0 = 0; b0 < blocks.size(); b0 += kBlocks) {
          // The last group may be short: fewer blocks, not repeated ones.
          const std::size_t group = std::min(kBlocks, blocks.size() - b0);
          const std::uint8_t* base[kBlocks];
          for (std::size_t b = 0; b < group; ++b) base[b] = planes.bytes.data() + blocks[b0 + b].at;
          std::size_t l0 = 0, seg = 0;
          bool first = true;
          for (std::size_t end : plan.segment_ends) {
            static_assert(kBlocks == 4, "one case per group size");
            switch (group) {
              case 4:
                accumulate<4>(base, offsets.data(), tables, l0, end, stage[seg]);
                break;
              case 3:
                accumulate<3>(base, offsets.data(), tables, l0, end, stage[seg]);
                break;
              case 2:
                accumulate<2>(base, offsets.data(), tables, l0, end, stage[seg]);
                break;
              default:
                accumulate<1>(base, offsets.data(), tables, l0, end, stage[seg]);
            }
            l0 = end;
            ++seg;
            if (seg == kMaxSegments || end == plan.lookups) {
              for (std::size_t b = 0; b < group; ++b) {
                const Block& block = blocks[b0 + b];
                for (std::size_t i = 0; i < seg; ++i)
                  transpose8x32(reinterpret_cast<const __m256i*>(stage[i][b]), bufs[b][i]);
                emit(bufs[b], seg, plan.halve, block.count, columns, first, p.ldo,
                     block.out + channel0);
              }
              first = false;
              seg = 0;
            }
          }
        }
      }
    }
  }
}

}  // namespace binvit::runtime::kernels
