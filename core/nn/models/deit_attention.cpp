#include "core/nn/models/deit_attention.h"

#include "core/nn/functional/group_superposition.h"
#include "core/nn/functional/sign.h"
#include "core/nn/functional/superposed_product.h"
#include "core/nn/functional/threshold_scope.h"

#include <cmath>

namespace binvit::nn {
namespace {

BinaryLinearOptions projection_options(const DeitConfig& c, int64_t in, int64_t out) {
  const bool binary = c.variant == DeitVariant::Baseline || c.variant == DeitVariant::Gsb;
  return BinaryLinearOptions(in, out)
      .weight_mode(binary ? parse_weight_binarization(c.weight_binarization)
                          : WeightBinarization::Float)
      .activation_mode(binary ? ActivationBinarization::ElasticSigned
                              : ActivationBinarization::Float);
}

}  // namespace

DeitAttentionImpl::DeitAttentionImpl(const DeitConfig& config_) : config(config_) {
  const int64_t c = config.embed_dim;
  qkv = register_module("qkv", BinaryLinear(projection_options(config, c, 3 * c)));
  proj = register_module("proj", BinaryLinear(projection_options(config, c, c)));
  if (config.variant != DeitVariant::Baseline && config.variant != DeitVariant::Gsb) return;

  const std::vector<int64_t> per_head{config.heads, 1, config.head_dim()};
  query_binarizer = register_module(
      "query_binarizer", ElasticBinarizer(ElasticBinarizerOptions().shift_shape(per_head)));
  key_binarizer = register_module(
      "key_binarizer", ElasticBinarizer(ElasticBinarizerOptions().shift_shape(per_head)));
  value_shift = register_parameter("value_shift", torch::zeros(per_head));

  // The baseline is the one-component case of both quantizers: {0, alpha} attention, sign V.
  const bool gsb = config.variant == DeitVariant::Gsb;
  const auto superposition = [&](int64_t components, const std::vector<double>& taus) {
    return SuperpositionOptions()
        .components(gsb ? components : 1)
        .taus(gsb ? taus : std::vector<double>{})
        .scope(functional::parse_threshold_scope(config.threshold_scope))
        .released_init(config.released_init);
  };
  value_quantizer = register_module(
      "value_quantizer",
      GsbValueQuantizer(superposition(config.value_components, config.value_taus)));
  attention_quantizer = register_module(
      "attention_quantizer",
      GsbAttentionQuantizer(superposition(config.attention_components, config.attention_taus)));
  if (gsb && config.post_softmax_bias) {
    attention_bias = register_parameter(
        "attention_bias", torch::zeros({config.heads, config.tokens(), config.tokens()}));
  }
}

torch::Tensor DeitAttentionImpl::forward(const torch::Tensor& x) {
  const int64_t batch = x.size(0), tokens = x.size(1), channels = x.size(2);
  const auto parts = qkv->forward(x)
                         .reshape({batch, tokens, 3, config.heads, config.head_dim()})
                         .permute({2, 0, 3, 1, 4});
  torch::Tensor q = parts[0], k = parts[1], v = parts[2];  // (B, H, N, d)
  if (binary()) {
    q = query_binarizer->forward(q);
    k = key_binarizer->forward(k);
  }
  const double scale = 1.0 / std::sqrt(static_cast<double>(config.head_dim()));
  const torch::Tensor probabilities =
      torch::softmax(torch::matmul(q, k.transpose(-2, -1)) * scale, -1);
  torch::Tensor product;
  if (binary()) {
    const torch::Tensor biased = attention_bias.defined() ? probabilities + attention_bias
                                                          : probabilities;
    const torch::Tensor shifted_value = v + value_shift;
    if (is_training()) {
      // Training: the float matmul of the superposed levels. Its rounding residues (~1e-9 where
      // the exact value is 0) do not matter to the gradient, and the exact product below costs
      // about a third of a GSB step with 66 tokens (bench_training_step).
      const torch::Tensor attention = attention_quantizer->forward(biased);
      const torch::Tensor value = value_quantizer->forward(shifted_value);
      if (capture() != nullptr) record(probabilities, biased, attention, shifted_value);
      product = torch::matmul(attention, value);
    } else {
      const functional::Superposed attention = attention_quantizer->superpose(biased);
      const functional::Superposed value = value_quantizer->superpose(shifted_value);
      if (capture() != nullptr) record(probabilities, biased, attention.value, shifted_value);
      // Evaluation, export checks, inspection: from the integer products of the parts, as the
      // packed engine computes it, not as a float matmul of the superposed levels (whose rounding
      // residues flip proj's sign bits).
      product = functional::superposed_matmul(attention, value);
    }
  } else {
    if (capture() != nullptr) record(probabilities, {}, {}, {});
    product = torch::matmul(probabilities, v);
  }
  const torch::Tensor context = product.transpose(1, 2).reshape({batch, tokens, channels});
  return proj->forward(context);
}

void DeitAttentionImpl::record(const torch::Tensor& probabilities,
                               const torch::Tensor& shifted_attention,
                               const torch::Tensor& quantized,
                               const torch::Tensor& shifted_value) const {
  torch::NoGradGuard no_grad;
  AttentionRecord r;
  r.layer = capture_name();
  r.probabilities = probabilities.detach().clone();
  if (quantized.defined()) {
    const auto& a = attention_quantizer->options;
    const auto& v = value_quantizer->options;
    const torch::Tensor a1 = attention_quantizer->alpha.detach()[0].clamp_min(1e-5);
    r.quantized = quantized.detach().clone();
    r.base_map = functional::round_half_up(shifted_attention.detach() / a1).clamp(0, 1);
    r.attention_masks = functional::attention_masks(shifted_attention, a.taus(), a.scope());
    r.value_signs = functional::binary_sign(shifted_value.detach());
    r.value_groups = functional::value_groups(shifted_value, v.taus(), v.scope());
    r.attention_scales = attention_quantizer->alpha.detach().clone();
    r.value_scales = value_quantizer->beta.detach().clone();
  }
  capture()->attention.push_back(std::move(r));
}

void DeitAttentionImpl::add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const {
  const int64_t n = config.tokens(), c = config.embed_dim, h = config.heads, d = config.head_dim();
  const int bits = binary() ? 1 : 32;
  const auto linear_row = [&](const char* name, const BinaryLinear& layer, int64_t out) {
    rows.push_back(weighted_layer_cost(prefix + name, "BinaryLinear", *layer, layer->weight,
                                       bit_width(layer->options.weight_mode()),
                                       bit_width(layer->options.activation_mode()),
                                       static_cast<double>(n * c * out), {n, out}));
  };
  linear_row("qkv", qkv, 3 * c);

  const auto product_macs = static_cast<double>(h * n * n * d);
  const int64_t qk_params =
      binary() ? count_parameters(*query_binarizer) + count_parameters(*key_binarizer) : 0;
  rows.push_back(plain_layer_cost(prefix + "q.kT", binary() ? "BinaryMatMul" : "MatMul", qk_params,
                                  binary() ? 0 : product_macs, binary() ? product_macs : 0,
                                  bits == 1 ? "A1A1" : "A32A32", {h, n, n}));
  if (binary()) {
    const int64_t p_params = attention_bias.defined() ? attention_bias.numel() : 0;
    const int64_t components = attention_quantizer->options.components();
    rows.push_back(plain_layer_cost(prefix + "attention_quantizer",
                                    components > 1 ? "GsbAttentionQuantizer" : "AttentionBinarizer",
                                    count_parameters(*attention_quantizer) + p_params, 0, 0,
                                    "K=" + std::to_string(components), {h, n, n}));
  }
  // A_q . V_q is a sum of K_a x K_v binary (or ternary) products, each run by the engine.
  const int64_t products = binary() ? attention_quantizer->options.components() *
                                          value_quantizer->options.components()
                                    : 1;
  const int64_t av_params = binary() ? value_shift.numel() + count_parameters(*value_quantizer) : 0;
  rows.push_back(plain_layer_cost(prefix + "A.V", binary() ? "SuperposedMatMul" : "MatMul",
                                  av_params, binary() ? 0 : product_macs,
                                  binary() ? product_macs * static_cast<double>(products) : 0,
                                  bits == 1 ? "A1A1x" + std::to_string(products) : "A32A32",
                                  {n, c}));
  linear_row("proj", proj, c);
}

}  // namespace binvit::nn
