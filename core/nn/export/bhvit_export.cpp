#include "core/nn/export/bhvit_export.h"

#include "core/nn/export/graph_builder.h"
#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/layers/token_batch_norm.h"
#include "core/nn/models/bhvit_backbone.h"
#include "core/nn/models/bhvit_block.h"
#include "core/nn/models/bhvit_downsampling.h"
#include "core/nn/models/bhvit_msgdc.h"
#include "core/nn/models/bhvit_msmha.h"
#include "core/nn/models/bhvit_segmentation.h"
#include "core/nn/models/bhvit_shift_branches.h"
#include "core/nn/models/bhvit_stem.h"
#include "core/runtime/json/json_parser.h"
#include "core/runtime/kernels/binary_conv.h"

#include <functional>
#include <stdexcept>

namespace binvit::nn {
namespace {

using bvit::GraphBuilder;
using bvit::names;
using bvit::Value;

void require_sign_layer(const std::string& name, WeightBinarization weights,
                        ActivationBinarization activations) {
  if (weights != WeightBinarization::CentredSign ||
      activations != ActivationBinarization::ApproxSign) {
    throw std::invalid_argument("cannot export layer " + name +
                                ": the engine runs BHViT's binary "
                                "layers with centred-sign weights and ApproxSign inputs");
  }
}

class BhvitGraph {
 public:
  explicit BhvitGraph(const BhvitConfig& config) : config_(config) {}

  GraphBuilder& builder() { return g_; }

  void affine(const std::string& name, const torch::Tensor& scale, const torch::Tensor& shift,
              const std::string& in, const std::string& out) {
    Value o = GraphBuilder::op("channel_affine", name, in, out);
    if (scale.defined()) o.set("scale", g_.tensor(name + ".scale", scale.reshape({-1})));
    if (shift.defined()) o.set("shift", g_.tensor(name + ".shift", shift.reshape({-1})));
    g_.add(o);
  }
  template <typename Norm>
  void batch_norm(const std::string& name, const Norm& norm, const std::string& in,
                  const std::string& out) {
    const FoldedBatchNorm folded = fold_batch_norm(norm);
    affine(name, folded.scale, folded.shift, in, out);
  }
  void layer_scale(const std::string& name, const LayerScale& scale, const std::string& in,
                   const std::string& out) {
    affine(name, scale->scale, scale->shift, in, out);
  }
  void rprelu(const std::string& name, const RPReLUImpl& act, const std::string& in,
              const std::string& out) {
    Value o = GraphBuilder::op("rprelu", name, in, out);
    o.set("gamma", g_.tensor(name + ".gamma", act.gamma));
    o.set("slope", g_.tensor(name + ".slope", act.slope));
    o.set("zeta", g_.tensor(name + ".zeta", act.zeta));
    g_.add(o);
  }
  void add(const std::string& name, const std::string& a, const std::string& b,
           const std::string& out) {
    g_.add(GraphBuilder::op("add", name, names({a, b}), out));
  }
  void position(const std::string& name, const torch::Tensor& tokens, const std::string& in,
                const std::string& out) {
    Value o = GraphBuilder::op("tokens", name, in, out);
    o.set("pos_embed", g_.tensor(name, tokens));
    g_.add(o);
  }

  void binary_linear(const std::string& name, const BinaryLinear& layer, const std::string& in,
                     const std::string& out) {
    torch::NoGradGuard no_grad;
    require_sign_layer(name, layer->options.weight_mode(), layer->options.activation_mode());
    const auto [signs, scales] = weight_signs_and_scales(layer->effective_weight());
    const int64_t rows = signs.size(0);
    const std::string bits = g_.packed_signs(name + ".weight_bits", signs);
    Value o = GraphBuilder::op("binary_linear", name, in, out);
    o.set("input", "signed");
    o.set("alpha", 1.0);
    o.set("weight", bits);
    o.set("scale", g_.tensor(name + ".scale", scales));
    o.set("bias",
          g_.tensor(name + ".bias", layer->bias.defined() ? layer->bias : torch::zeros({rows})));
    g_.add(o);
  }

  // y = RPReLU(Norm(BinLinear(x + b)) + shortcut(x)) (layers/binary_layer_wrapper.h).
  void wrapper(const std::string& name, const BinaryLayerWrapper& w, const std::string& in,
               const std::string& out) {
    const std::string t = out + "_wrap";
    affine(name + ".shift", {}, w->shift, in, t);
    binary_linear(name + ".linear", w->linear, t, t);
    batch_norm(name + ".norm", w->norm, t, t);
    g_.add(GraphBuilder::op("shortcut_add", name + ".shortcut", names({t, in}), t));
    rprelu(name + ".activation", *w->activation, t, out);
  }

  void binary_conv(const std::string& name, const BinaryConv2dImpl& conv, int64_t side,
                   const std::string& in, const std::string& out) {
    torch::NoGradGuard no_grad;
    const auto& o = conv.options;
    require_sign_layer(name, o.weight_mode(), o.activation_mode());
    const auto [signs, scales] = weight_signs_and_scales(conv.effective_weight());
    runtime::kernels::ConvShape shape;
    shape.height = shape.width = static_cast<std::size_t>(side);
    shape.in_channels = static_cast<std::size_t>(o.in_channels());
    shape.out_channels = static_cast<std::size_t>(o.out_channels());
    shape.groups = static_cast<std::size_t>(o.groups());
    shape.kernel_height = shape.kernel_width = static_cast<std::size_t>(o.kernel_size());
    shape.stride = static_cast<std::size_t>(o.stride());
    shape.dilation = static_cast<std::size_t>(o.dilation());
    shape.padding = static_cast<std::size_t>(o.padding());
    const torch::Tensor w = signs.contiguous();
    const auto packed = runtime::kernels::pack_conv_weights(shape, w.data_ptr<float>());
    g_.writer().add_u64(name + ".weight_bits",
                        {static_cast<std::uint64_t>(shape.out_channels), shape.weight_words()},
                        packed.bits);
    Value op = GraphBuilder::op("binary_conv2d", name, in, out);
    op.set("side", side);
    op.set("out_channels", o.out_channels());
    op.set("groups", o.groups());
    op.set("kernel", o.kernel_size());
    op.set("stride", o.stride());
    op.set("dilation", o.dilation());
    op.set("padding", o.padding());
    op.set("weight", name + ".weight_bits");
    op.set("scale", g_.tensor(name + ".scale", scales));
    if (conv.bias.defined()) op.set("bias", g_.tensor(name + ".bias", conv.bias));
    g_.add(op);
  }

  // A float torch Conv2d (square kernel, any stride and padding) on a side x side map.
  void float_conv(const std::string& name, const torch::nn::Conv2dImpl& conv, int64_t side,
                  const std::string& in, const std::string& out) {
    const auto& o = conv.options;
    Value op = GraphBuilder::op("conv2d", name, in, out);
    op.set("side", side);
    op.set("kernel", o.kernel_size()->at(0));
    op.set("stride", o.stride()->at(0));
    op.set("padding", c10::get<torch::ExpandingArray<2>>(o.padding())->at(0));
    op.set("weight", g_.tensor(name + ".weight", conv.weight));
    if (conv.bias.defined()) op.set("bias", g_.tensor(name + ".bias", conv.bias));
    g_.add(op);
  }

  // The stem, every stage and every downsampling, with the map in buffer "x"; after each stage
  // `stage_output(s)` may add ops that read it.
  void backbone(const BhvitBackbone& backbone,
                const std::function<void(size_t stage)>& stage_output = nullptr) {
    stem(backbone->stem);
    for (size_t s = 0; s < backbone->stages->size(); ++s) {
      const auto& blocks = *backbone->stages->ptr(s)->as<torch::nn::ModuleList>();
      for (size_t i = 0; i < blocks.size(); ++i) {
        block("backbone.stages." + std::to_string(s) + "." + std::to_string(i) + ".",
              *blocks.ptr(i)->as<BhvitBlock>());
      }
      if (stage_output) stage_output(s);
      if (s < backbone->downsampling->size()) {
        downsampling("backbone.downsampling." + std::to_string(s) + ".",
                     *backbone->downsampling->ptr(s)->as<BhvitDownsampling>());
      }
    }
  }

  void stem(const BhvitStem& stem) {
    g_.patch_embed("backbone.stem.proj", stem->proj, config_.in_channels, config_.image_size, "x");
    batch_norm("backbone.stem.norm", stem->norm, "x", "x");
    g_.add(GraphBuilder::op("gelu", "backbone.stem.gelu", "x", "x"));
    const int64_t c = config_.dims.at(0);
    position("backbone.stem.position", stem->position.reshape({c, -1}).t(), "x", "x");
  }

  void msgdc(const std::string& p, const BhvitMsgdc& m, int64_t side) {
    affine(p + "shift", {}, m->shift, "u", "shifted");
    for (size_t j = 0; j < m->convs->size(); ++j) {
      const std::string branch = j == 0 ? "mix" : "branch";
      binary_conv(p + "convs." + std::to_string(j), *m->convs->ptr(j)->as<BinaryConv2d>(), side,
                  "shifted", branch);
      rprelu(p + "activations." + std::to_string(j), *m->activations->ptr(j)->as<RPReLU>(), branch,
             branch);
      if (j > 0) add(p + "sum." + std::to_string(j), "mix", branch, "mix");
    }
    batch_norm(p + "norm", m->norm, "mix", "mixer");
  }

  void block(const std::string& p, const BhvitBlockImpl& b) {
    batch_norm(p + "norm_before", b.norm_before, "x", "u");
    if (b.msgdc) {
      msgdc(p + "msgdc.", b.msgdc, b.side);
    } else {
      msmha(p + "attention.", b.attention);
    }
    add(p + "residual", "x", "mixer", "h");
    batch_norm(p + "norm_after", b.norm_after, "h", "u");
    wrapper(p + "mlp.expand", b.mlp->expand, "u", "hidden");
    wrapper(p + "mlp.reduce", b.mlp->reduce, "hidden", "m");
    layer_scale(p + "mlp.scale", b.mlp->scale, "m", "m");
    add(p + "mlp.residual", "h", "m", "x");
    if (b.shifts) {
      const auto& s = b.shifts;
      Value o = GraphBuilder::op("shift_branches", p + "shifts", "u", "m");
      o.set("side", b.side);
      const std::vector<LayerScale> order{s->h3, s->w3, s->c3, s->h5, s->w5, s->c5};
      std::vector<torch::Tensor> scales, shifts;
      for (const LayerScale& l : order) {
        scales.push_back(l->scale.detach());
        shifts.push_back(l->shift.detach());
      }
      o.set("scales", g_.tensor(p + "shifts.scales", torch::stack(scales)));
      o.set("shifts", g_.tensor(p + "shifts.shifts", torch::stack(shifts)));
      g_.add(o);
      add(p + "shifts.residual", "x", "m", "x");
    }
  }

  void downsampling(const std::string& p, const BhvitDownsamplingImpl& d) {
    torch::NoGradGuard no_grad;
    batch_norm(p + "norm_in", d.norm_in, "x", "d");
    if (d.binary()) {
      Value pool = GraphBuilder::op("avg_pool", p + "pool", "d", "pooled");
      pool.set("side", d.side);
      pool.set("size", 2);
      g_.add(pool);
      affine(p + "shift", {}, d.shift, "d", "d");
      binary_conv(p + "conv", *d.binary_conv, d.side, "d", "x");
      batch_norm(p + "norm", d.norm, "x", "x");
      g_.add(GraphBuilder::op("shortcut_add", p + "shortcut", names({"x", "pooled"}), "x"));
      rprelu(p + "activation", *d.activation, "x", "x");
    } else {
      Value conv = GraphBuilder::op("patch_conv", p + "conv", "d", "x");
      conv.set("side", d.side);
      conv.set("patch", 2);
      conv.set("weight", g_.tensor(p + "conv.weight", d.float_conv->weight));
      g_.add(conv);
      batch_norm(p + "norm", d.norm, "x", "x");
    }
    position(p + "position", d.position.reshape({-1, d.out_channels}), "x", "x");
  }

  void msmha(const std::string& p, const BhvitMsmha& a) {
    torch::NoGradGuard no_grad;
    const auto& o = a->options;
    Value tokens = GraphBuilder::op("window_tokens", p + "tokens", "u", "tok");
    tokens.set("side", o.side());
    tokens.set("window", o.window());
    tokens.set("merge_weight", g_.tensor(p + "merge_weight", a->merge_weight));
    g_.add(tokens);
    g_.layer_norm(p + "token_norm", a->token_norm, "tok", "tok");
    wrapper(p + "query", a->query, "tok", "tq");
    wrapper(p + "key", a->key, "tok", "tk");
    wrapper(p + "value", a->value, "tok", "tv");
    const auto& q = a->attention_quantizer;
    bvit::require_initialized(q->initialized, p + "attention_quantizer");
    Value qd = GraphBuilder::op("qd_attention", p.substr(0, p.size() - 1),
                                names({"tq", "tk", "tv"}), "ctx");
    qd.set("heads", o.heads());
    qd.set("sequence", o.window_tokens());
    qd.set("levels", q->options.levels());
    qd.set("query_shift", g_.tensor(p + "query_shift", a->query_shift));
    qd.set("key_shift", g_.tensor(p + "key_shift", a->key_shift));
    qd.set("value_shift", g_.tensor(p + "value_shift", a->value_shift));
    qd.set("alpha",
           g_.tensor(p + "attention_quantizer.alpha", q->alpha.clamp_min(functional::kMinScale)));
    qd.set("zero_point", g_.tensor(p + "attention_quantizer.zero_point", q->zero_point));
    g_.add(qd);
    batch_norm(p + "context_norm", a->context_norm, "ctx", "ctx");
    add(p + "context.q", "ctx", "tq", "ctx");
    add(p + "context.k", "ctx", "tk", "ctx");
    add(p + "context.v", "ctx", "tv", "ctx");
    rprelu(p + "context_activation", *a->context_activation, "ctx", "ctx");
    Value merge = GraphBuilder::op("window_merge", p + "merge", "ctx", "merged");
    merge.set("side", o.side());
    merge.set("window", o.window());
    merge.set("window_weight", g_.tensor(p + "window_weight", a->window_weight));
    g_.add(merge);
    wrapper(p + "output", a->output, "merged", "mixer");
    layer_scale(p + "output_scale", a->output_scale, "mixer", "mixer");
  }

 private:
  BhvitConfig config_;
  GraphBuilder g_;
};

// What the header records of a BHViT backbone's model.
bvit::FileDescription describe(const BhvitConfig& c, const std::string& family,
                               const nlohmann::json& config) {
  bvit::FileDescription d;
  d.family = family;
  d.variant = c.float_downsampling ? "float-downsampling" : "binary";
  d.config = runtime::json::parse(config.dump());
  d.image_size = c.image_size;
  d.in_channels = c.in_channels;
  d.num_classes = c.num_classes;
  d.tokens = c.tokens(0);
  d.embed_dim = c.dims.at(0);
  return d;
}

}  // namespace

std::string export_bhvit_bytes(Bhvit& model, const BvitExportOptions& options) {
  const BhvitConfig& c = model.config;
  BhvitGraph graph(c);
  graph.backbone(model.backbone);
  graph.batch_norm("norm", model.norm, "x", "x");
  graph.builder().add(GraphBuilder::op("token_mean", "pool", "x", "pooled"));
  graph.builder().head("head", model.head, -1, "pooled", "logits");
  return graph.builder().serialize(describe(c, "bhvit", to_json(c)), options, "logits");
}

std::string export_bhvit_segmentation_bytes(BhvitSegmentation& model,
                                            const BvitExportOptions& options) {
  torch::NoGradGuard no_grad;
  const BhvitConfig& c = model.config.backbone;
  BhvitGraph graph(c);
  GraphBuilder& g = graph.builder();
  // Each stage's lateral 1x1 conv runs as soon as the stage is done, before "x" moves on.
  graph.backbone(model.backbone, [&](size_t s) {
    graph.float_conv("lateral." + std::to_string(s),
                     *model.lateral->ptr(s)->as<torch::nn::Conv2dImpl>(),
                     c.map_side(static_cast<int64_t>(s)), "x", "lateral." + std::to_string(s));
  });
  std::string top = "lateral." + std::to_string(c.stages() - 1);
  for (int64_t s = c.stages() - 2; s >= 0; --s) {
    const std::string name = "top_down." + std::to_string(s);
    Value up = GraphBuilder::op("upsample_nearest", name + ".upsample", top, name + ".upsampled");
    up.set("side", c.map_side(s + 1));
    up.set("factor", 2);
    g.add(up);
    graph.add(name, "lateral." + std::to_string(s), name + ".upsampled", "top_down");
    top = "top_down";
  }
  const int64_t side = c.map_side(0);
  graph.float_conv("fuse", *model.fuse, side, top, "fused");
  graph.batch_norm("fuse_norm", model.fuse_norm, "fused", "fused");
  g.add(GraphBuilder::op("relu", "fuse_relu", "fused", "fused"));
  graph.float_conv("classifier", *model.classifier, side, "fused", "classes");
  Value resize = GraphBuilder::op("resize_bilinear", "upsample", "classes", "logits");
  resize.set("side", side);
  resize.set("size", c.image_size);
  g.add(resize);
  return g.serialize(describe(c, "bhvit-seg", to_json(model.config)), options, "logits",
                     "segmentation");
}

}  // namespace binvit::nn
