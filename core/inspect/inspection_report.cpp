#include "core/inspect/inspection_report.h"

#include "core/inspect/attention_views.h"
#include "core/inspect/heatmap_image.h"
#include "core/inspect/png_file.h"
#include "core/runtime/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace binvit::inspect {
namespace fs = std::filesystem;
namespace {

nlohmann::json number_or_null(double v) {
  return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

class ReportWriter {
 public:
  ReportWriter(const InspectionResult& result, const ReportOptions& options, fs::path folder)
      : result_(result), options_(options), folder_(std::move(folder)) {}

  void png(const std::string& name, const GridMap& map, const std::string& label,
           double lo = std::nan(""), double hi = std::nan("")) {
    HeatmapOptions style;
    style.min_side = options_.min_side;
    style.lo = lo;
    style.hi = hi;
    const fs::path path = folder_ / name;
    write_png(path, render_heatmap(result_.model_input, map, label, style));
    files_.push_back(path);
  }

  std::vector<fs::path>& files() { return files_; }

 private:
  const InspectionResult& result_;
  const ReportOptions& options_;
  fs::path folder_;
  std::vector<fs::path> files_;
};

// The view of one map of a layer: the class token's row where there is one, else the query view
// of the centre patch (windowed attention has no class token).
GridMap layer_view(const std::vector<float>& maps, const AttentionLayout& layout, int head,
                   std::string& what) {
  if (!layout.windowed() && layout.prefix_tokens > 0) {
    what = "class token";
    return class_token_view(maps, layout, head);
  }
  const int row = layout.grid_h / 2, col = layout.grid_w / 2;
  what = "query (" + std::to_string(row) + ", " + std::to_string(col) + ")";
  return query_view(maps, layout, head, row, col);
}

// Per-token values [window][head][token] of the patch tokens of a global layout on the grid.
GridMap token_values_on_grid(const std::vector<float>& values, const AttentionLayout& layout,
                             int head) {
  GridMap map{layout.grid_h, layout.grid_w, {}, 0.0};
  const int first = head < 0 ? 0 : head, last = head < 0 ? layout.heads : head + 1;
  map.values.assign(static_cast<size_t>(layout.grid_h) * layout.grid_w, 0.0f);
  for (int h = first; h < last; ++h) {
    for (size_t p = 0; p < map.values.size(); ++p) {
      map.values[p] += values[static_cast<size_t>(h) * layout.tokens + layout.prefix_tokens + p] /
                       static_cast<float>(last - first);
    }
  }
  return map;
}

std::string head_tag(int head) { return head < 0 ? "mean" : std::to_string(head); }
std::string head_label(int head) { return head < 0 ? "head mean" : "head " + std::to_string(head); }

}  // namespace

std::vector<fs::path> write_inspection_report(const InspectionResult& result,
                                              const ReportOptions& options,
                                              const fs::path& folder) {
  const int layers = static_cast<int>(result.attention.size());
  if (options.layer >= layers || options.layer < -1) {
    throw std::invalid_argument("inspect: --layer " + std::to_string(options.layer) +
                                " does not exist (the model has " + std::to_string(layers) +
                                " attention layers, 0 to " + std::to_string(layers - 1) + ")");
  }
  fs::create_directories(folder);
  ReportWriter out(result, options, folder);
  nlohmann::json layer_list = nlohmann::json::array();
  for (int l = 0; l < layers; ++l) {
    const AttentionLayer& layer = result.attention[static_cast<size_t>(l)];
    const AttentionLayout& layout = layer.layout;
    layer_list.push_back({{"index", l},
                          {"name", layer.name},
                          {"heads", layout.heads},
                          {"tokens", layout.tokens},
                          {"grid", {layout.grid_h, layout.grid_w}},
                          {"prefix_tokens", layout.prefix_tokens},
                          {"window", layout.window},
                          {"windows", layout.windows},
                          {"attention_scales", layer.attention_scales},
                          {"value_scales", layer.value_scales},
                          {"attention_zero_points", layer.attention_zero_points}});
    if (options.layer >= 0 && l != options.layer) continue;
    if (options.head >= layout.heads || options.head < -1) {
      throw std::invalid_argument("inspect: --head " + std::to_string(options.head) +
                                  " does not exist (layer " + std::to_string(l) + " has " +
                                  std::to_string(layout.heads) + " heads)");
    }
    std::vector<int> heads{kHeadMean};
    for (int h = 0; h < layout.heads; ++h) {
      if (options.head < 0 || h == options.head) heads.push_back(h);
    }
    const bool global_with_class = !layout.windowed() && layout.prefix_tokens > 0;
    for (const int h : heads) {
      const std::string tag = "L" + std::to_string(l) + "_H" + head_tag(h);
      const std::string label = "layer " + std::to_string(l) + " " + head_label(h);
      std::string what;
      const GridMap attention = layer_view(layer.probabilities, layout, h, what);
      out.png("attention_" + tag + ".png", attention, label + ", " + what);
      out.png("mass_" + tag + ".png", mass_threshold_mask(attention, options.mass),
              label + ", " + std::to_string(static_cast<int>(std::lround(100 * options.mass))) +
                  "% mass",
              0.0, 1.0);
      if (!layer.quantized.empty()) {
        out.png("gsb_" + tag + "_quantized.png", layer_view(layer.quantized, layout, h, what),
                label + ", quantized");
      }
      if (!layer.base_map.empty()) {
        out.png("gsb_" + tag + "_base.png", layer_view(layer.base_map, layout, h, what),
                label + ", base map", 0.0, 1.0);
      }
      for (size_t k = 0; k < layer.attention_masks.size(); ++k) {
        const std::string name = "M" + std::to_string(k + 2);
        out.png("gsb_" + tag + "_" + name + ".png",
                layer_view(layer.attention_masks[k], layout, h, what), label + ", " + name, 0.0,
                1.0);
      }
      if (global_with_class && !layer.value_plus_one_share.empty()) {
        out.png("gsb_" + tag + "_value_plus_one.png",
                token_values_on_grid(layer.value_plus_one_share, layout, h),
                label + ", share of +1 in sgn(v)", 0.0, 1.0);
        for (size_t k = 0; k < layer.value_group_share.size(); ++k) {
          const std::string name = "G" + std::to_string(k + 2);
          out.png("gsb_" + tag + "_value_" + name + ".png",
                  token_values_on_grid(layer.value_group_share[k], layout, h),
                  label + ", share of v in " + name, 0.0, 1.0);
        }
      }
      for (size_t s = 0; s < layer.qd_maps.size(); ++s) {
        out.png("qd_" + tag + "_" + std::to_string(s + 1) + ".png",
                layer_view(layer.qd_maps[s], layout, h, what),
                label + ", QD map " + std::to_string(s + 1), 0.0, 1.0);
      }
    }
  }
  const bool rollout_shown = !result.rollout.empty() && result.rollout_layout.prefix_tokens > 0;
  if (rollout_shown) {
    const GridMap rollout = class_token_view(result.rollout, result.rollout_layout, 0);
    out.png("rollout.png", rollout, "rollout, class token");
    out.png(
        "rollout_mass.png", mass_threshold_mask(rollout, options.mass),
        "rollout, " + std::to_string(static_cast<int>(std::lround(100 * options.mass))) + "% mass",
        0.0, 1.0);
  }

  nlohmann::json top = nlohmann::json::array();
  for (const Prediction& p : result.top) {
    top.push_back({{"index", p.index}, {"name", p.name}, {"probability", p.probability}});
  }
  nlohmann::json binary = nlohmann::json::array();
  for (const BinaryLayerShares& s : result.binary_layers) {
    binary.push_back({{"layer", s.layer},
                      {"activation_plus_one", number_or_null(s.activation_plus_one)},
                      {"weight_plus_one", number_or_null(s.weight_plus_one)},
                      {"activations", s.activations},
                      {"weights", s.weights}});
  }
  nlohmann::json files = nlohmann::json::array();
  for (const fs::path& file : out.files()) files.push_back(file.filename().string());
  const nlohmann::json summary{
      {"model", result.model_name},     {"classes", result.class_names}, {"top5", top},
      {"attention_layers", layer_list}, {"rollout", rollout_shown},      {"mass", options.mass},
      {"binary_layers", binary},        {"notes", result.notes},         {"files", files}};
  const fs::path summary_path = folder / "summary.json";
  runtime::write_file_atomically(summary_path, summary.dump(2) + "\n");
  out.files().push_back(summary_path);
  return out.files();
}

}  // namespace binvit::inspect
