#include "core/nn/export/bvit_export.h"

#include "core/nn/export/bhvit_export.h"
#include "core/nn/export/graph_builder.h"
#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/models/bhvit.h"
#include "core/nn/models/deit.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/json/json_parser.h"

#include <stdexcept>

namespace binvit::nn {
namespace {

using bvit::clamped_scale;
using bvit::double_list;
using bvit::float_list;
using bvit::GraphBuilder;
using bvit::require_initialized;
using bvit::Value;

// A BinaryLinear of a binary variant (binarized weights and elastic input), or a float one.
void binary_linear(GraphBuilder& g, const std::string& name, const BinaryLinear& layer,
                   const std::string& in, const std::string& out) {
  torch::NoGradGuard no_grad;
  const auto& options = layer->options;
  const bool float_weights = options.weight_mode() == WeightBinarization::Float;
  const bool float_input = options.activation_mode() == ActivationBinarization::Float;
  const torch::Tensor bias =
      layer->bias.defined() ? layer->bias : torch::zeros({options.out_features()});
  if (float_weights && float_input) {
    Value o = GraphBuilder::op("linear", name, in, out);
    o.set("weight", g.tensor(name + ".weight", layer->weight));
    o.set("bias", g.tensor(name + ".bias", bias));
    g.add(o);
    return;
  }
  if (float_weights || float_input ||
      (options.activation_mode() != ActivationBinarization::ElasticSigned &&
       options.activation_mode() != ActivationBinarization::ElasticUnsigned) ||
      (options.weight_mode() != WeightBinarization::BwnPerTensor &&
       options.weight_mode() != WeightBinarization::BwnPerChannel)) {
    throw std::invalid_argument("cannot export layer " + name +
                                ": the engine runs binary linears "
                                "with BWN weights and elastic inputs, or float linears");
  }
  const auto& elastic = layer->input_quantizer->elastic;
  require_initialized(elastic->initialized, name + " (input binarizer)");
  const float alpha = clamped_scale(elastic->alpha);
  // The weight the forward multiplies with: a_j * sgn(W - mean W); its sign gives the bits,
  // its magnitude the per-row scale a_j (one value for the per-tensor mode).
  const torch::Tensor effective = layer->effective_weight().detach();
  const torch::Tensor magnitude = std::get<0>(effective.abs().max(1));
  const int64_t rows = effective.size(0), k = effective.size(1);
  const std::string bits = g.packed_signs(name + ".weight_bits", effective);
  // alpha * a_j rounded once: the value of every product (+-alpha)(+-a_j) in the forward.
  std::vector<float> scale(static_cast<std::size_t>(rows));
  const torch::Tensor m = magnitude.contiguous();
  for (int64_t r = 0; r < rows; ++r)
    scale[static_cast<std::size_t>(r)] = alpha * m[r].item<float>();
  g.writer().add_f32(name + ".scale", {static_cast<std::uint64_t>(rows)}, scale);
  const torch::Tensor shift = elastic->shift.defined() ? elastic->shift : torch::zeros({k});

  Value o = GraphBuilder::op("binary_linear", name, in, out);
  o.set("input",
        options.activation_mode() == ActivationBinarization::ElasticSigned ? "signed" : "unsigned");
  o.set("shift", g.tensor(name + ".shift", shift));
  o.set("alpha", static_cast<double>(alpha));
  o.set("weight", bits);
  o.set("scale", name + ".scale");
  o.set("bias", g.tensor(name + ".bias", bias));
  g.add(o);
}

void attention(GraphBuilder& g, const DeitConfig& config, const std::string& name,
               const DeitAttention& attn, const std::string& in, const std::string& out) {
  torch::NoGradGuard no_grad;
  Value o = GraphBuilder::op("attention", name, in, out);
  o.set("heads", config.heads);
  if (!attn->binary()) {
    o.set("mode", "float");
    g.add(o);
    return;
  }
  o.set("mode", "binary");
  require_initialized(attn->query_binarizer->initialized, name + " (query binarizer)");
  require_initialized(attn->key_binarizer->initialized, name + " (key binarizer)");
  require_initialized(attn->attention_quantizer->initialized, name + " (attention quantizer)");
  require_initialized(attn->value_quantizer->initialized, name + " (value quantizer)");
  o.set("query_shift", g.tensor(name + ".query_shift", attn->query_binarizer->shift.reshape({-1})));
  o.set("key_shift", g.tensor(name + ".key_shift", attn->key_binarizer->shift.reshape({-1})));
  o.set("value_shift", g.tensor(name + ".value_shift", attn->value_shift.reshape({-1})));
  o.set("query_alpha", static_cast<double>(clamped_scale(attn->query_binarizer->alpha)));
  o.set("key_alpha", static_cast<double>(clamped_scale(attn->key_binarizer->alpha)));
  o.set("attention_scales", float_list(attn->attention_quantizer->alpha));
  o.set("attention_taus", double_list(attn->attention_quantizer->options.taus()));
  o.set("value_scales", float_list(attn->value_quantizer->beta));
  o.set("value_taus", double_list(attn->value_quantizer->options.taus()));
  o.set("scope", functional::to_string(attn->attention_quantizer->options.scope()));
  if (attn->attention_bias.defined()) {
    o.set("attention_bias", g.tensor(name + ".attention_bias", attn->attention_bias));
  }
  g.add(o);
}

}  // namespace

namespace {

std::string export_deit(Deit& deit, const BvitExportOptions& options) {
  const DeitConfig& c = deit.config;
  if (c.variant == DeitVariant::GsbStage1) {
    throw std::invalid_argument(
        "cannot export a GSB stage-1 model (float activations with binary "
        "weights and a BatchNorm patch embedding); export the stage-2 model");
  }
  GraphBuilder g;
  g.patch_embed("patch_embed", deit.patch_embed->proj, c.in_channels, c.image_size, "patches");
  {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> prefix{deit.cls_token.reshape({1, -1})};
    if (deit.dist_token.defined()) prefix.push_back(deit.dist_token.reshape({1, -1}));
    Value o = GraphBuilder::op("tokens", "tokens", "patches", "x");
    o.set("prefix", g.tensor("prefix_tokens", torch::cat(prefix)));
    o.set("pos_embed", g.tensor("pos_embed", deit.pos_embed.reshape({c.tokens(), c.embed_dim})));
    g.add(o);
  }
  for (size_t i = 0; i < deit.blocks->size(); ++i) {
    const auto block = deit.blocks->ptr(i)->as<DeitBlock>();
    const std::string p = "blocks." + std::to_string(i) + ".";
    g.layer_norm(p + "norm1", block->norm1, "x", "h");
    binary_linear(g, p + "attn.qkv", block->attn->qkv, "h", "qkv");
    attention(g, c, p + "attn", block->attn, "qkv", "context");
    binary_linear(g, p + "attn.proj", block->attn->proj, "context", "h");
    g.add(GraphBuilder::op("add", p + "residual1", bvit::names({"x", "h"}), "x"));
    g.layer_norm(p + "norm2", block->norm2, "x", "h");
    binary_linear(g, p + "mlp.fc1", block->mlp->fc1, "h", "hidden");
    Value gelu = GraphBuilder::op("gelu", p + "mlp.gelu", "hidden", "hidden");
    if (c.variant != DeitVariant::Float) gelu.set("clamp", 10.0);  // DeitMlp's clamp
    g.add(gelu);
    binary_linear(g, p + "mlp.fc2", block->mlp->fc2, "hidden", "h");
    g.add(GraphBuilder::op("add", p + "residual2", bvit::names({"x", "h"}), "x"));
  }
  g.layer_norm("norm", deit.norm, "x", "x");
  g.head("head", deit.head, 0, "x", "logits");
  std::string output = "logits";
  if (deit.head_dist) {
    g.head("head_dist", deit.head_dist, 1, "x", "logits_dist");
    g.add(GraphBuilder::op("mean", "heads_mean", bvit::names({"logits", "logits_dist"}), "output"));
    output = "output";
  }
  bvit::FileDescription d;
  d.family = "deit";
  d.variant = to_string(c.variant);
  d.config = runtime::json::parse(to_json(c).dump());
  d.image_size = c.image_size;
  d.in_channels = c.in_channels;
  d.num_classes = c.num_classes;
  d.tokens = c.tokens();
  d.embed_dim = c.embed_dim;
  return g.serialize(d, options, output);
}

}  // namespace

std::string export_bvit_bytes(ClassifierModel& model, const BvitExportOptions& options) {
  bvit::check_switches(model);
  if (auto* deit = dynamic_cast<Deit*>(&model)) return export_deit(*deit, options);
  if (auto* bhvit = dynamic_cast<Bhvit*>(&model)) return export_bhvit_bytes(*bhvit, options);
  throw std::invalid_argument("cannot export: only DeiT-family and BHViT models export to .bvit");
}

std::string export_bvit_bytes(SegmentationModel& model, const BvitExportOptions& options) {
  bvit::check_switches(model);
  if (auto* bhvit = dynamic_cast<BhvitSegmentation*>(&model)) {
    return export_bhvit_segmentation_bytes(*bhvit, options);
  }
  throw std::invalid_argument("cannot export: only BHViT segmentation models export to .bvit");
}

void export_bvit(ClassifierModel& model, const std::filesystem::path& path,
                 const BvitExportOptions& options) {
  runtime::write_file_atomically(path, export_bvit_bytes(model, options));
}

void export_bvit(SegmentationModel& model, const std::filesystem::path& path,
                 const BvitExportOptions& options) {
  runtime::write_file_atomically(path, export_bvit_bytes(model, options));
}

}  // namespace binvit::nn
