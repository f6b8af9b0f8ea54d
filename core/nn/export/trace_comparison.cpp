#include "core/nn/export/trace_comparison.h"

#include <cstdint>
#include <stdexcept>

namespace binvit::nn::detail {
namespace {

LayerAgreement& layer(std::vector<LayerAgreement>& layers, const std::string& name, bool bits) {
  for (LayerAgreement& l : layers) {
    if (l.name == name) return l;
  }
  layers.push_back({name, bits, 0, 0});
  return layers.back();
}

}  // namespace

void compare(std::vector<LayerAgreement>& layers, const runtime::engine::Trace& trace,
             const std::string& name, const torch::Tensor& expected, bool bits) {
  const runtime::engine::TraceEntry* entry = trace.find(name);
  if (entry == nullptr) throw std::runtime_error("the engine recorded no '" + name + "'");
  const torch::Tensor flat = expected.detach().reshape({-1}).contiguous();
  const auto size = static_cast<std::size_t>(flat.numel());
  const std::size_t recorded = bits ? entry->bits.size() : entry->counts.size();
  if (recorded != size) {
    throw std::runtime_error("'" + name + "': the engine recorded " + std::to_string(recorded) +
                             " values, the model has " + std::to_string(size));
  }
  const auto n = static_cast<int64_t>(size);
  const torch::Tensor engine_values =
      bits ? torch::from_blob(const_cast<std::uint8_t*>(entry->bits.data()), {n}, torch::kUInt8)
                 .to(torch::kInt64)
           : torch::from_blob(const_cast<std::int32_t*>(entry->counts.data()), {n}, torch::kInt32)
                 .to(torch::kInt64);
  const torch::Tensor model_values =
      bits ? (flat > 0).to(torch::kInt64) : flat.round().to(torch::kInt64);
  LayerAgreement& l = layer(layers, name, bits);
  l.elements += n;
  l.differing += (engine_values != model_values).sum().item<int64_t>();
}

}  // namespace binvit::nn::detail
