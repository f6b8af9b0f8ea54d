#pragma once
// Parameter and binary-operation counts of BHViT written from ALGORITHMS.md 3.1-3.6 directly,
// independently of the modules, so the tests compare the model against the specification.

#include "core/nn/models/bhvit_config.h"

#include <cstdint>

namespace binvit::test {

// shift b (in) + binary weight (in x out, no bias) + BatchNorm (2 out) + RPReLU (3 out)
inline int64_t wrapper_parameters(int64_t in, int64_t out) { return in + in * out + 2 * out + 3 * out; }

inline int64_t bhvit_backbone_parameters(const nn::BhvitConfig& c) {
  const int64_t c0 = c.dims[0], side0 = c.map_side(0), p = c.stem_patch;
  int64_t total = c.in_channels * c0 * p * p + c0 + 2 * c0 + c0 * side0 * side0;  // stem
  for (int64_t s = 0; s < c.stages(); ++s) {
    const auto at = static_cast<size_t>(s);
    const int64_t ch = c.dims[at], r = c.mlp_ratios[at];
    int64_t block = 2 * 2 * ch + wrapper_parameters(ch, r * ch) + wrapper_parameters(r * ch, ch) +
                    2 * ch + (c.shift_branches ? 6 * 2 * ch : 0);
    if (c.mixers[at] == "msgdc") {
      const auto d = static_cast<int64_t>(c.msgdc_dilations.size());
      block += ch + d * (ch * (ch / c.msgdc_groups) * 9 + ch) + d * 3 * ch + 2 * ch;
    } else {
      // a, LayerNorm, Q/K/V wrappers, second shifts, QD alpha and z per head, context norm and
      // RPReLU, p, output wrapper and its LayerScale.
      block += ch + 2 * ch + 3 * wrapper_parameters(ch, ch) + 3 * ch + 2 * c.heads[at] + 2 * ch +
               3 * ch + ch + wrapper_parameters(ch, ch) + 2 * ch;
    }
    total += block * c.depths[at];
    if (s + 1 < c.stages()) {
      const int64_t out = c.dims[at + 1], out_side = c.map_side(s + 1);
      total += 2 * ch + out * ch * 4 + 2 * out + out * out_side * out_side;
      if (!c.float_downsampling) total += ch + 3 * out;  // shift and RPReLU
    }
  }
  return total;
}

inline int64_t bhvit_classifier_parameters(const nn::BhvitConfig& c) {
  const int64_t last = c.dims.back();
  return bhvit_backbone_parameters(c) + 2 * last + last * c.num_classes + c.num_classes;
}

// Binary multiply-accumulates per image.
inline double bhvit_bops(const nn::BhvitConfig& c) {
  double total = 0;
  for (int64_t s = 0; s < c.stages(); ++s) {
    const auto at = static_cast<size_t>(s);
    const double ch = static_cast<double>(c.dims[at]), r = static_cast<double>(c.mlp_ratios[at]);
    const double side = static_cast<double>(c.map_side(s)), tokens = side * side;
    double block = 2 * tokens * ch * r * ch;  // MLP
    if (c.mixers[at] == "msgdc") {
      block += static_cast<double>(c.msgdc_dilations.size()) * tokens * ch *
               (ch / static_cast<double>(c.msgdc_groups)) * 9;
    } else {
      const double w = static_cast<double>(c.window_sizes[at]);
      const double windows = (side / w) * (side / w), n = w * w + windows;
      const double heads = static_cast<double>(c.heads[at]), d = ch / heads;
      block += 3 * windows * n * ch * ch;           // Q, K, V over windows and merged tokens
      block += windows * heads * n * n * d * (1 + 3);  // q.k^T and the three QD products
      block += tokens * ch * ch;                   // output projection
    }
    total += block * static_cast<double>(c.depths[at]);
    if (s + 1 < c.stages() && !c.float_downsampling) {
      const double out_side = static_cast<double>(c.map_side(s + 1));
      total += out_side * out_side * static_cast<double>(c.dims[at + 1]) * ch * 4;
    }
  }
  return total;
}

}  // namespace binvit::test
