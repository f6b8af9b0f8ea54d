#pragma once
// The shortcut of BHViT's binary layer wrapper (ALGORITHMS.md 3.2), on the last dimension:
// identity when C_in == C_out, channel repeat when C_out = r C_in, average of r consecutive
// channels when C_in = r C_out. Other ratios are rejected.

#include <torch/torch.h>

#include <string>

namespace binvit::nn {

enum class ShortcutKind { Identity, Repeat, AveragePool };

ShortcutKind shortcut_kind(int64_t in_channels, int64_t out_channels);
std::string to_string(ShortcutKind kind);

// x (..., C_in) -> (..., C_out)
torch::Tensor channel_shortcut(const torch::Tensor& x, int64_t out_channels);

}  // namespace binvit::nn
