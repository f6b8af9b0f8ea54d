#include "core/inspect/attention_views.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace binvit::inspect {
namespace {

void check_maps(const std::vector<float>& maps, const AttentionLayout& layout) {
  if (layout.heads < 1 || layout.tokens < 1 || layout.windows < 1) {
    throw std::invalid_argument("attention view: the layout needs heads, tokens and windows >= 1");
  }
  if (static_cast<long long>(maps.size()) != layout.map_size()) {
    throw std::invalid_argument("attention view: " + std::to_string(maps.size()) +
                                " floats, the layout needs " + std::to_string(layout.map_size()));
  }
}

void check_index(int value, int limit, const char* what) {
  if (value < 0 || value >= limit) {
    throw std::invalid_argument(std::string("attention view: ") + what + " " +
                                std::to_string(value) + " is outside [0, " + std::to_string(limit) +
                                ")");
  }
}

// One query's row (N floats) of a head or the head mean.
std::vector<float> query_row(const std::vector<float>& maps, const AttentionLayout& layout,
                             int head, int window, int query) {
  check_maps(maps, layout);
  check_index(window, layout.windows, "window");
  check_index(query, layout.tokens, "query token");
  if (head != kHeadMean) check_index(head, layout.heads, "head");
  const size_t n = static_cast<size_t>(layout.tokens);
  std::vector<float> row(n, 0.0f);
  const int first = head == kHeadMean ? 0 : head;
  const int last = head == kHeadMean ? layout.heads : head + 1;
  for (int h = first; h < last; ++h) {
    const size_t offset = ((static_cast<size_t>(window) * layout.heads + h) * n + query) * n;
    for (size_t k = 0; k < n; ++k) row[k] += maps[offset + k];
  }
  const float count = static_cast<float>(last - first);
  for (float& v : row) v /= count;
  return row;
}

void check_grid(const AttentionLayout& layout) {
  if (layout.grid_h < 1 || layout.grid_w < 1) {
    throw std::invalid_argument("attention view: the layout has no patch grid");
  }
}

// A global layout's row laid on the patch grid, prefix keys off the grid.
GridMap global_row_on_grid(const std::vector<float>& row, const AttentionLayout& layout) {
  const int patches = layout.grid_h * layout.grid_w;
  if (layout.prefix_tokens + patches != layout.tokens) {
    throw std::invalid_argument("attention view: " + std::to_string(layout.prefix_tokens) +
                                " prefix tokens and a " + std::to_string(layout.grid_h) + "x" +
                                std::to_string(layout.grid_w) + " grid do not make " +
                                std::to_string(layout.tokens) + " tokens");
  }
  GridMap map{layout.grid_h, layout.grid_w, {}, 0.0};
  map.values.assign(row.begin() + layout.prefix_tokens, row.end());
  for (int k = 0; k < layout.prefix_tokens; ++k) map.off_grid += row[static_cast<size_t>(k)];
  return map;
}

}  // namespace

std::vector<float> head_matrix(const std::vector<float>& maps, const AttentionLayout& layout,
                               int head, int window) {
  check_maps(maps, layout);
  std::vector<float> matrix;
  matrix.reserve(static_cast<size_t>(layout.tokens) * layout.tokens);
  for (int q = 0; q < layout.tokens; ++q) {
    const std::vector<float> row = query_row(maps, layout, head, window, q);
    matrix.insert(matrix.end(), row.begin(), row.end());
  }
  return matrix;
}

std::vector<float> head_mean(const std::vector<float>& maps, const AttentionLayout& layout) {
  check_maps(maps, layout);
  std::vector<float> mean;
  mean.reserve(static_cast<size_t>(layout.windows) * layout.tokens * layout.tokens);
  for (int w = 0; w < layout.windows; ++w) {
    const std::vector<float> matrix = head_matrix(maps, layout, kHeadMean, w);
    mean.insert(mean.end(), matrix.begin(), matrix.end());
  }
  return mean;
}

int window_of(const AttentionLayout& layout, int row, int col) {
  check_grid(layout);
  check_index(row, layout.grid_h, "row");
  check_index(col, layout.grid_w, "column");
  if (!layout.windowed()) return 0;
  return (row / layout.window) * (layout.grid_w / layout.window) + col / layout.window;
}

int patch_token(const AttentionLayout& layout, int row, int col) {
  check_grid(layout);
  check_index(row, layout.grid_h, "row");
  check_index(col, layout.grid_w, "column");
  if (!layout.windowed()) return layout.prefix_tokens + row * layout.grid_w + col;
  return (row % layout.window) * layout.window + col % layout.window;
}

GridMap query_view(const std::vector<float>& maps, const AttentionLayout& layout, int head, int row,
                   int col) {
  const int window = window_of(layout, row, col);
  const std::vector<float> keys =
      query_row(maps, layout, head, window, patch_token(layout, row, col));
  if (!layout.windowed()) return global_row_on_grid(keys, layout);

  const int w = layout.window;
  if (w * w + layout.merged_tokens != layout.tokens || layout.grid_h % w != 0 ||
      layout.grid_w % w != 0) {
    throw std::invalid_argument("attention view: the windowed layout is inconsistent");
  }
  GridMap map{layout.grid_h, layout.grid_w, {}, 0.0};
  map.values.assign(static_cast<size_t>(layout.grid_h) * layout.grid_w, 0.0f);
  const int top = (row / w) * w, left = (col / w) * w;
  for (int r = 0; r < w; ++r) {
    for (int c = 0; c < w; ++c) {
      map.values[static_cast<size_t>(top + r) * layout.grid_w + left + c] =
          keys[static_cast<size_t>(r * w + c)];
    }
  }
  for (int k = w * w; k < layout.tokens; ++k) map.off_grid += keys[static_cast<size_t>(k)];
  return map;
}

GridMap class_token_view(const std::vector<float>& maps, const AttentionLayout& layout, int head) {
  if (layout.windowed() || layout.prefix_tokens < 1) {
    throw std::invalid_argument("attention view: this layer has no class token");
  }
  check_grid(layout);
  return global_row_on_grid(query_row(maps, layout, head, 0, 0), layout);
}

std::vector<uint8_t> mass_threshold_mask(const std::vector<float>& values, double fraction) {
  if (!(fraction >= 0.0 && fraction <= 1.0)) {
    throw std::invalid_argument("mass threshold: the fraction must be in [0, 1], got " +
                                std::to_string(fraction));
  }
  std::vector<uint8_t> mask(values.size(), 0);
  double total = 0;
  for (const float v : values) total += v > 0 ? v : 0.0;
  if (fraction == 0.0 || total <= 0.0) return mask;
  // Taking the largest entries first reaches any mass with the fewest entries; a stable sort
  // keeps the lower index among equal values so the mask is reproducible.
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return values[a] > values[b]; });
  const double target = fraction * total;
  double kept = 0;
  for (const size_t i : order) {
    if (values[i] <= 0) break;
    mask[i] = 1;
    kept += values[i];
    // Accumulated in double and compared with a relative slack: float sums of a full row can
    // fall a rounding error short of fraction 1.
    if (kept >= target * (1.0 - 1e-12)) break;
  }
  return mask;
}

GridMap mass_threshold_mask(const GridMap& map, double fraction) {
  const std::vector<uint8_t> mask = mass_threshold_mask(map.values, fraction);
  GridMap out{map.height, map.width, std::vector<float>(mask.begin(), mask.end()), 0.0};
  return out;
}

}  // namespace binvit::inspect
