#include "core/nn/layers/channel_shortcut.h"

namespace binvit::nn {

ShortcutKind shortcut_kind(int64_t in_channels, int64_t out_channels) {
  TORCH_CHECK(in_channels > 0 && out_channels > 0, "shortcut channels must be positive, got ",
              in_channels, " -> ", out_channels);
  if (in_channels == out_channels) return ShortcutKind::Identity;
  if (out_channels % in_channels == 0) return ShortcutKind::Repeat;
  TORCH_CHECK(in_channels % out_channels == 0, "a binary layer's shortcut needs one channel count ",
              "to divide the other, got ", in_channels, " -> ", out_channels);
  return ShortcutKind::AveragePool;
}

std::string to_string(ShortcutKind kind) {
  switch (kind) {
    case ShortcutKind::Identity:
      return "identity";
    case ShortcutKind::Repeat:
      return "repeat";
    case ShortcutKind::AveragePool:
      return "average-pool";
  }
  return "unknown";
}

torch::Tensor channel_shortcut(const torch::Tensor& x, int64_t out_channels) {
  const int64_t in_channels = x.size(-1);
  switch (shortcut_kind(in_channels, out_channels)) {
    case ShortcutKind::Identity:
      return x;
    case ShortcutKind::Repeat: {
      std::vector<int64_t> repeats(static_cast<size_t>(x.dim()), 1);
      repeats.back() = out_channels / in_channels;
      return x.repeat(repeats);  // [x, x, ..., x] along channels, as torch.cat([x] * r, -1)
    }
    case ShortcutKind::AveragePool: {
      std::vector<int64_t> grouped = x.sizes().vec();
      grouped.back() = out_channels;
      grouped.push_back(in_channels / out_channels);
      return x.reshape(grouped).mean(-1);
    }
  }
  return x;
}

}  // namespace binvit::nn
