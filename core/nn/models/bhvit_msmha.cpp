#include "core/nn/models/bhvit_msmha.h"

#include "core/nn/functional/approx_sign.h"
#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/engine_layer_norm.h"
#include "core/nn/functional/qd_attention.h"
#include "core/nn/functional/token_layout.h"
#include "core/nn/layers/channel_param.h"
#include "core/nn/layers/token_batch_norm.h"
#include "core/nn/models/bhvit_layer_costs.h"

#include <cmath>

namespace binvit::nn {
namespace {

BinaryLayerWrapper projection(int64_t channels) {
  return BinaryLayerWrapper(BinaryLayerWrapperOptions(channels, channels).bias(false));
}

}  // namespace

BhvitMsmhaImpl::BhvitMsmhaImpl(const BhvitMsmhaOptions& options_) : options(options_) {
  const auto& o = options;
  TORCH_CHECK(o.channels() > 0 && o.heads() > 0 && o.channels() % o.heads() == 0,
              "MSMHA heads = ", o.heads(), " must divide channels = ", o.channels());
  TORCH_CHECK(o.window() > 0 && o.side() % o.window() == 0, "MSMHA window ", o.window(),
              " must divide the map side ", o.side());
  const int64_t c = o.channels();
  merge_weight = register_parameter("merge_weight", torch::full({c}, 0.5));
  token_norm = register_module("token_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c})));
  query = register_module("query", projection(c));
  key = register_module("key", projection(c));
  value = register_module("value", projection(c));
  query_shift = register_parameter("query_shift", torch::zeros({c}));
  key_shift = register_parameter("key_shift", torch::zeros({c}));
  value_shift = register_parameter("value_shift", torch::zeros({c}));
  attention_quantizer = register_module(
      "attention_quantizer", QdAttentionQuantizer(QdAttentionQuantizerOptions(o.heads()).levels(3)));
  context_norm = register_module("context_norm", torch::nn::BatchNorm1d(c));
  context_activation = register_module("context_activation", RPReLU(c));
  window_weight = register_parameter("window_weight", torch::full({c}, 0.5));
  output = register_module("output", projection(c));
  output_scale = register_module("output_scale", LayerScale(c, o.layer_scale_init()));
}

torch::Tensor BhvitMsmhaImpl::build_tokens(const torch::Tensor& map) {
  namespace F = torch::nn::functional;
  const int64_t w = options.window(), windows = options.windows();
  // Padding (w - 1) / 2 gives exactly side / w pooled cells (the released 3 for w = 7); the
  // average counts the zero padding, as released.
  const int64_t padding = (w - 1) / 2;
  const torch::Tensor pooled_max = functional::map_to_tokens(
      F::max_pool2d(map, F::MaxPool2dFuncOptions(w).stride(w).padding(padding)));
  const torch::Tensor pooled_mean = functional::map_to_tokens(
      F::avg_pool2d(map, F::AvgPool2dFuncOptions(w).stride(w).padding(padding)));
  const torch::Tensor a = along_channels(merge_weight, pooled_max, -1);
  const torch::Tensor merged = a * pooled_max + (1 - a) * pooled_mean;  // (B, windows, C)
  const torch::Tensor tokens =
      torch::cat({functional::split_windows(map, w), merged.repeat_interleave(windows, 0)}, 1);
  return functional::evaluation_exact_layer_norm(token_norm, tokens);
}

torch::Tensor BhvitMsmhaImpl::sign(const torch::Tensor& x) const {
  return quantization_enabled() ? functional::approx_sign(x) : x;
}

torch::Tensor BhvitMsmhaImpl::forward(const torch::Tensor& u) {
  const auto& o = options;
  const int64_t side = o.side(), w = o.window(), per_side = side / w;
  const int64_t images = u.size(0), c = o.channels(), h = o.heads(), d = o.head_dim();
  const torch::Tensor map = functional::tokens_to_map(u, side);
  const torch::Tensor tokens = build_tokens(map);  // (B windows, N', C)
  const int64_t rows = tokens.size(0), n = tokens.size(1);

  const torch::Tensor t_q = query->forward(tokens);
  const torch::Tensor t_k = key->forward(tokens);
  const torch::Tensor t_v = value->forward(tokens);
  const auto heads_first = [&](const torch::Tensor& t) {
    return t.reshape({rows, n, h, d}).permute({0, 2, 1, 3});  // (B', H, N', d)
  };
  const torch::Tensor q = heads_first(sign(t_q + query_shift));
  const torch::Tensor k = heads_first(sign(t_k + key_shift));
  const torch::Tensor v = heads_first(sign(t_v + value_shift));
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  const torch::Tensor probabilities =
      torch::softmax(torch::matmul(q, k.transpose(-2, -1)) * scale, -1);
  const torch::Tensor attention = attention_quantizer->forward(probabilities);
  if (capture() != nullptr) record(probabilities, attention, v, {t_q, t_k, t_v});
  torch::Tensor context = exact_context(probabilities, v);
  if (!context.defined()) context = torch::matmul(attention, v);
  context = context.permute({0, 2, 1, 3}).reshape({rows, n, c});
  context = context_activation->forward(batch_norm_tokens(context_norm, context) + t_q + t_k + t_v);

  const torch::Tensor local =
      functional::merge_windows(context.slice(1, 0, w * w), w, side);  // (B, C, side, side)
  const torch::Tensor global = context.slice(1, w * w)
                                   .reshape({images, o.windows(), per_side, per_side, c})
                                   .mean(1)
                                   .permute({0, 3, 1, 2})
                                   .repeat_interleave(w, 2)
                                   .repeat_interleave(w, 3);  // nearest upsampling by w
  const torch::Tensor p = along_channels(window_weight, local, 1);
  const torch::Tensor mixed = functional::map_to_tokens(p * local + (1 - p) * global);
  return output_scale->forward(output->forward(mixed));
}

torch::Tensor BhvitMsmhaImpl::exact_context(const torch::Tensor& probabilities,
                                            const torch::Tensor& value_signs) const {
  const auto& q = attention_quantizer;
  if (is_training() || torch::GradMode::is_enabled() || !quantization_enabled() ||
      !q->quantization_enabled()) {
    return {};
  }
  const torch::Tensor levels = functional::qd_levels(probabilities, q->alpha.detach(),
                                                     q->zero_point.detach(), q->options.levels());
  const torch::Tensor alpha = q->alpha.detach().clamp_min(functional::kMinScale).reshape({1, -1, 1, 1});
  return torch::matmul(levels, value_signs) * alpha;
}

void BhvitMsmhaImpl::record(const torch::Tensor& probabilities, const torch::Tensor& quantized,
                            const torch::Tensor& value_signs,
                            const std::vector<torch::Tensor>& projections) const {
  torch::NoGradGuard no_grad;
  AttentionRecord r;
  r.layer = capture_name();
  r.probabilities = probabilities.detach().clone();
  r.windows_per_image = options.windows();
  r.window_tokens = options.window() * options.window();
  r.value_signs = value_signs.detach().clone();
  if (quantization_enabled()) {
    const auto& q = attention_quantizer;
    r.quantized = quantized.detach().clone();
    r.qd_maps = functional::qd_binary_maps(probabilities.detach(), q->alpha.detach(),
                                           q->zero_point.detach(), q->options.levels());
    r.attention_scales = q->alpha.detach().clone();
    r.attention_zero_points = q->zero_point.detach().clone();
    r.query_input = projections.at(0).detach().clone();
    r.key_input = projections.at(1).detach().clone();
    r.value_input = projections.at(2).detach().clone();
  }
  capture()->attention.push_back(std::move(r));
}

void BhvitMsmhaImpl::add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const {
  const auto& o = options;
  const int64_t c = o.channels(), h = o.heads(), d = o.head_dim(), windows = o.windows();
  const int64_t n = o.window_tokens(), side = o.side();
  const int64_t positions = windows * n;  // token vectors per image after the token builder
  rows.push_back(plain_layer_cost(prefix + "tokens", "MergedTokens+LayerNorm",
                                  merge_weight.numel() + count_parameters(*token_norm), 0, 0, "A32",
                                  {windows, n, c}));
  rows.push_back(wrapped_linear_cost(prefix + "query", query, positions, {windows, n, c}));
  rows.push_back(wrapped_linear_cost(prefix + "key", key, positions, {windows, n, c}));
  rows.push_back(wrapped_linear_cost(prefix + "value", value, positions, {windows, n, c}));
  const auto product_macs = static_cast<double>(windows * h * n * n * d);
  rows.push_back(plain_layer_cost(prefix + "q.kT", "BinaryMatMul",
                                  query_shift.numel() + key_shift.numel(), 0, product_macs, "A1A1",
                                  {windows, h, n, n}));
  const int64_t levels = attention_quantizer->options.levels();
  rows.push_back(plain_layer_cost(prefix + "qd", "QdAttentionQuantizer",
                                  count_parameters(*attention_quantizer), 0, 0,
                                  "s=" + std::to_string(levels), {windows, h, n, n}));
  // QD turns A_q . V_b into `levels` binary products (ALGORITHMS.md 3.6).
  rows.push_back(plain_layer_cost(prefix + "A.V", "DecomposedMatMul", value_shift.numel(), 0,
                                  product_macs * static_cast<double>(levels),
                                  "A1A1x" + std::to_string(levels), {windows, n, c}));
  rows.push_back(plain_layer_cost(
      prefix + "context", "BatchNorm+RPReLU+WindowMerge",
      count_parameters(*context_norm) + count_parameters(*context_activation) +
          window_weight.numel(),
      0, 0, "A32", {c, side, side}));
  rows.push_back(wrapped_linear_cost(prefix + "output", output, side * side, {side * side, c}));
  rows.push_back(plain_layer_cost(prefix + "output_scale", "LayerScale",
                                  count_parameters(*output_scale), 0, 0, "A32", {side * side, c}));
}

}  // namespace binvit::nn
