#pragma once
// MSMHA, BHViT's attention for the late stages (ALGORITHMS.md 3.4), on normalised tokens of a
// side x side map:
//  1. w x w windows; "merged" tokens a*MaxPool + (1-a)*AvgPool (kernel w, stride w) summarise the
//     whole map, one per window position, and are appended to every window; LayerNorm.
//  2. Q, K, V as wrapped binary linears (3.2, identity shortcut), plus a second shift, then sign.
//  3. softmax(Q_b K_b^T / sqrt(d)), quantized by QD (3.6); ctx = A_q . V_b.
//  4. ctx = RPReLU(Norm(ctx) + t_Q + t_K + t_V).
//  5. Window outputs folded back to the map; merged-token outputs averaged over windows and
//     upsampled; out = p * windows + (1 - p) * global, p per channel.
//  6. A wrapped binary output projection and LayerScale; the block adds the residual.
// Local windows keep attention cheap, the merged tokens give every window a global view.

#include "core/nn/inspection_capture.h"
#include "core/nn/layers/binary_layer_wrapper.h"
#include "core/nn/layers/layer_scale.h"
#include "core/nn/layers/rprelu.h"
#include "core/nn/quantizers/qd_attention_quantizer.h"
#include "core/nn/quantizers/quantization_switch.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

struct BhvitMsmhaOptions {
  BhvitMsmhaOptions(int64_t channels, int64_t heads, int64_t window, int64_t side)
      : channels_(channels), heads_(heads), window_(window), side_(side) {}
  TORCH_ARG(int64_t, channels);
  TORCH_ARG(int64_t, heads);
  TORCH_ARG(int64_t, window);
  TORCH_ARG(int64_t, side);  // side of the square map the module attends over
  TORCH_ARG(double, layer_scale_init) = 0.1;

 public:  // TORCH_ARG leaves the section private
  int64_t head_dim() const { return channels_ / heads_; }
  int64_t windows() const { return (side_ / window_) * (side_ / window_); }
  // Tokens one window attends over: its own w^2 plus one merged token per window.
  int64_t window_tokens() const { return window_ * window_ + windows(); }
};

class BhvitMsmhaImpl : public torch::nn::Module, public QuantizationSwitch, public CaptureTarget {
 public:
  explicit BhvitMsmhaImpl(const BhvitMsmhaOptions& options);
  // u: normalised tokens (B, side^2, C) -> (B, side^2, C), before the block's residual add.
  torch::Tensor forward(const torch::Tensor& u);
  void add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const;

  BhvitMsmhaOptions options;
  torch::Tensor merge_weight;  // a (C), init 0.5
  torch::nn::LayerNorm token_norm{nullptr};
  BinaryLayerWrapper query{nullptr}, key{nullptr}, value{nullptr};
  torch::Tensor query_shift, key_shift, value_shift;  // the second shifts before sign (C)
  QdAttentionQuantizer attention_quantizer{nullptr};
  torch::nn::BatchNorm1d context_norm{nullptr};
  RPReLU context_activation{nullptr};
  torch::Tensor window_weight;  // p (C), init 0.5
  BinaryLayerWrapper output{nullptr};
  LayerScale output_scale{nullptr};

 private:
  torch::Tensor build_tokens(const torch::Tensor& map);
  torch::Tensor sign(const torch::Tensor& x) const;
  // Evaluation without a gradient: A_q . V as alpha_h * (levels . sign V), the integer product
  // scaled once, as the packed engine computes it; undefined otherwise (training form instead).
  torch::Tensor exact_context(const torch::Tensor& probabilities, const torch::Tensor& value_signs) const;
  void record(const torch::Tensor& probabilities, const torch::Tensor& quantized,
              const torch::Tensor& value_signs, const std::vector<torch::Tensor>& projections) const;
};
TORCH_MODULE(BhvitMsmha);

}  // namespace binvit::nn
