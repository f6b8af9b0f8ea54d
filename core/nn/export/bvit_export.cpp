#include "core/nn/export/bvit_export.h"

#include "core/nn/build_info.h"
#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/sign.h"
#include "core/nn/models/deit.h"
#include "core/nn/quantizers/lazy_init.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/format/bvit_file.h"
#include "core/runtime/json/json_parser.h"
#include "core/runtime/kernels/bitpack.h"

#include <stdexcept>

namespace binvit::nn {
namespace {

namespace fmt = runtime::format;
using runtime::json::Value;

std::vector<std::uint64_t> shape_of(const torch::Tensor& t) {
  std::vector<std::uint64_t> shape;
  for (int64_t d : t.sizes()) shape.push_back(static_cast<std::uint64_t>(d));
  return shape;
}

// Scales are used clamped in the forward (functional/elastic_binarize.h: kMinScale).
float clamped_scale(const torch::Tensor& t, int64_t index = 0) {
  return t.detach().clamp_min(functional::kMinScale).reshape({-1})[index].item<float>();
}

Value float_list(const torch::Tensor& t) {
  Value list = Value::array();
  const torch::Tensor flat = t.detach().clamp_min(functional::kMinScale).reshape({-1}).to(torch::kFloat);
  for (int64_t i = 0; i < flat.numel(); ++i) list.push_back(static_cast<double>(flat[i].item<float>()));
  return list;
}

Value double_list(const std::vector<double>& values) {
  Value list = Value::array();
  for (double v : values) list.push_back(v);
  return list;
}

Value pair(const std::string& a, const std::string& b) {
  Value list = Value::array();
  list.push_back(a);
  list.push_back(b);
  return list;
}

void require_initialized(const torch::Tensor& flag, const std::string& what) {
  if (!is_initialized(flag)) {
    throw std::invalid_argument("cannot export: the scale of " + what +
                                " was never initialised (run the model on data first)");
  }
}

class GraphBuilder {
 public:
  explicit GraphBuilder(const DeitConfig& config) : config_(config) {}

  std::string tensor(const std::string& name, const torch::Tensor& value) {
    const torch::Tensor t = value.detach().to(torch::kCPU).contiguous();
    if (t.scalar_type() == torch::kFloat) {
      TORCH_CHECK(torch::isfinite(t).all().item<bool>(), "cannot export: tensor ", name,
                  " holds non-finite values");
      writer_.add(name, fmt::DType::F32, shape_of(t), t.data_ptr<float>(),
                  static_cast<std::size_t>(t.numel()) * sizeof(float));
    } else if (t.scalar_type() == torch::kChar) {
      writer_.add(name, fmt::DType::I8, shape_of(t), t.data_ptr<int8_t>(),
                  static_cast<std::size_t>(t.numel()));
    } else {
      throw std::logic_error("exporter: unsupported dtype for tensor " + name);
    }
    return name;
  }

  void add(Value op) { ops_.push_back(std::move(op)); }

  static Value op(const std::string& kind, const std::string& name, Value in, const std::string& out) {
    Value o = Value::object();
    o.set("op", kind);
    o.set("name", name);
    o.set("in", std::move(in));
    o.set("out", out);
    return o;
  }

  void layer_norm(const std::string& name, const torch::nn::LayerNorm& norm, const std::string& in,
                  const std::string& out) {
    Value o = op("layer_norm", name, in, out);
    o.set("eps", norm->options.eps());
    o.set("weight", tensor(name + ".weight", norm->weight));
    o.set("bias", tensor(name + ".bias", norm->bias));
    add(o);
  }

  // A BinaryLinear of a binary variant (binarized weights and elastic input), or a float one.
  void linear(const std::string& name, const BinaryLinear& layer, const std::string& in,
              const std::string& out) {
    torch::NoGradGuard no_grad;
    const auto& options = layer->options;
    const bool float_weights = options.weight_mode() == WeightBinarization::Float;
    const bool float_input = options.activation_mode() == ActivationBinarization::Float;
    const torch::Tensor bias = layer->bias.defined() ? layer->bias
                                                     : torch::zeros({options.out_features()});
    if (float_weights && float_input) {
      Value o = op("linear", name, in, out);
      o.set("weight", tensor(name + ".weight", layer->weight));
      o.set("bias", tensor(name + ".bias", bias));
      add(o);
      return;
    }
    if (float_weights || float_input ||
        (options.activation_mode() != ActivationBinarization::ElasticSigned &&
         options.activation_mode() != ActivationBinarization::ElasticUnsigned) ||
        (options.weight_mode() != WeightBinarization::BwnPerTensor &&
         options.weight_mode() != WeightBinarization::BwnPerChannel)) {
      throw std::invalid_argument("cannot export layer " + name + ": the engine runs binary linears "
                                  "with BWN weights and elastic inputs, or float linears");
    }
    const auto& elastic = layer->input_quantizer->elastic;
    require_initialized(elastic->initialized, name + " (input binarizer)");
    const float alpha = clamped_scale(elastic->alpha);
    // The weight the forward multiplies with: a_j * sgn(W - mean W); its sign gives the bits,
    // its magnitude the per-row scale a_j (one value for the per-tensor mode).
    const torch::Tensor effective = layer->effective_weight().detach();
    const torch::Tensor signs = effective >= 0;
    const torch::Tensor magnitude = std::get<0>(effective.abs().max(1));
    const int64_t rows = effective.size(0), k = effective.size(1);
    const std::size_t words = runtime::kernels::words_for_bits(static_cast<std::size_t>(k));
    std::vector<std::uint64_t> packed(static_cast<std::size_t>(rows) * words, 0);
    const auto sign_data = signs.to(torch::kUInt8).contiguous();
    const uint8_t* s = sign_data.data_ptr<uint8_t>();
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t e = 0; e < k; ++e)
        if (s[r * k + e]) packed[static_cast<std::size_t>(r) * words + static_cast<std::size_t>(e) / 64] |=
            std::uint64_t{1} << (e % 64);
    writer_.add_u64(name + ".weight_bits", {static_cast<std::uint64_t>(rows), words}, packed);
    // alpha * a_j rounded once: the value of every product (+-alpha)(+-a_j) in the forward.
    std::vector<float> scale(static_cast<std::size_t>(rows));
    const torch::Tensor m = magnitude.contiguous();
    for (int64_t r = 0; r < rows; ++r) scale[static_cast<std::size_t>(r)] = alpha * m[r].item<float>();
    writer_.add_f32(name + ".scale", {static_cast<std::uint64_t>(rows)}, scale);
    const torch::Tensor shift = elastic->shift.defined() ? elastic->shift : torch::zeros({k});

    Value o = op("binary_linear", name, in, out);
    o.set("input", options.activation_mode() == ActivationBinarization::ElasticSigned ? "signed" : "unsigned");
    o.set("shift", tensor(name + ".shift", shift));
    o.set("alpha", static_cast<double>(alpha));
    o.set("weight", name + ".weight_bits");
    o.set("scale", name + ".scale");
    o.set("bias", tensor(name + ".bias", bias));
    add(o);
  }

  void head(const std::string& name, const LsqLinear& layer, int64_t token, const std::string& in,
            const std::string& out) {
    torch::NoGradGuard no_grad;
    if (!layer->quantized()) {
      Value o = op("linear", name, in, out);
      o.set("weight", tensor(name + ".weight", layer->weight));
      o.set("bias", tensor(name + ".bias", layer->bias));
      o.set("token", token);
      add(o);
      return;
    }
    require_initialized(layer->weight_quantizer->initialized, name + " (weight quantizer)");
    require_initialized(layer->input_quantizer->initialized, name + " (input quantizer)");
    const auto range = layer->weight_quantizer->range();
    const torch::Tensor step = layer->weight_quantizer->step.detach().clamp_min(functional::kMinScale);
    const torch::Tensor levels = functional::round_half_up(layer->weight.detach() / step.reshape({-1, 1}))
                                     .clamp(static_cast<double>(range.qmin), static_cast<double>(range.qmax))
                                     .to(torch::kChar);
    Value o = op("int8_linear", name, in, out);
    o.set("token", token);
    o.set("input_shift", tensor(name + ".input_shift", layer->input_shift));
    o.set("input_step", static_cast<double>(clamped_scale(layer->input_quantizer->step)));
    o.set("weight", tensor(name + ".weight", levels));
    o.set("weight_step", tensor(name + ".weight_step", step));
    o.set("bias", tensor(name + ".bias", layer->bias));
    add(o);
  }

  void patch_embed(const PatchEmbedding& embed) {
    torch::NoGradGuard no_grad;
    const auto& conv = embed->proj;
    const int64_t c = config_.embed_dim;
    Value o = op("patch_embed", "patch_embed", "images", "patches");
    o.set("in_channels", config_.in_channels);
    o.set("image_size", config_.image_size);
    o.set("patch", config_.patch_size);
    if (conv->quantized()) {
      require_initialized(conv->weight_quantizer->initialized, "patch_embed (weight quantizer)");
      const auto range = conv->weight_quantizer->range();
      const torch::Tensor step = conv->weight_quantizer->step.detach().clamp_min(functional::kMinScale);
      const torch::Tensor levels =
          functional::round_half_up(conv->weight.detach() / step.reshape({-1, 1, 1, 1}))
              .clamp(static_cast<double>(range.qmin), static_cast<double>(range.qmax))
              .to(torch::kChar)
              .reshape({c, -1});
      o.set("weight", tensor("patch_embed.weight", levels));
      o.set("weight_step", tensor("patch_embed.weight_step", step));
    } else {
      o.set("weight", tensor("patch_embed.weight", conv->weight.reshape({c, -1})));
    }
    o.set("bias", tensor("patch_embed.bias", conv->bias));
    add(o);
  }

  void attention(const std::string& name, const DeitAttention& attn, const std::string& in,
                 const std::string& out) {
    torch::NoGradGuard no_grad;
    Value o = op("attention", name, in, out);
    o.set("heads", config_.heads);
    if (!attn->binary()) {
      o.set("mode", "float");
      add(o);
      return;
    }
    o.set("mode", "binary");
    require_initialized(attn->query_binarizer->initialized, name + " (query binarizer)");
    require_initialized(attn->key_binarizer->initialized, name + " (key binarizer)");
    require_initialized(attn->attention_quantizer->initialized, name + " (attention quantizer)");
    require_initialized(attn->value_quantizer->initialized, name + " (value quantizer)");
    o.set("query_shift", tensor(name + ".query_shift", attn->query_binarizer->shift.reshape({-1})));
    o.set("key_shift", tensor(name + ".key_shift", attn->key_binarizer->shift.reshape({-1})));
    o.set("value_shift", tensor(name + ".value_shift", attn->value_shift.reshape({-1})));
    o.set("query_alpha", static_cast<double>(clamped_scale(attn->query_binarizer->alpha)));
    o.set("key_alpha", static_cast<double>(clamped_scale(attn->key_binarizer->alpha)));
    o.set("attention_scales", float_list(attn->attention_quantizer->alpha));
    o.set("attention_taus", double_list(attn->attention_quantizer->options.taus()));
    o.set("value_scales", float_list(attn->value_quantizer->beta));
    o.set("value_taus", double_list(attn->value_quantizer->options.taus()));
    o.set("scope", functional::to_string(attn->attention_quantizer->options.scope()));
    if (attn->attention_bias.defined()) {
      o.set("attention_bias", tensor(name + ".attention_bias", attn->attention_bias));
    }
    add(o);
  }

  fmt::BvitWriter& writer() { return writer_; }
  Value ops() const { return ops_; }

 private:
  DeitConfig config_;
  fmt::BvitWriter writer_;
  Value ops_ = Value::array();
};

void check_switches(torch::nn::Module& model) {
  for (const auto& item : model.named_modules()) {
    if (auto* s = dynamic_cast<QuantizationSwitch*>(item.value().get())) {
      if (!s->quantization_enabled()) {
        throw std::invalid_argument("cannot export: quantization is switched off in '" + item.key() +
                                    "' (the file would not describe the trained binary model)");
      }
    }
  }
}

}  // namespace

std::string export_bvit_bytes(ClassifierModel& model, const BvitExportOptions& options) {
  auto* deit = dynamic_cast<Deit*>(&model);
  if (deit == nullptr) throw std::invalid_argument("cannot export: only DeiT-family models export to .bvit");
  const DeitConfig& c = deit->config;
  if (c.variant == DeitVariant::GsbStage1) {
    throw std::invalid_argument("cannot export a GSB stage-1 model (float activations with binary "
                                "weights and a BatchNorm patch embedding); export the stage-2 model");
  }
  check_switches(model);
  if (options.mean.size() != static_cast<size_t>(c.in_channels) ||
      options.std.size() != static_cast<size_t>(c.in_channels)) {
    throw std::invalid_argument("cannot export: mean and std need one value per input channel (" +
                                std::to_string(c.in_channels) + ")");
  }
  std::vector<std::string> classes = options.class_names;
  if (classes.empty()) {
    for (int64_t i = 0; i < c.num_classes; ++i) classes.push_back("class " + std::to_string(i));
  }
  if (static_cast<int64_t>(classes.size()) != c.num_classes) {
    throw std::invalid_argument("cannot export: " + std::to_string(classes.size()) +
                                " class names for a model with " + std::to_string(c.num_classes) +
                                " classes");
  }

  GraphBuilder g(c);
  g.patch_embed(deit->patch_embed);
  {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> prefix{deit->cls_token.reshape({1, -1})};
    if (deit->dist_token.defined()) prefix.push_back(deit->dist_token.reshape({1, -1}));
    Value o = GraphBuilder::op("tokens", "tokens", "patches", "x");
    o.set("prefix", g.tensor("prefix_tokens", torch::cat(prefix)));
    o.set("pos_embed", g.tensor("pos_embed", deit->pos_embed.reshape({c.tokens(), c.embed_dim})));
    g.add(o);
  }
  for (size_t i = 0; i < deit->blocks->size(); ++i) {
    const auto block = deit->blocks->ptr(i)->as<DeitBlock>();
    const std::string p = "blocks." + std::to_string(i) + ".";
    g.layer_norm(p + "norm1", block->norm1, "x", "h");
    g.linear(p + "attn.qkv", block->attn->qkv, "h", "qkv");
    g.attention(p + "attn", block->attn, "qkv", "context");
    g.linear(p + "attn.proj", block->attn->proj, "context", "h");
    g.add(GraphBuilder::op("add", p + "residual1", pair("x", "h"), "x"));
    g.layer_norm(p + "norm2", block->norm2, "x", "h");
    g.linear(p + "mlp.fc1", block->mlp->fc1, "h", "hidden");
    Value gelu = GraphBuilder::op("gelu", p + "mlp.gelu", "hidden", "hidden");
    if (c.variant != DeitVariant::Float) gelu.set("clamp", 10.0);  // DeitMlp's clamp
    g.add(gelu);
    g.linear(p + "mlp.fc2", block->mlp->fc2, "hidden", "h");
    g.add(GraphBuilder::op("add", p + "residual2", pair("x", "h"), "x"));
  }
  g.layer_norm("norm", deit->norm, "x", "x");
  g.head("head", deit->head, 0, "x", "logits");
  std::string output = "logits";
  if (deit->head_dist) {
    g.head("head_dist", deit->head_dist, 1, "x", "logits_dist");
    g.add(GraphBuilder::op("mean", "heads_mean", pair("logits", "logits_dist"), "output"));
    output = "output";
  }

  Value header = Value::object();
  header.set("producer", "binvit " + build_info().project_version);
  Value model_info = Value::object();
  model_info.set("family", "deit");
  model_info.set("variant", to_string(c.variant));
  model_info.set("name", options.model_name);
  header.set("model", model_info);
  header.set("config", runtime::json::parse(to_json(c).dump()));
  Value class_list = Value::array();
  for (const std::string& name : classes) class_list.push_back(name);
  header.set("classes", class_list);
  Value pre = Value::object();
  pre.set("image_size", c.image_size);
  pre.set("channels", c.in_channels);
  pre.set("mean", double_list(options.mean));
  pre.set("std", double_list(options.std));
  pre.set("crop_fraction", options.crop_fraction);
  header.set("preprocessing", pre);
  Value graph = Value::object();
  graph.set("tokens", c.tokens());
  graph.set("embed_dim", c.embed_dim);
  graph.set("output", output);
  graph.set("ops", g.ops());
  header.set("graph", graph);
  return g.writer().serialize(header);
}

void export_bvit(ClassifierModel& model, const std::filesystem::path& path,
                 const BvitExportOptions& options) {
  runtime::write_file_atomically(path, export_bvit_bytes(model, options));
}

}  // namespace binvit::nn
