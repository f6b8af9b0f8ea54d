#pragma once
// BHViT's quantization decomposition of attention as a module: per-head alpha and zero point,
// initialised once from the first batch (ALGORITHMS.md 3.6).

#include "core/nn/quantizers/quantization_switch.h"

#include <torch/torch.h>

namespace binvit::nn {

struct QdAttentionQuantizerOptions {
  QdAttentionQuantizerOptions(int64_t heads = 1) : heads_(heads) {}  // NOLINT
  TORCH_ARG(int64_t, heads);
  TORCH_ARG(int64_t, levels) = 3;  // s = 2^n - 1 binary maps
};

class QdAttentionQuantizerImpl : public torch::nn::Module, public QuantizationSwitch {
 public:
  explicit QdAttentionQuantizerImpl(QdAttentionQuantizerOptions options = {});
  // attention (B, H, N, M) of softmax probabilities.
  torch::Tensor forward(const torch::Tensor& attention);

  QdAttentionQuantizerOptions options;
  torch::Tensor alpha;       // (H)
  torch::Tensor zero_point;  // (H)
  torch::Tensor initialized;
};
TORCH_MODULE(QdAttentionQuantizer);

}  // namespace binvit::nn
