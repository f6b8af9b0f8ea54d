#include "core/nn/export/bhvit_agreement.h"

#include "core/nn/export/trace_comparison.h"
#include "core/nn/functional/approx_sign.h"
#include "core/nn/layers/binarization_modes.h"
#include "core/nn/layers/binary_conv2d.h"
#include "core/nn/layers/binary_linear.h"
#include "core/nn/models/bhvit_msmha.h"

#include <stdexcept>

namespace binvit::nn {
namespace {

using detail::compare;
using detail::exact_matmul;
using detail::signs_of;

torch::Tensor weight_signs(const torch::Tensor& effective_weight) {
  return weight_signs_and_scales(effective_weight).first;
}

// The integer counts of a binary layer's product, from the captured binarized input.
torch::Tensor binary_product(const std::string& layer, const torch::nn::Module& module,
                             const torch::Tensor& binarized) {
  const torch::Tensor x = signs_of(binarized).to(torch::kDouble);
  if (const auto* conv = module.as<BinaryConv2dImpl>()) {
    namespace F = torch::nn::functional;
    const auto& o = conv->options;
    return F::conv2d(x, weight_signs(conv->effective_weight()).to(torch::kDouble),
                     F::Conv2dFuncOptions()
                         .stride(o.stride())
                         .padding(o.padding())
                         .dilation(o.dilation())
                         .groups(o.groups()));
  }
  if (const auto* linear = module.as<BinaryLinearImpl>()) {
    return exact_matmul(x.reshape({-1, x.size(-1)}), weight_signs(linear->effective_weight()).t());
  }
  throw std::runtime_error("captured activations of '" + layer +
                           "', which is neither a binary linear nor a binary convolution");
}

void compare_attention(const BhvitMsmhaImpl& attention, const AttentionRecord& r,
                       const runtime::engine::Trace& trace, std::vector<LayerAgreement>& layers) {
  const int64_t rows = r.query_input.size(0), n = r.query_input.size(1);
  const int64_t heads = attention.options.heads(), d = attention.options.head_dim();
  const auto signs = [&](const torch::Tensor& projection, const torch::Tensor& shift) {
    return functional::approx_sign(projection + shift)
        .reshape({rows, n, heads, d})
        .permute({0, 2, 1, 3});  // (B', H, N, d), the engine's trace layout
  };
  const torch::Tensor q = signs(r.query_input, attention.query_shift);
  const torch::Tensor k = signs(r.key_input, attention.key_shift);
  compare(layers, trace, r.layer + ".query", q, true);
  compare(layers, trace, r.layer + ".key", k, true);
  compare(layers, trace, r.layer + ".scores", exact_matmul(q, k.transpose(-2, -1)), false);
  compare(layers, trace, r.layer + ".value_sign", r.value_signs, true);
  for (int64_t s = 0; s < r.qd_maps.size(0); ++s) {
    const std::string level = std::to_string(s + 1);
    compare(layers, trace, r.layer + ".qd_map." + level, r.qd_maps[s], true);
    compare(layers, trace, r.layer + ".values." + level, exact_matmul(r.qd_maps[s], r.value_signs),
            false);
  }
}

}  // namespace

void compare_bhvit_traces(torch::nn::Module& model, const InspectionCapture& capture,
                          const runtime::engine::Trace& trace,
                          std::vector<LayerAgreement>& layers) {
  const auto modules = model.named_modules();
  for (const ActivationRecord& record : capture.activations) {
    compare(layers, trace, record.layer + ".input", record.binarized, true);
    compare(layers, trace, record.layer + ".product",
            binary_product(record.layer, *modules[record.layer], record.binarized), false);
  }
  for (const AttentionRecord& record : capture.attention) {
    if (!record.quantized.defined()) continue;  // a float attention: nothing binarized
    compare_attention(*modules[record.layer]->as<BhvitMsmhaImpl>(), record, trace, layers);
  }
}

std::map<std::string, torch::Tensor> bhvit_engine_inputs(const InspectionCapture& capture) {
  std::map<std::string, torch::Tensor> inputs;
  for (const ActivationRecord& record : capture.activations) {
    // The engine keeps maps as (B H W, C): channels last.
    inputs[record.layer] =
        record.input.dim() == 4 ? record.input.permute({0, 2, 3, 1}) : record.input;
  }
  for (const AttentionRecord& record : capture.attention) {
    if (!record.quantized.defined()) continue;
    inputs[record.layer + ".query_input"] = record.query_input;
    inputs[record.layer + ".key_input"] = record.key_input;
    inputs[record.layer + ".value_input"] = record.value_input;
  }
  return inputs;
}

}  // namespace binvit::nn
