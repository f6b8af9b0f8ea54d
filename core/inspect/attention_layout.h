#pragma once
// How the flat attention maps of one layer are laid out, and where each token sits on the image.
// No LibTorch here: the GUI includes this (Qt's `slots` macro breaks LibTorch headers).
//
// Maps are float vectors in row-major order [window][head][query][key]:
//   value(window, head, q, k) = maps[((window * heads + head) * tokens + q) * tokens + k]
// with windows == 1 for global attention (DeiT), so a DeiT layer is plain H x N x N.
//
// Tokens of a global layout (DeiT): `prefix_tokens` tokens first (class, then distillation), then
// the grid_h x grid_w patches row-major: token(row, col) = prefix_tokens + row * grid_w + col.
//
// Tokens of a windowed layout (BHViT's MSMHA, window > 0): the map of grid_h x grid_w positions is
// cut into window x window windows, numbered row-major over the (grid_h / window) x
// (grid_w / window) window grid. Window `i` attends over tokens = window^2 + merged_tokens: its
// own positions row-major (token (r, c) inside the window = r * window + c), then one merged
// token per window (a max/average pooling summary of window j, j row-major), shared by all
// windows. There is no class token (prefix_tokens == 0).

namespace binvit::inspect {

struct AttentionLayout {
  int heads = 1;
  int tokens = 0;         // N: keys (and queries) of one attention row set
  int prefix_tokens = 0;  // class/distillation tokens before the patches (global layouts)
  int grid_h = 0;         // patch grid (DeiT) or feature map (BHViT) the tokens come from
  int grid_w = 0;
  int window = 0;         // 0: global attention; else the side of a window
  int windows = 1;        // windows per image (1 for global attention)
  int merged_tokens = 0;  // windowed: summary tokens after the window positions

  bool windowed() const { return window > 0; }
  // Floats in one layer's maps: windows * heads * tokens * tokens.
  long long map_size() const { return static_cast<long long>(windows) * heads * tokens * tokens; }
};

}  // namespace binvit::inspect
