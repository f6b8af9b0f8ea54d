#include "core/nn/export/engine_agreement.h"

#include "core/nn/export/bhvit_agreement.h"
#include "core/nn/export/trace_comparison.h"
#include "core/nn/inspection_capture.h"
#include "core/nn/models/bhvit_segmentation.h"
#include "core/nn/models/deit.h"

#include <functional>
#include <map>
#include <stdexcept>

namespace binvit::nn {
namespace {

using detail::compare;
using detail::exact_matmul;
using detail::signs_of;
using runtime::engine::Trace;

// The qkv output the attention of `layer` saw: the model's own linear on the captured binarized
// input (the same op on the same values, so the same bits).
torch::Tensor attention_input(Deit& model, const InspectionCapture& capture,
                              const std::string& layer) {
  for (const ActivationRecord& a : capture.activations) {
    if (a.layer != layer + ".qkv") continue;
    auto* attn = model.named_modules()[layer]->as<DeitAttentionImpl>();
    return torch::nn::functional::linear(
        a.binarized, attn->qkv->effective_weight(),
        attn->qkv->bias.defined() ? attn->qkv->bias : torch::Tensor());
  }
  throw std::runtime_error("no captured input for " + layer + ".qkv");
}

// Compares a trace with the model's capture, layer by layer, into `layers`.
void compare_traces(Deit& model, const InspectionCapture& capture, const Trace& trace,
                    std::vector<LayerAgreement>& layers) {
  const DeitConfig& c = model.config;
  // Binary linear inputs and their integer products.
  for (const ActivationRecord& record : capture.activations) {
    compare(layers, trace, record.layer + ".input", record.binarized, true);
    const auto* linear = model.named_modules()[record.layer]->as<BinaryLinearImpl>();
    const torch::Tensor weight_signs = signs_of(linear->effective_weight());
    const torch::Tensor x = signs_of(record.binarized).reshape({-1, record.binarized.size(-1)});
    compare(layers, trace, record.layer + ".product", exact_matmul(x, weight_signs.t()), false);
  }
  // Attention: q/k signs and Q.K^T recomputed from the captured qkv input; maps, values, A.V terms.
  for (const AttentionRecord& record : capture.attention) {
    if (!record.quantized.defined()) continue;
    auto* attn = model.named_modules()[record.layer]->as<DeitAttentionImpl>();
    const torch::Tensor qkv = attention_input(model, capture, record.layer);
    const int64_t b = qkv.size(0), n = qkv.size(1);
    const auto parts = qkv.reshape({b, n, 3, c.heads, c.head_dim()}).permute({2, 0, 3, 1, 4});
    const torch::Tensor q = signs_of(attn->query_binarizer->forward(parts[0]));
    const torch::Tensor k = signs_of(attn->key_binarizer->forward(parts[1]));
    compare(layers, trace, record.layer + ".query", q, true);
    compare(layers, trace, record.layer + ".key", k, true);
    compare(layers, trace, record.layer + ".scores", exact_matmul(q, k.transpose(-2, -1)), false);

    std::vector<torch::Tensor> maps{record.base_map};
    for (int64_t i = 0; i < record.attention_masks.size(0); ++i)
      maps.push_back(record.attention_masks[i]);
    std::vector<torch::Tensor> values{record.value_signs};
    for (int64_t j = 0; j < record.value_groups.size(0); ++j) {
      values.push_back(record.value_signs * record.value_groups[j]);
    }
    for (size_t i = 0; i < maps.size(); ++i) {
      compare(layers, trace, record.layer + ".attention_map." + std::to_string(i), maps[i], true);
    }
    compare(layers, trace, record.layer + ".value_sign", record.value_signs, true);
    for (int64_t j = 0; j < record.value_groups.size(0); ++j) {
      compare(layers, trace, record.layer + ".value_group." + std::to_string(j + 1),
              record.value_groups[j], true);
    }
    for (size_t i = 0; i < maps.size(); ++i) {
      for (size_t j = 0; j < values.size(); ++j) {
        compare(layers, trace,
                record.layer + ".values." + std::to_string(i) + "." + std::to_string(j),
                exact_matmul(maps[i], values[j]), false);
      }
    }
  }
}

// The model's input of every binarizing engine op: binary linears and binary attentions.
std::map<std::string, torch::Tensor> deit_engine_inputs(Deit& model,
                                                        const InspectionCapture& capture) {
  std::map<std::string, torch::Tensor> inputs;
  for (const ActivationRecord& record : capture.activations) inputs[record.layer] = record.input;
  for (const AttentionRecord& record : capture.attention) {
    if (record.quantized.defined())
      inputs[record.layer] = attention_input(model, capture, record.layer);
  }
  return inputs;
}

}  // namespace

int64_t AgreementReport::differing_bits() const {
  int64_t n = 0;
  for (const LayerAgreement& l : layers) n += l.bits ? l.differing : 0;
  return n;
}

int64_t AgreementReport::differing_counts() const {
  int64_t n = 0;
  for (const LayerAgreement& l : layers) n += l.bits ? 0 : l.differing;
  return n;
}

int64_t AgreementReport::layerwise_differing() const {
  int64_t n = 0;
  for (const LayerAgreement& l : layerwise) n += l.differing;
  return n;
}

bool AgreementReport::passes() const {
  return differing_bits() == 0 && differing_counts() == 0 && layerwise_differing() == 0 &&
         max_relative_difference <= 1e-4 &&
         (pixels > 0 ? pixel_agreement() : top1_agreement()) >= 0.999;
}

double relative_difference(const torch::Tensor& engine_logits, const torch::Tensor& model_logits) {
  const double scale = model_logits.abs().max().item<double>();
  const double diff = (engine_logits - model_logits).abs().max().item<double>();
  return diff / std::max(scale, 1e-30);
}

namespace {

// How an engine trace maps onto one model family's capture, and the model's input of every
// binarizing op for the layer-by-layer pass.
struct FamilyMapping {
  std::function<void(const Trace&, std::vector<LayerAgreement>&)> compare_trace;
  std::map<std::string, torch::Tensor> inputs;
};

FamilyMapping mapping_for(torch::nn::Module& model, const InspectionCapture& capture) {
  FamilyMapping m;
  if (auto* deit = dynamic_cast<Deit*>(&model)) {
    m.compare_trace = [&capture, deit](const Trace& t, std::vector<LayerAgreement>& rows) {
      compare_traces(*deit, capture, t, rows);
    };
    m.inputs = deit_engine_inputs(*deit, capture);
  } else if (dynamic_cast<Bhvit*>(&model) != nullptr ||
             dynamic_cast<BhvitSegmentation*>(&model) != nullptr) {
    m.compare_trace = [&capture, &model](const Trace& t, std::vector<LayerAgreement>& rows) {
      compare_bhvit_traces(model, capture, t, rows);
    };
    m.inputs = bhvit_engine_inputs(capture);
  } else {
    throw std::invalid_argument("engine verification knows no layer mapping for this model type");
  }
  return m;
}

// Runs `forward` with the capture on, the engine on its own and layer by layer; adds the
// per-layer rows to `report` and returns the model's and the engine's outputs, both in the
// engine's layout (model_layout turns the model's output into it).
std::pair<torch::Tensor, torch::Tensor> compare_runs(
    torch::nn::Module& model, const std::function<torch::Tensor(const torch::Tensor&)>& forward,
    runtime::engine::Engine& engine, const torch::Tensor& images, AgreementReport& report) {
  torch::NoGradGuard no_grad;
  model.eval();
  auto capture = std::make_shared<InspectionCapture>();
  set_inspection_capture(model, capture);
  torch::Tensor model_out;
  try {
    model_out = forward(images).contiguous();
  } catch (...) {
    set_inspection_capture(model, nullptr);
    throw;
  }
  set_inspection_capture(model, nullptr);

  const torch::Tensor input = images.to(torch::kFloat).contiguous();
  const auto batch = static_cast<std::size_t>(input.size(0));
  Trace trace;
  const std::vector<float> engine_out = engine.run(input.data_ptr<float>(), batch, &trace);
  if (static_cast<int64_t>(engine_out.size()) != model_out.numel()) {
    throw std::runtime_error("the engine gives " + std::to_string(engine_out.size()) +
                             " outputs, the model " + std::to_string(model_out.numel()));
  }
  const torch::Tensor engine_logits =
      torch::from_blob(const_cast<float*>(engine_out.data()), model_out.sizes(), torch::kFloat)
          .clone();
  for (int64_t b = 0; b < model_out.size(0); ++b) {
    report.max_relative_difference = std::max(report.max_relative_difference,
                                              relative_difference(engine_logits[b], model_out[b]));
  }
  report.images += model_out.size(0);

  const FamilyMapping mapping = mapping_for(model, *capture);
  mapping.compare_trace(trace, report.layers);
  Trace forced;
  engine.run(input.data_ptr<float>(), batch, &forced,
             [&](const std::string& op, runtime::engine::Matrix& matrix) {
               const auto it = mapping.inputs.find(op);
               if (it == mapping.inputs.end())
                 throw std::runtime_error("no model input recorded for op '" + op + "'");
               const torch::Tensor value = it->second.to(torch::kFloat).contiguous();
               if (value.numel() != static_cast<int64_t>(matrix.data.size())) {
                 throw std::runtime_error("model input of '" + op + "' has " +
                                          std::to_string(value.numel()) + " values, the engine's " +
                                          std::to_string(matrix.data.size()));
               }
               std::copy_n(value.data_ptr<float>(), matrix.data.size(), matrix.data.begin());
             });
  mapping.compare_trace(forced, report.layerwise);
  return {model_out, engine_logits};
}

}  // namespace

void compare_engine_with_model(ClassifierModel& model, runtime::engine::Engine& engine,
                               const torch::Tensor& images, AgreementReport& report) {
  const auto [model_logits, engine_logits] = compare_runs(
      model, [&](const torch::Tensor& x) { return model.forward(x); }, engine, images, report);
  report.top1_agreeing += (engine_logits.argmax(1) == model_logits.argmax(1)).sum().item<int64_t>();
}

void compare_engine_with_model(SegmentationModel& model, runtime::engine::Engine& engine,
                               const torch::Tensor& images, AgreementReport& report) {
  // (B, classes, H, W) -> (B, H, W, classes): the engine's one row of logits per pixel.
  const auto [model_logits, engine_logits] = compare_runs(
      model,
      [&](const torch::Tensor& x) {
        return model.forward(x).permute({0, 2, 3, 1});
      },
      engine, images, report);
  report.pixels += model_logits.numel() / model_logits.size(-1);
  report.pixels_agreeing +=
      (engine_logits.argmax(-1) == model_logits.argmax(-1)).sum().item<int64_t>();
}

}  // namespace binvit::nn
