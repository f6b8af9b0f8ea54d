#include "core/inspect/capture_conversion.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace binvit::inspect {
namespace {

int exact_sqrt(int64_t n) {
  const auto root = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(n))));
  return root * root == n ? static_cast<int>(root) : -1;
}

std::string shape_of(const torch::Tensor& t) {
  std::string s = "(";
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + ")";
}

// (..., d) 0/1 or +-1 values -> share of entries > 0 over the last dimension, flattened.
std::vector<float> share_over_last(const torch::Tensor& t) {
  return to_floats((t > 0).to(torch::kFloat).mean(-1));
}

}  // namespace

std::vector<float> to_floats(const torch::Tensor& t) {
  if (!t.defined()) return {};
  const torch::Tensor c = t.detach().to(torch::kFloat).contiguous();
  const float* data = c.data_ptr<float>();
  return std::vector<float>(data, data + c.numel());
}

AttentionLayout layout_of(const nn::AttentionRecord& record, int patch_grid) {
  const torch::Tensor& p = record.probabilities;
  if (!p.defined() || p.dim() != 4 || p.size(2) != p.size(3)) {
    throw std::invalid_argument("inspection: attention record '" + record.layer +
                                "' needs probabilities (B, H, N, N), got " +
                                (p.defined() ? shape_of(p) : std::string("none")));
  }
  AttentionLayout layout;
  layout.heads = static_cast<int>(p.size(1));
  layout.tokens = static_cast<int>(p.size(2));
  layout.windows = static_cast<int>(p.size(0));
  if (record.window_tokens > 0) {
    const int window = exact_sqrt(record.window_tokens);
    const int per_side = exact_sqrt(record.windows_per_image);
    if (window < 1 || per_side < 1 || record.windows_per_image != p.size(0) ||
        record.window_tokens > p.size(2)) {
      throw std::invalid_argument("inspection: attention record '" + record.layer + "' has " +
                                  std::to_string(record.window_tokens) + " window tokens and " +
                                  std::to_string(record.windows_per_image) +
                                  " windows per image, which fit no square window grid of " +
                                  shape_of(p) + " for one image");
    }
    layout.window = window;
    layout.grid_h = layout.grid_w = per_side * window;
    layout.merged_tokens = layout.tokens - static_cast<int>(record.window_tokens);
    return layout;
  }
  if (p.size(0) != 1) {
    throw std::invalid_argument("inspection: attention record '" + record.layer + "' holds " +
                                std::to_string(p.size(0)) + " images, expected 1");
  }
  int side = patch_grid;
  if (side <= 0) {
    for (int prefix = 0; prefix <= 2 && side <= 0; ++prefix)
      side = exact_sqrt(layout.tokens - prefix);
  }
  const int prefix = layout.tokens - side * side;
  if (side < 1 || prefix < 0) {
    throw std::invalid_argument("inspection: attention record '" + record.layer + "' has " +
                                std::to_string(layout.tokens) + " tokens, which is no " +
                                "patch grid plus class tokens");
  }
  layout.grid_h = layout.grid_w = side;
  layout.prefix_tokens = prefix;
  return layout;
}

AttentionLayer to_attention_layer(const nn::AttentionRecord& record, int patch_grid,
                                  int head_dim_hint) {
  AttentionLayer layer;
  layer.name = record.layer;
  layer.layout = layout_of(record, patch_grid);
  layer.head_dim =
      record.value_signs.defined() ? static_cast<int>(record.value_signs.size(-1)) : head_dim_hint;
  layer.probabilities = to_floats(record.probabilities);
  layer.quantized = to_floats(record.quantized);
  layer.base_map = to_floats(record.base_map);
  // Masks and QD maps carry their component index first: (K-1, B, H, N, N).
  for (int64_t k = 0; record.attention_masks.defined() && k < record.attention_masks.size(0); ++k) {
    layer.attention_masks.push_back(to_floats(record.attention_masks[k]));
  }
  for (int64_t k = 0; record.qd_maps.defined() && k < record.qd_maps.size(0); ++k) {
    layer.qd_maps.push_back(to_floats(record.qd_maps[k]));
  }
  if (record.value_signs.defined())
    layer.value_plus_one_share = share_over_last(record.value_signs);
  for (int64_t k = 0; record.value_groups.defined() && k < record.value_groups.size(0); ++k) {
    layer.value_group_share.push_back(share_over_last(record.value_groups[k].abs()));
  }
  layer.attention_scales = to_floats(record.attention_scales);
  layer.value_scales = to_floats(record.value_scales);
  layer.attention_zero_points = to_floats(record.attention_zero_points);
  return layer;
}

}  // namespace binvit::inspect
