#include "core/runtime/engine/spatial_graph.h"

#include "core/runtime/kernels/bitpack.h"

#include <cstdint>

namespace binvit::runtime::engine {
namespace {

constexpr std::size_t kMaxSide = 8192;

// The "side" of the map an op reads; the input must hold side^2 rows per image.
std::size_t map_side(const OpReader& op, const Buffers& buffers, const std::string& in) {
  const std::size_t side = op.size("side", 1, kMaxSide);
  buffers.require_rows(op, in, side * side);
  return side;
}

const float* channel_tensor(const OpReader& op, const std::string& key, std::size_t channels) {
  return op.tensor(key, DType::F32, {channels}).f32();
}

const float* optional_channel_tensor(const OpReader& op, const std::string& key,
                                     std::size_t channels) {
  return op.has(key) ? channel_tensor(op, key, channels) : nullptr;
}

ChannelAffineOp channel_affine(const std::string& name, const OpReader& op, Buffers& buffers) {
  ChannelAffineOp a{name, op.string("in"), op.string("out")};
  a.channels = buffers.width(op, a.in);
  a.scale = optional_channel_tensor(op, "scale", a.channels);
  a.shift = optional_channel_tensor(op, "shift", a.channels);
  if (a.scale == nullptr && a.shift == nullptr) op.fail("needs 'scale', 'shift' or both");
  buffers.define(a.out, a.channels, buffers.rows(op, a.in));
  return a;
}

RpreluOp rprelu(const std::string& name, const OpReader& op, Buffers& buffers) {
  RpreluOp r{name, op.string("in"), op.string("out")};
  r.channels = buffers.width(op, r.in);
  r.gamma = channel_tensor(op, "gamma", r.channels);
  r.slope = channel_tensor(op, "slope", r.channels);
  r.zeta = channel_tensor(op, "zeta", r.channels);
  buffers.define(r.out, r.channels, buffers.rows(op, r.in));
  return r;
}

ShortcutAddOp shortcut_add(const std::string& name, const OpReader& op, Buffers& buffers) {
  const std::vector<std::string> in = input_names(op, 2);
  ShortcutAddOp s{name, in[0], in[1], op.string("out")};
  s.out_channels = buffers.width(op, s.a);
  s.in_channels = buffers.width(op, s.b);
  if (s.out_channels % s.in_channels != 0 && s.in_channels % s.out_channels != 0) {
    op.fail("the shortcut needs one width to divide the other, got " +
            std::to_string(s.in_channels) + " -> " + std::to_string(s.out_channels));
  }
  buffers.require_rows(op, s.b, buffers.rows(op, s.a));
  buffers.define(s.out, s.out_channels, buffers.rows(op, s.a));
  return s;
}

// Rebuilds tap sums from the packed rows (binary_conv.h) and checks the padding bits are zero.
void complete_conv_weights(const OpReader& op, kernels::PackedConvWeights& w) {
  const kernels::ConvShape& s = w.shape;
  const std::size_t cpg = s.in_per_group(), taps = s.taps(), words = s.weight_words();
  w.tap_sums.assign(s.out_channels * taps, 0);
  const std::size_t used = taps * cpg;
  for (std::size_t o = 0; o < s.out_channels; ++o) {
    const std::uint64_t* row = w.bits.data() + o * words;
    if (used % kernels::kBitsPerWord != 0 &&
        (row[words - 1] >> (used % kernels::kBitsPerWord)) != 0) {
      op.fail("packed weight row " + std::to_string(o) + " has non-zero padding bits");
    }
    for (std::size_t t = 0; t < taps; ++t) {
      std::int32_t plus = 0;
      for (std::size_t c = 0; c < cpg; ++c) {
        const std::size_t e = t * cpg + c;
        plus += static_cast<std::int32_t>(
            (row[e / kernels::kBitsPerWord] >> (e % kernels::kBitsPerWord)) & 1U);
      }
      w.tap_sums[o * taps + t] = 2 * plus - static_cast<std::int32_t>(cpg);
    }
  }
}

BinaryConvOp binary_conv(const std::string& name, const OpReader& op, Buffers& buffers) {
  BinaryConvOp b{name, op.string("in"), op.string("out")};
  kernels::ConvShape& s = b.weights.shape;
  s.height = s.width = map_side(op, buffers, b.in);
  s.in_channels = buffers.width(op, b.in);
  s.out_channels = op.size("out_channels", 1, kMaxDim);
  s.groups = op.size("groups", 1, s.in_channels);
  s.kernel_height = s.kernel_width = op.size("kernel", 1, 64);
  s.stride = op.size("stride", 1, 64);
  s.dilation = op.size("dilation", 1, 64);
  s.padding = op.size("padding", 0, 64);
  if (s.in_channels % s.groups != 0 || s.out_channels % s.groups != 0) {
    op.fail("groups must divide the input width and out_channels");
  }
  if (s.out_height() == 0) op.fail("the kernel does not fit the padded map");
  const std::uint64_t* bits =
      op.tensor("weight", DType::U64, {s.out_channels, s.weight_words()}).u64();
  b.weights.bits.assign(bits, bits + s.out_channels * s.weight_words());
  complete_conv_weights(op, b.weights);
  b.scale = channel_tensor(op, "scale", s.out_channels);
  b.bias = optional_channel_tensor(op, "bias", s.out_channels);
  buffers.define(b.out, s.out_channels, s.out_height() * s.out_width());
  return b;
}

// patch_conv (kernel = stride = "patch", no padding) and conv2d.
FloatConvOp float_conv(const std::string& kind, const std::string& name, const OpReader& op,
                       Buffers& buffers) {
  FloatConvOp p{name, op.string("in"), op.string("out")};
  p.side = map_side(op, buffers, p.in);
  if (kind == "patch_conv") {
    p.kernel = p.stride = op.size("patch", 1, p.side);
    if (p.side % p.kernel != 0) op.fail("patch must divide the map side");
  } else {
    p.kernel = op.size("kernel", 1, 64);
    p.stride = op.has("stride") ? op.size("stride", 1, 64) : 1;
    p.padding = op.has("padding") ? op.size("padding", 0, 64) : 0;
    if (p.side + 2 * p.padding < p.kernel) op.fail("the kernel does not fit the padded map");
  }
  p.in_channels = buffers.width(op, p.in);
  const TensorView& w = op.any_tensor("weight");
  if (w.shape.size() != 4 || w.shape[0] == 0 || w.shape[0] > kMaxDim) {
    op.fail("tensor 'weight' must be F32 [out, in, kernel, kernel]");
  }
  p.out_channels = static_cast<std::size_t>(w.shape[0]);
  const std::size_t k = p.kernel, c = p.in_channels, o_count = p.out_channels;
  const float* weight = op.tensor("weight", DType::F32, {o_count, c, k, k}).f32();
  p.weight_t.assign(k * k * c * o_count, 0.0f);
  for (std::size_t o = 0; o < o_count; ++o)
    for (std::size_t ch = 0; ch < c; ++ch)
      for (std::size_t t = 0; t < k * k; ++t)
        p.weight_t[(t * c + ch) * o_count + o] = weight[(o * c + ch) * k * k + t];
  p.bias = optional_channel_tensor(op, "bias", o_count);
  buffers.define(p.out, o_count, p.out_side() * p.out_side());
  return p;
}

AvgPoolOp avg_pool(const std::string& name, const OpReader& op, Buffers& buffers) {
  AvgPoolOp a{name, op.string("in"), op.string("out")};
  a.side = map_side(op, buffers, a.in);
  a.size = op.size("size", 1, a.side);
  if (a.side % a.size != 0) op.fail("size must divide the map side");
  a.channels = buffers.width(op, a.in);
  const std::size_t out_side = a.side / a.size;
  buffers.define(a.out, a.channels, out_side * out_side);
  return a;
}

ShiftBranchesOp shift_branches(const std::string& name, const OpReader& op, Buffers& buffers) {
  ShiftBranchesOp s{name, op.string("in"), op.string("out")};
  s.side = map_side(op, buffers, s.in);
  s.channels = buffers.width(op, s.in);
  if (s.channels % 4 != 0) op.fail("the channel-split rolls need a width that is a multiple of 4");
  s.scales = op.tensor("scales", DType::F32, {6, s.channels}).f32();
  s.shifts = op.tensor("shifts", DType::F32, {6, s.channels}).f32();
  buffers.define(s.out, s.channels, s.side * s.side);
  return s;
}

// The window geometry of MSMHA: the window divides the side.
std::size_t window_of(const OpReader& op, std::size_t side) {
  const std::size_t window = op.size("window", 1, side);
  if (side % window != 0) op.fail("window must divide the map side");
  return window;
}

WindowTokensOp window_tokens(const std::string& name, const OpReader& op, Buffers& buffers) {
  WindowTokensOp w;
  w.name = name;
  w.in = op.string("in");
  w.out = op.string("out");
  w.side = map_side(op, buffers, w.in);
  w.window = window_of(op, w.side);
  w.channels = buffers.width(op, w.in);
  w.merge_weight = channel_tensor(op, "merge_weight", w.channels);
  buffers.define(w.out, w.channels, w.windows() * w.sequence());
  return w;
}

WindowMergeOp window_merge(const std::string& name, const OpReader& op, Buffers& buffers) {
  WindowMergeOp w;
  w.name = name;
  w.in = op.string("in");
  w.out = op.string("out");
  w.side = op.size("side", 1, kMaxSide);
  w.window = window_of(op, w.side);
  w.channels = buffers.width(op, w.in);
  buffers.require_rows(op, w.in, w.windows() * w.sequence());
  w.window_weight = channel_tensor(op, "window_weight", w.channels);
  buffers.define(w.out, w.channels, w.side * w.side);
  return w;
}

QdAttentionOp qd_attention(const std::string& name, const OpReader& op, Buffers& buffers) {
  const std::vector<std::string> in = input_names(op, 3);
  QdAttentionOp a{name, in[0], in[1], in[2], op.string("out")};
  const std::size_t c = buffers.width(op, a.query), rows = buffers.rows(op, a.query);
  for (const std::string& b : {a.key, a.value}) {
    buffers.require(op, b, c);
    buffers.require_rows(op, b, rows);
  }
  a.heads = op.size("heads", 1, c);
  if (c % a.heads != 0) op.fail("heads must divide the width " + std::to_string(c));
  a.head_dim = c / a.heads;
  a.sequence = op.size("sequence", 1, rows);
  if (rows % a.sequence != 0) op.fail("sequence must divide the rows per image");
  a.levels = op.size("levels", 1, 255);
  a.query_shift = channel_tensor(op, "query_shift", c);
  a.key_shift = channel_tensor(op, "key_shift", c);
  a.value_shift = channel_tensor(op, "value_shift", c);
  a.alpha = op.tensor("alpha", DType::F32, {a.heads}).f32();
  a.zero_point = op.tensor("zero_point", DType::F32, {a.heads}).f32();
  for (std::size_t h = 0; h < a.heads; ++h) {
    if (!(a.alpha[h] > 0.0f)) op.fail("tensor 'alpha' must be positive");
  }
  buffers.define(a.out, c, rows);
  return a;
}

TokenMeanOp token_mean(const std::string& name, const OpReader& op, Buffers& buffers) {
  TokenMeanOp t{name, op.string("in"), op.string("out")};
  t.channels = buffers.width(op, t.in);
  buffers.define(t.out, t.channels, 1);
  return t;
}

ReluOp relu(const std::string& name, const OpReader& op, Buffers& buffers) {
  ReluOp r{name, op.string("in"), op.string("out")};
  buffers.define(r.out, buffers.width(op, r.in), buffers.rows(op, r.in));
  return r;
}

UpsampleNearestOp upsample_nearest(const std::string& name, const OpReader& op, Buffers& buffers) {
  UpsampleNearestOp u{name, op.string("in"), op.string("out")};
  u.side = map_side(op, buffers, u.in);
  u.factor = op.size("factor", 1, kMaxSide / u.side);
  u.channels = buffers.width(op, u.in);
  buffers.define(u.out, u.channels, u.side * u.factor * u.side * u.factor);
  return u;
}

ResizeBilinearOp resize_bilinear(const std::string& name, const OpReader& op, Buffers& buffers) {
  ResizeBilinearOp r{name, op.string("in"), op.string("out")};
  r.side = map_side(op, buffers, r.in);
  r.size = op.size("size", 1, kMaxSide);
  r.channels = buffers.width(op, r.in);
  buffers.define(r.out, r.channels, r.size * r.size);
  return r;
}

}  // namespace

bool parse_spatial_op(const std::string& kind, const std::string& name, const OpReader& op,
                      Buffers& buffers, std::vector<Op>& ops) {
  if (kind == "channel_affine")
    ops.emplace_back(channel_affine(name, op, buffers));
  else if (kind == "rprelu")
    ops.emplace_back(rprelu(name, op, buffers));
  else if (kind == "shortcut_add")
    ops.emplace_back(shortcut_add(name, op, buffers));
  else if (kind == "binary_conv2d")
    ops.emplace_back(binary_conv(name, op, buffers));
  else if (kind == "patch_conv" || kind == "conv2d")
    ops.emplace_back(float_conv(kind, name, op, buffers));
  else if (kind == "avg_pool")
    ops.emplace_back(avg_pool(name, op, buffers));
  else if (kind == "shift_branches")
    ops.emplace_back(shift_branches(name, op, buffers));
  else if (kind == "window_tokens")
    ops.emplace_back(window_tokens(name, op, buffers));
  else if (kind == "qd_attention")
    ops.emplace_back(qd_attention(name, op, buffers));
  else if (kind == "window_merge")
    ops.emplace_back(window_merge(name, op, buffers));
  else if (kind == "token_mean")
    ops.emplace_back(token_mean(name, op, buffers));
  else if (kind == "relu")
    ops.emplace_back(relu(name, op, buffers));
  else if (kind == "upsample_nearest")
    ops.emplace_back(upsample_nearest(name, op, buffers));
  else if (kind == "resize_bilinear")
    ops.emplace_back(resize_bilinear(name, op, buffers));
  else
    return false;
  return true;
}

}  // namespace binvit::runtime::engine
