#pragma once
// The views of the Inspect page, as pure functions on the flat maps of an AttentionLayer (or the
// rollout): one head or the head mean, one query token's row laid on the patch grid, the class
// token's row, and the mass-threshold mask. Torch-free. Layouts: attention_layout.h.

#include "core/inspect/attention_layout.h"

#include <cstdint>
#include <vector>

namespace binvit::inspect {

// Passed as `head` to mean over the heads.
constexpr int kHeadMean = -1;

// A map on a grid, row-major (values[row * width + col]).
struct GridMap {
  int height = 0;
  int width = 0;
  std::vector<float> values;
  // Mass of the row that is not on the grid: the class/distillation tokens (global layouts) or
  // the merged tokens (windowed layouts).
  double off_grid = 0;
};

// The N x N matrix (row-major) of one head, or of the head mean with kHeadMean, of window
// `window` (0 for global layouts). Throws std::invalid_argument when `maps` does not have
// layout.map_size() floats or an index is out of range.
std::vector<float> head_matrix(const std::vector<float>& maps, const AttentionLayout& layout,
                               int head, int window = 0);

// The mean over heads of every window: windows * N * N floats (N * N for global layouts).
std::vector<float> head_mean(const std::vector<float>& maps, const AttentionLayout& layout);

// The token of the patch at grid cell (row, col): global layouts prefix_tokens + row * grid_w +
// col; windowed layouts the position inside its window (window_of gives the window).
int patch_token(const AttentionLayout& layout, int row, int col);
int window_of(const AttentionLayout& layout, int row, int col);

// What the patch at (row, col) attends to, on the grid_h x grid_w grid. Global layouts: the
// query's row over the patch keys, class/distillation keys in off_grid. Windowed layouts: the
// query's window row, its window keys at their map positions, 0 elsewhere, the merged keys in
// off_grid.
GridMap query_view(const std::vector<float>& maps, const AttentionLayout& layout, int head, int row,
                   int col);

// What the class token (token 0) attends to, on the patch grid (its prefix keys in off_grid).
// Throws std::invalid_argument for layouts without a class token.
GridMap class_token_view(const std::vector<float>& maps, const AttentionLayout& layout, int head);

// The smallest set of entries whose sum reaches `fraction` of the mass of `values` (the sum of
// its positive entries; negative entries are never kept): 1 for kept entries, 0 otherwise. Ties
// keep the lower index. fraction 0 keeps nothing, 1 keeps every positive entry. Throws
// std::invalid_argument when fraction is outside [0, 1].
std::vector<uint8_t> mass_threshold_mask(const std::vector<float>& values, double fraction);

// The same mask as a grid map of 0/1 floats (off_grid 0), ready to overlay. The mass is that of
// the grid: the off-grid tokens are neither counted nor kept.
GridMap mass_threshold_mask(const GridMap& map, double fraction);

}  // namespace binvit::inspect
