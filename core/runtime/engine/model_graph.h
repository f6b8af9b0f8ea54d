#pragma once
// The graph a `.bvit` header describes, parsed into typed operations with their tensors resolved
// and checked against each other, so that running it needs no further validation.
//
// Header layout (besides "tensors", bvit_file.h):
//   "model":         {"family": "deit", "variant": "gsb"|"baseline"|"float", "name": ...} (info)
//   "classes":       [class names]
//   "preprocessing": {"image_size", "channels", "mean": [..], "std": [..], "crop_fraction"}
//   "graph":         {"tokens": N, "embed_dim": C, "output": buffer name, "ops": [op, ...]}
// Each op is {"op": kind, "name": dotted layer name, "in": buffer or [a, b], "out": buffer, ...}.
// Buffers are float matrices named by the ops; "images" is the input (B, C*H*W). Kinds:
//   patch_embed    conv with kernel = stride = patch as a GEMM on unfolded patches; weight F32
//                  [C, in*p*p], or I8 with "weight_step" F32 [C] (LSQ weights, input not
//                  quantized); bias [C]. Out: (B*P, C).
//   tokens         prepends "prefix" F32 [T, C] (class, distillation token), adds "pos_embed"
//                  F32 [N, C]. Out: (B*N, C).
//   layer_norm     "eps", "weight", "bias" [C].
//   linear         float; "weight" F32 [out, in], "bias" [out]; "token": t keeps row t of each
//                  image (heads), absent = every row.
//   binary_linear  "input": "signed" (bit = x + shift >= 0) | "unsigned" (bit = (x + shift) /
//                  alpha >= 0.5); "shift" F32 [in]; "alpha"; "weight" U64 [out, words(in)];
//                  "scale" F32 [out] (alpha x weight scale, folded); "bias" [out].
//                  out = scale * (+-1 x +-1 or {0,1} x +-1 count) + bias.
//   int8_linear    LSQ: q = clamp(round_half_up((x + "input_shift") / "input_step"), -128, 127);
//                  "weight" I8 [out, in], "weight_step" F32 [out], "bias"; "token" as linear.
//   attention      "heads"; "mode": "float" | "binary". Binary: per-head "query_shift",
//                  "key_shift", "value_shift" F32 [H*d]; "query_alpha", "key_alpha";
//                  "attention_scales" [K_a], "attention_taus" [K_a - 1], "value_scales" [K_v],
//                  "value_taus" [K_v - 1], "scope": "batch"|"image"|"row", optional
//                  "attention_bias" F32 [H, N, N] (GSB's P). In: (B*N, 3C) = q | k | v.
//   gelu           erf GELU; optional "clamp": c clamps to [-c, c].
//   add            out = in[0] + in[1].
//   mean           out = (in[0] + in[1]) / 2 (the two DeiT heads at evaluation).
// BHViT (family "bhvit"). Buffers hold one row per token of a square side x side map, row-major
// over (y, x) (NHWC); "side" fields give the map an op reads. Every op below keeps the float
// operations of the LibTorch model in their order (core/nn/models/bhvit_*.cpp).
//   channel_affine y = x * "scale" + "shift" per channel, either optional (folded BatchNorm,
//                  LayerScale, a shift alone).
//   rprelu         z = x - "gamma"; y = (z >= 0 ? z : "slope" * z) + "zeta".
//   shortcut_add   out = in[0] + shortcut(in[1]): identity, channel repeat [x, x, ..] or the
//                  mean of consecutive channel runs, by the ratio of the widths.
//   binary_conv2d  bits = x >= 0, then the packed convolution (kernels/binary_conv.h) with
//                  "kernel", "stride", "dilation", "padding", "groups", "out_channels"; "weight"
//                  U64 [out, words(taps * in / groups)] as pack_conv_weights lays it out;
//                  out = "scale" [out] * count + "bias" [out] (optional).
//   patch_conv     float conv with kernel = stride = "patch" on the map; "weight" F32
//                  [out, in, p, p]; "bias" optional.
//   conv2d         float conv on the map with "kernel", "stride" (default 1) and zero "padding"
//                  (default 0); "weight" F32 [out, in, k, k]; "bias" optional.
//   avg_pool       mean of "size" x "size" cells (stride = size).
//   shift_branches sum of six LayerScales ("scales", "shifts" F32 [6, C]) of parameter-free
//                  shifts of the map: rolled means along H and W with reach 1, channel-split rolls
//                  by 1, then the same with reach 2 / rolls by 2 (h3, w3, c3, h5, w5, c5).
//   window_tokens  MSMHA's token builder: for every "window" x "window" window of the map, its
//                  tokens then one merged token per window position, a * max + (1 - a) * mean
//                  ("merge_weight" a [C]; pools padded by (w - 1) / 2, the mean counting the pad).
//   qd_attention   in: [q, k, v] with "sequence" rows per attention; "heads"; sign of x + the
//                  "query_shift" / "key_shift" / "value_shift" [C]; softmax(Q.K^T / sqrt(d));
//                  QD codes u = levels * A / alpha_h + z_h ("alpha", "zero_point" [H],
//                  "levels"); out = alpha_h * sum_s (u >= s - 0.5) . sign V.
//   window_merge   MSMHA's output: the windows' own tokens folded back to the map, the merged
//                  tokens averaged over windows and upsampled, mixed p * local + (1 - p) * global
//                  ("window_weight" p [C]).
//   token_mean     the mean over an image's tokens: one row per image.
// Segmentation (family "bhvit-seg", graph "task": "segmentation"): the output holds one row of
// class logits per pixel of the input image, row-major over (y, x). Its head's ops:
//   relu           max(x, 0).
//   upsample_nearest  each pixel of the side x side map repeated "factor" x "factor" times.
//   resize_bilinear   the side x side map resized to "size" x "size", bilinear with
//                  align_corners = false (torch.nn.functional.interpolate).

#include "core/runtime/format/bvit_file.h"
#include "core/runtime/kernels/binary_conv.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace binvit::runtime::engine {

enum class ThresholdScope { Batch, Image, Row };

struct Preprocessing {
  std::size_t image_size = 0;
  std::size_t channels = 0;
  std::vector<float> mean, std;
  double crop_fraction = 0.875;
};

struct PatchEmbedOp {
  std::string name, in, out;
  std::size_t in_channels = 0, image_size = 0, patch = 0, embed = 0;
  std::vector<float> weight_t;  // (in*p*p, C): dequantized, transposed for the GEMM
  const float* bias = nullptr;
};

struct TokensOp {
  std::string name, in, out;
  std::size_t prefix = 0, tokens = 0, embed = 0;
  const float* prefix_tokens = nullptr;  // (prefix, C)
  const float* pos_embed = nullptr;      // (tokens, C)
};

struct LayerNormOp {
  std::string name, in, out;
  std::size_t dim = 0;
  double eps = 0.0;
  const float* weight = nullptr;
  const float* bias = nullptr;
};

struct LinearOp {
  std::string name, in, out;
  std::size_t in_features = 0, out_features = 0;
  long token = -1;
  std::vector<float> weight_t;  // (in, out)
  const float* bias = nullptr;
};

struct BinaryLinearOp {
  std::string name, in, out;
  bool unsigned_input = false;
  std::size_t in_features = 0, out_features = 0, words = 0;
  const float* shift = nullptr;
  float alpha = 1.0f;
  const std::uint64_t* weight = nullptr;
  const float* scale = nullptr;
  const float* bias = nullptr;
};

struct Int8LinearOp {
  std::string name, in, out;
  std::size_t in_features = 0, out_features = 0;
  long token = -1;
  const float* input_shift = nullptr;
  float input_step = 1.0f;
  const std::int8_t* weight = nullptr;
  std::vector<float> scale;  // input_step * weight_step[j]
  const float* bias = nullptr;
};

struct AttentionOp {
  std::string name, in, out;
  std::size_t heads = 0, head_dim = 0, tokens = 0;
  bool binary = false;
  const float* query_shift = nullptr;
  const float* key_shift = nullptr;
  const float* value_shift = nullptr;
  float query_alpha = 1.0f, key_alpha = 1.0f;
  std::vector<float> attention_scales, attention_taus, value_scales, value_taus;
  ThresholdScope scope = ThresholdScope::Image;
  const float* attention_bias = nullptr;  // (H, N, N) or null
  // Binary logits take d + 1 values, (count * alpha_q alpha_k) / sqrt(d) for count = -d, -d+2,
  // ..., d, so every exp(logit - row max) of the softmax is one of (d + 1)^2 numbers, computed
  // once here with the same float operations: exp_table[max_index * (d + 1) + index].
  std::vector<float> exp_table;
};

struct GeluOp {
  std::string name, in, out;
  bool clamp = false;
  float clamp_value = 0.0f;
};

struct AddOp {
  std::string name, a, b, out;
};

struct MeanOp {
  std::string name, a, b, out;
};

struct ChannelAffineOp {
  std::string name, in, out;
  std::size_t channels = 0;
  const float* scale = nullptr;  // null: 1
  const float* shift = nullptr;  // null: 0
};

struct RpreluOp {
  std::string name, in, out;
  std::size_t channels = 0;
  const float* gamma = nullptr;
  const float* slope = nullptr;
  const float* zeta = nullptr;
};

struct ShortcutAddOp {
  std::string name, a, b, out;
  std::size_t in_channels = 0, out_channels = 0;  // of b and of a / out
};

struct BinaryConvOp {
  std::string name, in, out;
  // The packed weights with the conv's shape; run() sets the batch of the call (the kernels
  // read it from here), hence mutable.
  mutable kernels::PackedConvWeights weights{};
  const float* scale = nullptr;
  const float* bias = nullptr;  // or null
};

// patch_conv and conv2d: a float convolution over the NHWC map.
struct FloatConvOp {
  std::string name, in, out;
  std::size_t side = 0, kernel = 0, stride = 1, padding = 0, in_channels = 0, out_channels = 0;
  std::vector<float> weight_t{};  // (k * k * in, out): taps (ky, kx, c) of the NHWC map
  const float* bias = nullptr;    // or null
  std::size_t out_side() const { return (side + 2 * padding - kernel) / stride + 1; }
};

struct AvgPoolOp {
  std::string name, in, out;
  std::size_t side = 0, size = 0, channels = 0;
};

struct ShiftBranchesOp {
  std::string name, in, out;
  std::size_t side = 0, channels = 0;
  const float* scales = nullptr;  // [6, C]
  const float* shifts = nullptr;  // [6, C]
};

// MSMHA's windows over a side x side map: each window attends over its own window^2 tokens and
// one merged token per window.
struct WindowGeometry {
  std::size_t side = 0, window = 0, channels = 0;
  std::size_t windows() const { return (side / window) * (side / window); }
  std::size_t sequence() const { return window * window + windows(); }
};

struct WindowTokensOp : WindowGeometry {
  std::string name, in, out;
  const float* merge_weight = nullptr;
};

struct QdAttentionOp {
  std::string name, query, key, value, out;
  std::size_t heads = 0, head_dim = 0, sequence = 0, levels = 0;
  const float* query_shift = nullptr;
  const float* key_shift = nullptr;
  const float* value_shift = nullptr;
  const float* alpha = nullptr;  // clamped as in training
  const float* zero_point = nullptr;
};

struct WindowMergeOp : WindowGeometry {
  std::string name, in, out;
  const float* window_weight = nullptr;
};

struct TokenMeanOp {
  std::string name, in, out;
  std::size_t channels = 0;
};

struct ReluOp {
  std::string name, in, out;
};

struct UpsampleNearestOp {
  std::string name, in, out;
  std::size_t side = 0, factor = 0, channels = 0;
};

struct ResizeBilinearOp {
  std::string name, in, out;
  std::size_t side = 0, size = 0, channels = 0;
};

using Op = std::variant<PatchEmbedOp, TokensOp, LayerNormOp, LinearOp, BinaryLinearOp, Int8LinearOp,
                        AttentionOp, GeluOp, AddOp, MeanOp, ChannelAffineOp, RpreluOp,
                        ShortcutAddOp, BinaryConvOp, FloatConvOp, AvgPoolOp, ShiftBranchesOp,
                        WindowTokensOp, QdAttentionOp, WindowMergeOp, TokenMeanOp, ReluOp,
                        UpsampleNearestOp, ResizeBilinearOp>;

enum class Task { Classification, Segmentation };

struct ModelGraph {
  std::string family, variant, name;
  std::vector<std::string> classes;
  Preprocessing preprocessing;
  std::size_t tokens = 0, embed_dim = 0;
  std::vector<Op> ops;
  std::string output;
  Task task = Task::Classification;
  // Rows of the output per image: 1, or image_size^2 pixels for segmentation.
  std::size_t output_rows() const {
    return task == Task::Segmentation ? preprocessing.image_size * preprocessing.image_size : 1;
  }
  // True when a threshold scope is `batch`: an image's result then depends on its batch-mates.
  bool batch_dependent = false;
};

// Parses and cross-checks the graph of a validated file: every op's fields, every referenced
// tensor's dtype and shape, buffer names (read only after written). Throws format::BvitError
// naming the file, the op and the field.
ModelGraph parse_model_graph(const format::BvitFile& file);

const char* to_string(ThresholdScope scope);

}  // namespace binvit::runtime::engine
