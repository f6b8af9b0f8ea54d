#include "core/runtime/engine/model_graph.h"

#include "core/runtime/engine/op_reader.h"
#include "core/runtime/engine/spatial_graph.h"
#include "core/runtime/kernels/bitpack.h"

#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace binvit::runtime::engine {
namespace {

using format::BvitError;
using format::DType;
using format::TensorView;
using json::Value;

ThresholdScope parse_scope(const OpReader& op, const std::string& name) {
  if (name == "batch") return ThresholdScope::Batch;
  if (name == "image") return ThresholdScope::Image;
  if (name == "row") return ThresholdScope::Row;
  op.fail("field 'scope' must be batch, image or row, got '" + name + "'");
}

void check_taus(const OpReader& op, const std::string& key, const std::vector<float>& taus) {
  float previous = 0.0f;
  for (float tau : taus) {
    if (!(tau > previous && tau < 1.0f)) op.fail("field '" + key + "' must increase inside (0, 1)");
    previous = tau;
  }
}

long token_of(const OpReader& op, std::size_t tokens) {
  return op.has("token") ? static_cast<long>(op.size("token", 0, tokens - 1)) : -1L;
}

}  // namespace

std::vector<std::string> input_names(const OpReader& op, std::size_t count) {
  const Value& in = op.field("in");
  const auto fail = [&] {
    op.fail("field 'in' must be an array of " + std::to_string(count) + " buffer names");
  };
  if (!in.is_array() || in.as_array("in").size() != count) fail();
  std::vector<std::string> names;
  for (const Value& item : in.as_array("in")) {
    if (!item.is_string()) fail();
    names.push_back(item.as_string("in"));
  }
  return names;
}

const char* to_string(ThresholdScope scope) {
  switch (scope) {
    case ThresholdScope::Batch:
      return "batch";
    case ThresholdScope::Image:
      return "image";
    case ThresholdScope::Row:
      return "row";
  }
  return "?";
}

ModelGraph parse_model_graph(const format::BvitFile& file) {
  const Value& header = file.header();
  const std::string where = file.where();
  ModelGraph g;
  try {
    const Value& model = header.at("model", "header");
    g.family = model.at("family", "model").as_string("model.family");
    g.variant = model.at("variant", "model").as_string("model.variant");
    if (const Value* name = model.find("name")) g.name = name->as_string("model.name");
    for (const Value& c : header.at("classes", "header").as_array("classes")) {
      g.classes.push_back(c.as_string("classes[]"));
    }
    const Value& pre = header.at("preprocessing", "header");
    g.preprocessing.image_size =
        pre.at("image_size", "preprocessing").as_size("preprocessing.image_size");
    g.preprocessing.channels =
        pre.at("channels", "preprocessing").as_size("preprocessing.channels");
    for (const Value& m : pre.at("mean", "preprocessing").as_array("preprocessing.mean")) {
      g.preprocessing.mean.push_back(static_cast<float>(m.as_number("preprocessing.mean[]")));
    }
    for (const Value& s : pre.at("std", "preprocessing").as_array("preprocessing.std")) {
      g.preprocessing.std.push_back(static_cast<float>(s.as_number("preprocessing.std[]")));
    }
    g.preprocessing.crop_fraction =
        pre.at("crop_fraction", "preprocessing").as_number("preprocessing.crop_fraction");
  } catch (const json::JsonError& error) {
    throw BvitError(where + ": " + error.what());
  }
  const Preprocessing& pre = g.preprocessing;
  if (pre.image_size == 0 || pre.image_size > 8192 || pre.channels == 0 || pre.channels > 4 ||
      pre.mean.size() != pre.channels || pre.std.size() != pre.channels ||
      !(pre.crop_fraction > 0.0 && pre.crop_fraction <= 1.0)) {
    throw BvitError(where +
                    ": 'preprocessing' is inconsistent (image_size, channels, mean, std "
                    "per channel, crop_fraction in (0, 1])");
  }
  for (float s : pre.std) {
    if (!(s > 0.0f)) throw BvitError(where + ": preprocessing.std must be positive");
  }
  if (g.classes.size() < 2) throw BvitError(where + ": 'classes' must name at least 2 classes");

  const Value* graph = header.find("graph");
  if (graph == nullptr || !graph->is_object())
    throw BvitError(where + ": the header has no 'graph' object");
  const Value* ops = graph->find("ops");
  if (ops == nullptr || !ops->is_array()) throw BvitError(where + ": 'graph.ops' must be an array");
  try {
    g.tokens = graph->at("tokens", "graph").as_size("graph.tokens");
    g.embed_dim = graph->at("embed_dim", "graph").as_size("graph.embed_dim");
    g.output = graph->at("output", "graph").as_string("graph.output");
    if (const Value* task = graph->find("task")) {
      const std::string name = task->as_string("graph.task");
      if (name == "segmentation") {
        g.task = Task::Segmentation;
      } else if (name != "classification") {
        throw BvitError(where + ": graph.task must be classification or segmentation, got '" +
                        name + "'");
      }
    }
  } catch (const json::JsonError& error) {
    throw BvitError(where + ": " + error.what());
  }
  if (g.tokens == 0 || g.tokens > kMaxDim || g.embed_dim == 0 || g.embed_dim > kMaxDim) {
    throw BvitError(where + ": graph.tokens and graph.embed_dim must be in [1, 2^20]");
  }
  const std::size_t c = g.embed_dim;
  Buffers buffers;
  buffers.define("images", pre.channels * pre.image_size * pre.image_size, 1);

  const auto& list = ops->as_array("graph.ops");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Value& item = list[i];
    OpReader op(file, item, i);
    if (!item.is_object()) op.fail("must be an object");
    const std::string kind = op.string("op");
    const std::string name = op.has("name") ? op.string("name") : kind;
    const auto rows_of = [&](const std::string& buffer) { return buffers.rows(op, buffer); };

    if (kind == "patch_embed") {
      PatchEmbedOp p;
      p.name = name;
      p.in = op.string("in");
      p.out = op.string("out");
      p.in_channels = op.size("in_channels", 1, 4);
      p.image_size = op.size("image_size", 1, 8192);
      p.patch = op.size("patch", 1, 1024);
      if (p.in_channels != pre.channels || p.image_size != pre.image_size ||
          p.image_size % p.patch) {
        op.fail("in_channels / image_size / patch disagree with the preprocessing");
      }
      buffers.require(op, p.in, p.in_channels * p.image_size * p.image_size);
      if (p.in != "images") op.fail("input must be the images");
      const std::size_t k = p.in_channels * p.patch * p.patch;
      const TensorView& w = op.any_tensor("weight");
      if (w.shape.size() != 2 || w.shape[0] == 0 || w.shape[0] > kMaxDim) {
        op.fail("tensor 'weight' must be [embed, " + std::to_string(k) + "]");
      }
      p.embed = static_cast<std::size_t>(w.shape[0]);
      const std::size_t c = p.embed;
      p.weight_t.assign(k * c, 0.0f);
      // The file's rows are in the conv weight's (channel, ky, kx) order; the engine sums over
      // (ky, kx, channel), the order in which LibTorch's convolution accumulates, so that the
      // embedding has its bits (run_patch_embed).
      const std::size_t taps = p.patch * p.patch;
      const auto summed_at = [&](std::size_t e) { return (e % taps) * p.in_channels + e / taps; };
      if (w.dtype == DType::F32) {
        op.tensor("weight", DType::F32, {c, k});
        for (std::size_t o = 0; o < c; ++o)
          for (std::size_t e = 0; e < k; ++e) p.weight_t[summed_at(e) * c + o] = w.f32()[o * k + e];
      } else {
        op.tensor("weight", DType::I8, {c, k});
        const float* step = op.tensor("weight_step", DType::F32, {c}).f32();
        // The same product as the fake-quantized weight of training: step * q, rounded once.
        for (std::size_t o = 0; o < c; ++o)
          for (std::size_t e = 0; e < k; ++e)
            p.weight_t[summed_at(e) * c + o] = step[o] * static_cast<float>(w.i8()[o * k + e]);
      }
      p.bias = op.tensor("bias", DType::F32, {c}).f32();
      const std::size_t side = p.image_size / p.patch;
      buffers.define(p.out, c, side * side);
      g.ops.emplace_back(std::move(p));
    } else if (kind == "tokens") {
      TokensOp t;
      t.name = name;
      t.in = op.string("in");
      t.out = op.string("out");
      t.embed = buffers.width(op, t.in);
      const std::size_t c = t.embed;
      if (op.has("prefix")) {
        const TensorView& prefix = op.any_tensor("prefix");
        if (prefix.shape.size() != 2 || prefix.shape[1] != c || prefix.shape[0] > kMaxDim) {
          op.fail("tensor 'prefix' must be F32 [T, " + std::to_string(c) + "]");
        }
        t.prefix = static_cast<std::size_t>(prefix.shape[0]);
        t.prefix_tokens = op.tensor("prefix", DType::F32, {t.prefix, c}).f32();
      }
      t.tokens = t.prefix + rows_of(t.in);
      t.pos_embed = op.tensor("pos_embed", DType::F32, {t.tokens, c}).f32();
      buffers.define(t.out, c, t.tokens);
      g.ops.emplace_back(std::move(t));
    } else if (kind == "layer_norm") {
      LayerNormOp l;
      l.name = name;
      l.in = op.string("in");
      l.out = op.string("out");
      l.dim = buffers.width(op, l.in);
      l.eps = op.number("eps", true);
      l.eps = op.field("eps").as_number("eps");  // kept as double: torch adds it in double
      l.weight = op.tensor("weight", DType::F32, {l.dim}).f32();
      l.bias = op.tensor("bias", DType::F32, {l.dim}).f32();
      buffers.define(l.out, l.dim, rows_of(l.in));
      g.ops.emplace_back(std::move(l));
    } else if (kind == "linear" || kind == "int8_linear") {
      const std::string in = op.string("in");
      const std::size_t in_features = buffers.width(op, in);
      const TensorView& w = op.any_tensor("weight");
      if (w.shape.size() != 2 || w.shape[1] != in_features || w.shape[0] == 0 ||
          w.shape[0] > kMaxDim) {
        op.fail("tensor 'weight' must be [out, " + std::to_string(in_features) + "]");
      }
      const auto out_features = static_cast<std::size_t>(w.shape[0]);
      const long token = token_of(op, rows_of(in));
      const std::string out = op.string("out");
      if (kind == "linear") {
        LinearOp l;
        l.name = name;
        l.in = in;
        l.out = out;
        l.in_features = in_features;
        l.out_features = out_features;
        l.token = token;
        const float* weight = op.tensor("weight", DType::F32, {out_features, in_features}).f32();
        l.weight_t.assign(in_features * out_features, 0.0f);
        for (std::size_t o = 0; o < out_features; ++o)
          for (std::size_t e = 0; e < in_features; ++e)
            l.weight_t[e * out_features + o] = weight[o * in_features + e];
        l.bias = op.tensor("bias", DType::F32, {out_features}).f32();
        g.ops.emplace_back(std::move(l));
      } else {
        Int8LinearOp l;
        l.name = name;
        l.in = in;
        l.out = out;
        l.in_features = in_features;
        l.out_features = out_features;
        l.token = token;
        l.weight = op.tensor("weight", DType::I8, {out_features, in_features}).i8();
        l.input_shift = op.tensor("input_shift", DType::F32, {in_features}).f32();
        l.input_step = op.number("input_step", true);
        const float* step = op.tensor("weight_step", DType::F32, {out_features}).f32();
        for (std::size_t o = 0; o < out_features; ++o) l.scale.push_back(l.input_step * step[o]);
        l.bias = op.tensor("bias", DType::F32, {out_features}).f32();
        g.ops.emplace_back(std::move(l));
      }
      buffers.define(out, out_features, token >= 0 ? 1 : rows_of(in));
    } else if (kind == "binary_linear") {
      BinaryLinearOp l;
      l.name = name;
      l.in = op.string("in");
      l.out = op.string("out");
      l.in_features = buffers.width(op, l.in);
      const std::string input = op.string("input");
      if (input != "signed" && input != "unsigned")
        op.fail("field 'input' must be signed or unsigned");
      l.unsigned_input = input == "unsigned";
      l.words = kernels::words_for_bits(l.in_features);
      const TensorView& w = op.any_tensor("weight");
      if (w.shape.size() != 2 || w.shape[0] == 0 || w.shape[0] > kMaxDim) {
        op.fail("tensor 'weight' must be U64 [out, words]");
      }
      l.out_features = static_cast<std::size_t>(w.shape[0]);
      l.weight = op.tensor("weight", DType::U64, {l.out_features, l.words}).u64();
      // Padding bits must be zero: every kernel relies on it (bitpack.h).
      const std::size_t tail = l.in_features % kernels::kBitsPerWord;
      if (tail != 0) {
        const std::uint64_t pad_mask = ~((std::uint64_t{1} << tail) - 1);
        for (std::size_t o = 0; o < l.out_features; ++o) {
          if (l.weight[o * l.words + l.words - 1] & pad_mask) {
            op.fail("packed weight row " + std::to_string(o) + " has non-zero padding bits");
          }
        }
      }
      if (op.has("shift")) l.shift = op.tensor("shift", DType::F32, {l.in_features}).f32();
      l.alpha = op.number("alpha", true);
      l.scale = op.tensor("scale", DType::F32, {l.out_features}).f32();
      l.bias = op.tensor("bias", DType::F32, {l.out_features}).f32();
      buffers.define(l.out, l.out_features, rows_of(l.in));
      g.ops.emplace_back(std::move(l));
    } else if (kind == "attention") {
      AttentionOp a;
      a.name = name;
      a.in = op.string("in");
      a.out = op.string("out");
      a.heads = op.size("heads", 1, c);
      if (c % a.heads) op.fail("heads must divide embed_dim");
      a.head_dim = c / a.heads;
      a.tokens = rows_of(a.in);
      buffers.require(op, a.in, 3 * c);
      const std::string mode = op.string("mode");
      if (mode != "float" && mode != "binary") op.fail("field 'mode' must be float or binary");
      a.binary = mode == "binary";
      if (a.binary) {
        a.query_shift = op.tensor("query_shift", DType::F32, {c}).f32();
        a.key_shift = op.tensor("key_shift", DType::F32, {c}).f32();
        a.value_shift = op.tensor("value_shift", DType::F32, {c}).f32();
        a.query_alpha = op.number("query_alpha", true);
        a.key_alpha = op.number("key_alpha", true);
        a.attention_scales = op.numbers("attention_scales", 1, 8);
        a.value_scales = op.numbers("value_scales", 1, 8);
        a.attention_taus = op.numbers("attention_taus", a.attention_scales.size() - 1,
                                      a.attention_scales.size() - 1);
        a.value_taus =
            op.numbers("value_taus", a.value_scales.size() - 1, a.value_scales.size() - 1);
        check_taus(op, "attention_taus", a.attention_taus);
        check_taus(op, "value_taus", a.value_taus);
        a.scope = parse_scope(op, op.string("scope"));
        if (a.scope == ThresholdScope::Batch) g.batch_dependent = true;
        if (op.has("attention_bias")) {
          a.attention_bias =
              op.tensor("attention_bias", DType::F32, {a.heads, a.tokens, a.tokens}).f32();
        }
        const std::size_t levels = a.head_dim + 1;
        std::vector<float> logits(levels);
        const float unit = a.query_alpha * a.key_alpha;
        const auto scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(a.head_dim)));
        for (std::size_t i = 0; i < levels; ++i) {
          const auto count =
              static_cast<float>(2 * static_cast<long>(i) - static_cast<long>(a.head_dim));
          logits[i] = (count * unit) * scale;
        }
        a.exp_table.resize(levels * levels);
        for (std::size_t m = 0; m < levels; ++m)
          for (std::size_t i = 0; i < levels; ++i)
            a.exp_table[m * levels + i] = std::exp(logits[i] - logits[m]);
      }
      buffers.define(a.out, c, a.tokens);
      g.ops.emplace_back(std::move(a));
    } else if (kind == "gelu") {
      GeluOp gl;
      gl.name = name;
      gl.in = op.string("in");
      gl.out = op.string("out");
      if (op.has("clamp")) {
        gl.clamp = true;
        gl.clamp_value = op.number("clamp", true);
      }
      buffers.define(gl.out, buffers.width(op, gl.in), rows_of(gl.in));
      g.ops.emplace_back(std::move(gl));
    } else if (kind == "add" || kind == "mean") {
      const std::vector<std::string> in = input_names(op, 2);
      const std::string &a = in[0], &b = in[1];
      const std::size_t width = buffers.width(op, a);
      buffers.require(op, b, width);
      if (rows_of(a) != rows_of(b)) op.fail("inputs have different row counts");
      const std::string out = op.string("out");
      if (kind == "add")
        g.ops.emplace_back(AddOp{name, a, b, out});
      else
        g.ops.emplace_back(MeanOp{name, a, b, out});
      buffers.define(out, width, rows_of(a));
    } else if (!parse_spatial_op(kind, name, op, buffers, g.ops)) {
      op.fail("unknown op '" + kind + "'");
    }
  }
  if (!buffers.has(g.output, g.classes.size(), g.output_rows())) {
    throw BvitError(where + ": graph.output '" + g.output + "' must be a buffer of " +
                    (g.task == Task::Segmentation
                         ? "one row per pixel (" + std::to_string(g.output_rows()) + ")"
                         : std::string("one row per image")) +
                    " with one column per class (" + std::to_string(g.classes.size()) + ")");
  }
  return g;
}

}  // namespace binvit::runtime::engine
