#include "core/runtime/engine/model_graph.h"

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

// Reads one op's fields; every error names the file, the op and the field.
class OpReader {
 public:
  OpReader(const format::BvitFile& file, const Value& op, std::size_t index)
      : file_(file), op_(op) {
    what_ = "graph.ops[" + std::to_string(index) + "]";
    if (const Value* name = op.find("name"); name != nullptr && name->is_string()) {
      what_ += " ('" + name->as_string(what_) + "')";
    }
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw BvitError(file_.where() + ": " + what_ + ": " + message);
  }

  const Value& field(const std::string& key) const {
    const Value* v = op_.find(key);
    if (v == nullptr) fail("missing field '" + key + "'");
    return *v;
  }
  bool has(const std::string& key) const { return op_.find(key) != nullptr; }

  std::string string(const std::string& key) const {
    if (!field(key).is_string()) fail("field '" + key + "' must be a string");
    return field(key).as_string(key);
  }
  std::size_t size(const std::string& key, std::size_t min, std::size_t max) const {
    const Value& v = field(key);
    if (!v.is_number()) fail("field '" + key + "' must be a number");
    const double n = v.as_number(key);
    if (!(n >= static_cast<double>(min) && n <= static_cast<double>(max) && std::floor(n) == n)) {
      fail("field '" + key + "' = " + v.dump() + " must be a whole number in [" +
           std::to_string(min) + ", " + std::to_string(max) + "]");
    }
    return static_cast<std::size_t>(n);
  }
  // A finite float; positive when `positive`.
  float number(const std::string& key, bool positive) const {
    const Value& v = field(key);
    if (!v.is_number()) fail("field '" + key + "' must be a number");
    const double n = v.as_number(key);
    const auto f = static_cast<float>(n);
    if (!std::isfinite(f) || (positive && !(f > 0.0f))) {
      fail("field '" + key + "' = " + v.dump() + " must be a finite" +
           (positive ? " positive" : "") + " number");
    }
    return f;
  }
  std::vector<float> numbers(const std::string& key, std::size_t count_min,
                             std::size_t count_max) const {
    const Value& v = field(key);
    if (!v.is_array()) fail("field '" + key + "' must be an array of numbers");
    const auto& items = v.as_array(key);
    if (items.size() < count_min || items.size() > count_max) {
      fail("field '" + key + "' has " + std::to_string(items.size()) + " entries, expected " +
           std::to_string(count_min) + (count_max != count_min ? ".." + std::to_string(count_max) : ""));
    }
    std::vector<float> out;
    for (const Value& item : items) {
      if (!item.is_number() || !std::isfinite(static_cast<float>(item.as_number(key)))) {
        fail("field '" + key + "' must hold finite numbers");
      }
      out.push_back(static_cast<float>(item.as_number(key)));
    }
    return out;
  }
  // A tensor named by the field, with the given dtype and shape.
  const TensorView& tensor(const std::string& key, DType dtype,
                           const std::vector<std::uint64_t>& shape) const {
    const std::string name = string(key);
    const TensorView* t = file_.find(name);
    if (t == nullptr) fail("field '" + key + "' names tensor '" + name + "', which is not in the file");
    if (t->dtype != dtype || t->shape != shape) {
      std::string expected = std::string(format::dtype_name(dtype)) + " [";
      for (std::size_t i = 0; i < shape.size(); ++i) expected += (i ? ", " : "") + std::to_string(shape[i]);
      std::string got = std::string(format::dtype_name(t->dtype)) + " [";
      for (std::size_t i = 0; i < t->shape.size(); ++i) got += (i ? ", " : "") + std::to_string(t->shape[i]);
      fail("tensor '" + name + "' (field '" + key + "') must be " + expected + "], is " + got + "]");
    }
    return *t;
  }
  const TensorView& any_tensor(const std::string& key) const {
    const std::string name = string(key);
    const TensorView* t = file_.find(name);
    if (t == nullptr) fail("field '" + key + "' names tensor '" + name + "', which is not in the file");
    return *t;
  }

  const std::string& what() const { return what_; }

 private:
  const format::BvitFile& file_;
  const Value& op_;
  std::string what_;
};

// Tracks buffer widths (columns) so each op's input has the width it needs.
class Buffers {
 public:
  void define(const std::string& name, std::size_t width) { widths_[name] = width; }
  std::size_t width(const OpReader& op, const std::string& name) const {
    const auto it = widths_.find(name);
    if (it == widths_.end()) op.fail("reads buffer '" + name + "' before any op writes it");
    return it->second;
  }
  bool has(const std::string& name, std::size_t width) const {
    const auto it = widths_.find(name);
    return it != widths_.end() && it->second == width;
  }
  void require(const OpReader& op, const std::string& name, std::size_t width) const {
    const std::size_t w = this->width(op, name);
    if (w != width) {
      op.fail("buffer '" + name + "' has " + std::to_string(w) + " columns, the op needs " +
              std::to_string(width));
    }
  }

 private:
  std::map<std::string, std::size_t> widths_;
};

constexpr std::size_t kMaxDim = std::size_t{1} << 20;

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

std::pair<std::string, std::string> two_inputs(const OpReader& op) {
  const Value& in = op.field("in");
  if (!in.is_array() || in.as_array("in").size() != 2 || !in.as_array("in")[0].is_string() ||
      !in.as_array("in")[1].is_string()) {
    op.fail("field 'in' must be an array of two buffer names");
  }
  return {in.as_array("in")[0].as_string("in"), in.as_array("in")[1].as_string("in")};
}

long token_of(const OpReader& op, std::size_t tokens) {
  return op.has("token") ? static_cast<long>(op.size("token", 0, tokens - 1)) : -1L;
}

}  // namespace

const char* to_string(ThresholdScope scope) {
  switch (scope) {
    case ThresholdScope::Batch: return "batch";
    case ThresholdScope::Image: return "image";
    case ThresholdScope::Row: return "row";
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
    g.preprocessing.image_size = pre.at("image_size", "preprocessing").as_size("preprocessing.image_size");
    g.preprocessing.channels = pre.at("channels", "preprocessing").as_size("preprocessing.channels");
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
    throw BvitError(where + ": 'preprocessing' is inconsistent (image_size, channels, mean, std "
                    "per channel, crop_fraction in (0, 1])");
  }
  for (float s : pre.std) {
    if (!(s > 0.0f)) throw BvitError(where + ": preprocessing.std must be positive");
  }
  if (g.classes.size() < 2) throw BvitError(where + ": 'classes' must name at least 2 classes");

  const Value* graph = header.find("graph");
  if (graph == nullptr || !graph->is_object()) throw BvitError(where + ": the header has no 'graph' object");
  const Value* ops = graph->find("ops");
  if (ops == nullptr || !ops->is_array()) throw BvitError(where + ": 'graph.ops' must be an array");
  try {
    g.tokens = graph->at("tokens", "graph").as_size("graph.tokens");
    g.embed_dim = graph->at("embed_dim", "graph").as_size("graph.embed_dim");
    g.output = graph->at("output", "graph").as_string("graph.output");
  } catch (const json::JsonError& error) {
    throw BvitError(where + ": " + error.what());
  }
  if (g.tokens == 0 || g.tokens > kMaxDim || g.embed_dim == 0 || g.embed_dim > kMaxDim) {
    throw BvitError(where + ": graph.tokens and graph.embed_dim must be in [1, 2^20]");
  }
  const std::size_t n = g.tokens, c = g.embed_dim;
  // Buffer widths: "token" ops produce one row per image; others one row per token (or patch).
  enum class Rows { Images, Patches, Tokens };
  std::map<std::string, Rows> rows;
  Buffers buffers;
  buffers.define("images", pre.channels * pre.image_size * pre.image_size);
  rows["images"] = Rows::Images;

  const auto& list = ops->as_array("graph.ops");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Value& item = list[i];
    OpReader op(file, item, i);
    if (!item.is_object()) op.fail("must be an object");
    const std::string kind = op.string("op");
    const std::string name = op.has("name") ? op.string("name") : kind;
    const auto rows_of = [&](const std::string& buffer) { return rows.at(buffer); };

    if (kind == "patch_embed") {
      PatchEmbedOp p;
      p.name = name;
      p.in = op.string("in");
      p.out = op.string("out");
      p.in_channels = op.size("in_channels", 1, 4);
      p.image_size = op.size("image_size", 1, 8192);
      p.patch = op.size("patch", 1, 1024);
      p.embed = c;
      if (p.in_channels != pre.channels || p.image_size != pre.image_size || p.image_size % p.patch) {
        op.fail("in_channels / image_size / patch disagree with the preprocessing");
      }
      buffers.require(op, p.in, p.in_channels * p.image_size * p.image_size);
      if (rows_of(p.in) != Rows::Images) op.fail("input must be the images");
      const std::size_t k = p.in_channels * p.patch * p.patch;
      const TensorView& w = op.any_tensor("weight");
      p.weight_t.assign(k * c, 0.0f);
      if (w.dtype == DType::F32) {
        op.tensor("weight", DType::F32, {c, k});
        for (std::size_t o = 0; o < c; ++o)
          for (std::size_t e = 0; e < k; ++e) p.weight_t[e * c + o] = w.f32()[o * k + e];
      } else {
        op.tensor("weight", DType::I8, {c, k});
        const float* step = op.tensor("weight_step", DType::F32, {c}).f32();
        // The same product as the fake-quantized weight of training: step * q, rounded once.
        for (std::size_t o = 0; o < c; ++o)
          for (std::size_t e = 0; e < k; ++e)
            p.weight_t[e * c + o] = step[o] * static_cast<float>(w.i8()[o * k + e]);
      }
      p.bias = op.tensor("bias", DType::F32, {c}).f32();
      buffers.define(p.out, c);
      rows[p.out] = Rows::Patches;
      g.ops.emplace_back(std::move(p));
    } else if (kind == "tokens") {
      TokensOp t;
      t.name = name;
      t.in = op.string("in");
      t.out = op.string("out");
      t.embed = c;
      t.tokens = n;
      buffers.require(op, t.in, c);
      if (rows_of(t.in) != Rows::Patches) op.fail("input must be the patch embedding");
      const TensorView& prefix = op.any_tensor("prefix");
      if (prefix.shape.size() != 2 || prefix.shape[1] != c || prefix.shape[0] >= n) {
        op.fail("tensor 'prefix' must be F32 [T, C] with T < tokens");
      }
      t.prefix = static_cast<std::size_t>(prefix.shape[0]);
      t.prefix_tokens = op.tensor("prefix", DType::F32, {t.prefix, c}).f32();
      t.pos_embed = op.tensor("pos_embed", DType::F32, {n, c}).f32();
      buffers.define(t.out, c);
      rows[t.out] = Rows::Tokens;
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
      buffers.define(l.out, l.dim);
      rows[l.out] = rows_of(l.in);
      g.ops.emplace_back(std::move(l));
    } else if (kind == "linear" || kind == "int8_linear") {
      const std::string in = op.string("in");
      const std::size_t in_features = buffers.width(op, in);
      const TensorView& w = op.any_tensor("weight");
      if (w.shape.size() != 2 || w.shape[1] != in_features || w.shape[0] == 0 || w.shape[0] > kMaxDim) {
        op.fail("tensor 'weight' must be [out, " + std::to_string(in_features) + "]");
      }
      const auto out_features = static_cast<std::size_t>(w.shape[0]);
      const long token = token_of(op, n);
      if (token >= 0 && rows_of(in) != Rows::Tokens) op.fail("'token' needs a token buffer");
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
      buffers.define(out, out_features);
      rows[out] = token >= 0 ? Rows::Images : rows_of(in);
    } else if (kind == "binary_linear") {
      BinaryLinearOp l;
      l.name = name;
      l.in = op.string("in");
      l.out = op.string("out");
      l.in_features = buffers.width(op, l.in);
      const std::string input = op.string("input");
      if (input != "signed" && input != "unsigned") op.fail("field 'input' must be signed or unsigned");
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
      l.shift = op.tensor("shift", DType::F32, {l.in_features}).f32();
      l.alpha = op.number("alpha", true);
      l.scale = op.tensor("scale", DType::F32, {l.out_features}).f32();
      l.bias = op.tensor("bias", DType::F32, {l.out_features}).f32();
      buffers.define(l.out, l.out_features);
      rows[l.out] = rows_of(l.in);
      g.ops.emplace_back(std::move(l));
    } else if (kind == "attention") {
      AttentionOp a;
      a.name = name;
      a.in = op.string("in");
      a.out = op.string("out");
      a.heads = op.size("heads", 1, c);
      if (c % a.heads) op.fail("heads must divide embed_dim");
      a.head_dim = c / a.heads;
      a.tokens = n;
      buffers.require(op, a.in, 3 * c);
      if (rows_of(a.in) != Rows::Tokens) op.fail("input must be a token buffer");
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
        a.value_taus = op.numbers("value_taus", a.value_scales.size() - 1, a.value_scales.size() - 1);
        check_taus(op, "attention_taus", a.attention_taus);
        check_taus(op, "value_taus", a.value_taus);
        a.scope = parse_scope(op, op.string("scope"));
        if (a.scope == ThresholdScope::Batch) g.batch_dependent = true;
        if (op.has("attention_bias")) {
          a.attention_bias = op.tensor("attention_bias", DType::F32, {a.heads, n, n}).f32();
        }
        const std::size_t levels = a.head_dim + 1;
        std::vector<float> logits(levels);
        const float unit = a.query_alpha * a.key_alpha;
        const auto scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(a.head_dim)));
        for (std::size_t i = 0; i < levels; ++i) {
          const auto count = static_cast<float>(2 * static_cast<long>(i) - static_cast<long>(a.head_dim));
          logits[i] = (count * unit) * scale;
        }
        a.exp_table.resize(levels * levels);
        for (std::size_t m = 0; m < levels; ++m)
          for (std::size_t i = 0; i < levels; ++i) a.exp_table[m * levels + i] = std::exp(logits[i] - logits[m]);
      }
      buffers.define(a.out, c);
      rows[a.out] = Rows::Tokens;
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
      buffers.define(gl.out, buffers.width(op, gl.in));
      rows[gl.out] = rows_of(gl.in);
      g.ops.emplace_back(std::move(gl));
    } else if (kind == "add" || kind == "mean") {
      const auto [a, b] = two_inputs(op);
      const std::size_t width = buffers.width(op, a);
      buffers.require(op, b, width);
      if (rows_of(a) != rows_of(b)) op.fail("inputs have different row counts");
      const std::string out = op.string("out");
      if (kind == "add") g.ops.emplace_back(AddOp{name, a, b, out});
      else g.ops.emplace_back(MeanOp{name, a, b, out});
      buffers.define(out, width);
      rows[out] = rows_of(a);
    } else {
      op.fail("unknown op '" + kind + "'");
    }
  }
  if (rows.count(g.output) == 0 || rows.at(g.output) != Rows::Images ||
      !buffers.has(g.output, g.classes.size())) {
    throw BvitError(where + ": graph.output '" + g.output + "' must be a buffer of one row per "
                    "image with one column per class (" + std::to_string(g.classes.size()) + ")");
  }
  return g;
}

}  // namespace binvit::runtime::engine
