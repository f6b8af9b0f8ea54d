#include "core/nn/functional/token_layout.h"

namespace binvit::nn::functional {

torch::Tensor tokens_to_map(const torch::Tensor& tokens, int64_t side) {
  TORCH_CHECK(tokens.dim() == 3 && tokens.size(1) == side * side, "tokens of shape ",
              tokens.sizes(), " do not form a ", side, "x", side, " map");
  return tokens.transpose(1, 2).reshape({tokens.size(0), tokens.size(2), side, side});
}

torch::Tensor map_to_tokens(const torch::Tensor& map) {
  TORCH_CHECK(map.dim() == 4, "a feature map must be (B, C, H, W), got ", map.sizes());
  return map.flatten(2).transpose(1, 2);
}

torch::Tensor split_windows(const torch::Tensor& map, int64_t window) {
  TORCH_CHECK(map.dim() == 4 && window > 0 && map.size(2) % window == 0 &&
                  map.size(3) % window == 0,
              "a map of shape ", map.sizes(), " cannot be split into ", window, "x", window,
              " windows");
  const int64_t b = map.size(0), c = map.size(1), rows = map.size(2) / window,
                columns = map.size(3) / window;
  // (B, C, rows, w, columns, w) -> (B, rows, columns, w, w, C)
  return map.reshape({b, c, rows, window, columns, window})
      .permute({0, 2, 4, 3, 5, 1})
      .reshape({b * rows * columns, window * window, c});
}

torch::Tensor merge_windows(const torch::Tensor& windows, int64_t window, int64_t side) {
  TORCH_CHECK(windows.dim() == 3 && side % window == 0 && windows.size(1) == window * window,
              "windows of shape ", windows.sizes(), " do not tile a ", side, "x", side,
              " map with ", window, "x", window, " windows");
  const int64_t per_side = side / window, c = windows.size(2);
  const int64_t b = windows.size(0) / (per_side * per_side);
  return windows.reshape({b, per_side, per_side, window, window, c})
      .permute({0, 5, 1, 3, 2, 4})
      .reshape({b, c, side, side});
}

}  // namespace binvit::nn::functional
