#include "core/nn/summary/model_summary.h"

#include <cstdio>
#include <numeric>
#include <sstream>

namespace binvit::nn {
namespace {

template <typename Field>
auto sum_over(const std::vector<LayerCost>& layers, Field field) {
  decltype(field(layers.front())) total{};
  for (const auto& layer : layers) total += field(layer);
  return total;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  return text.empty() ? "-" : text;
}

std::string engineering(double value) {
  char buffer[32];
  if (value >= 1e9) {
    std::snprintf(buffer, sizeof buffer, "%.3fG", value / 1e9);
  } else if (value >= 1e6) {
    std::snprintf(buffer, sizeof buffer, "%.3fM", value / 1e6);
  } else if (value >= 1e3) {
    std::snprintf(buffer, sizeof buffer, "%.2fK", value / 1e3);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  }
  return buffer;
}

std::string bytes_text(int64_t bytes) {
  char buffer[32];
  if (bytes >= (int64_t{1} << 20)) {
    std::snprintf(buffer, sizeof buffer, "%.2f MiB", static_cast<double>(bytes) / (1 << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld B", static_cast<long long>(bytes));
  }
  return buffer;
}

}  // namespace

int64_t ModelSummary::total_parameters() const {
  return layers.empty() ? 0 : sum_over(layers, [](const LayerCost& l) { return l.parameters; });
}
double ModelSummary::total_flops() const {
  return layers.empty() ? 0 : sum_over(layers, [](const LayerCost& l) { return l.flops; });
}
double ModelSummary::total_bops() const {
  return layers.empty() ? 0 : sum_over(layers, [](const LayerCost& l) { return l.bops; });
}
double ModelSummary::total_ops() const { return total_flops() + total_bops() / 64.0; }
int64_t ModelSummary::total_float_bytes() const {
  return layers.empty() ? 0 : sum_over(layers, [](const LayerCost& l) { return l.float_bytes; });
}
int64_t ModelSummary::total_packed_bytes() const {
  return layers.empty() ? 0 : sum_over(layers, [](const LayerCost& l) { return l.packed_bytes; });
}

int64_t count_parameters(const torch::nn::Module& module) {
  int64_t total = 0;
  for (const auto& p : module.parameters()) total += p.numel();
  return total;
}

int64_t weight_storage_bytes(const torch::Tensor& weight, int bits) {
  const int64_t rows = weight.size(0);
  const int64_t columns = weight.numel() / rows;
  if (bits == 1) return rows * ((columns + 63) / 64) * 8 + rows * 4;
  if (bits == 8) return weight.numel() + rows * 4;
  return weight.numel() * 4;
}

LayerCost weighted_layer_cost(std::string name, std::string type, const torch::nn::Module& module,
                              const torch::Tensor& weight, int weight_bits, int activation_bits,
                              double macs, std::vector<int64_t> output_shape) {
  LayerCost row;
  row.name = std::move(name);
  row.type = std::move(type);
  row.output_shape = std::move(output_shape);
  row.parameters = count_parameters(module);
  row.bits = "W" + std::to_string(weight_bits) + "A" + std::to_string(activation_bits);
  const bool binary_product = weight_bits == 1 && activation_bits == 1;
  row.flops = binary_product ? 0 : macs;
  row.bops = binary_product ? macs : 0;
  row.float_bytes = row.parameters * 4;
  const int64_t other_parameters = row.parameters - weight.numel();
  const int stored_bits = weight_bits <= 8 ? weight_bits : 32;
  row.packed_bytes = weight_storage_bytes(weight, stored_bits) + other_parameters * 4;
  return row;
}

LayerCost plain_layer_cost(std::string name, std::string type, int64_t float_parameters,
                           double flops, double bops, std::string bits,
                           std::vector<int64_t> output_shape) {
  LayerCost row;
  row.name = std::move(name);
  row.type = std::move(type);
  row.output_shape = std::move(output_shape);
  row.parameters = float_parameters;
  row.bits = std::move(bits);
  row.flops = flops;
  row.bops = bops;
  row.float_bytes = float_parameters * 4;
  row.packed_bytes = float_parameters * 4;
  return row;
}

nlohmann::json to_json(const ModelSummary& s) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : s.layers) {
    layers.push_back({{"name", l.name}, {"type", l.type}, {"output_shape", l.output_shape},
                      {"parameters", l.parameters}, {"bits", l.bits}, {"flops", l.flops},
                      {"bops", l.bops}, {"ops", l.ops()}, {"float_bytes", l.float_bytes},
                      {"packed_bytes", l.packed_bytes}});
  }
  return {{"model", s.model},
          {"input_shape", s.input_shape},
          {"convention", "OPs = FLOPs + BOPs/64; FLOPs are multiply-accumulates; 8-bit layers "
                         "counted as full FLOPs; element-wise work not counted"},
          {"layers", layers},
          {"totals",
           {{"parameters", s.total_parameters()}, {"flops", s.total_flops()},
            {"bops", s.total_bops()}, {"ops", s.total_ops()},
            {"float_bytes", s.total_float_bytes()}, {"packed_bytes", s.total_packed_bytes()}}}};
}

std::string format_table(const ModelSummary& s) {
  std::ostringstream out;
  char line[256];
  out << "Model " << s.model << ", input " << shape_text(s.input_shape) << "\n";
  std::snprintf(line, sizeof line, "%-36s %-22s %-12s %10s %-7s %10s %10s %10s %11s %11s\n",
                "layer", "type", "output", "params", "bits", "FLOPs", "BOPs", "OPs", "float32",
                "packed");
  out << line << std::string(148, '-') << "\n";
  for (const auto& l : s.layers) {
    std::snprintf(line, sizeof line, "%-36s %-22s %-12s %10s %-7s %10s %10s %10s %11s %11s\n",
                  l.name.c_str(), l.type.c_str(), shape_text(l.output_shape).c_str(),
                  engineering(static_cast<double>(l.parameters)).c_str(), l.bits.c_str(),
                  engineering(l.flops).c_str(), engineering(l.bops).c_str(),
                  engineering(l.ops()).c_str(), bytes_text(l.float_bytes).c_str(),
                  bytes_text(l.packed_bytes).c_str());
    out << line;
  }
  out << std::string(148, '-') << "\n";
  std::snprintf(line, sizeof line, "%-36s %-22s %-12s %10s %-7s %10s %10s %10s %11s %11s\n",
                "total", "", "", engineering(static_cast<double>(s.total_parameters())).c_str(), "",
                engineering(s.total_flops()).c_str(), engineering(s.total_bops()).c_str(),
                engineering(s.total_ops()).c_str(), bytes_text(s.total_float_bytes()).c_str(),
                bytes_text(s.total_packed_bytes()).c_str());
  out << line;
  const double ratio = s.total_packed_bytes() > 0
                           ? static_cast<double>(s.total_float_bytes()) / s.total_packed_bytes()
                           : 0.0;
  std::snprintf(line, sizeof line, "packed size: %.1fx smaller than float32\n", ratio);
  out << line
      << "OPs = FLOPs + BOPs/64; FLOPs count multiply-accumulates; 8-bit layers are counted as "
         "full FLOPs; element-wise work (norms, softmax, GELU) is not counted.\n";
  return out.str();
}

}  // namespace binvit::nn
