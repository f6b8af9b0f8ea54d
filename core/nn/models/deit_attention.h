#pragma once
// Multi-head self-attention of the DeiT family. In the binary variants q and k get a per-head
// shift and elastic binarization, the softmax output (plus GSB's optional P) is quantized by
// superposition (GSB) or {0, alpha} (baseline), and V by superposition or sign (ALGORITHMS.md 2.2).

#include "core/nn/layers/binary_linear.h"
#include "core/nn/models/deit_config.h"
#include "core/nn/inspection_capture.h"
#include "core/nn/quantizers/elastic_binarizer.h"
#include "core/nn/quantizers/gsb_attention_quantizer.h"
#include "core/nn/quantizers/gsb_value_quantizer.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class DeitAttentionImpl : public torch::nn::Module, public CaptureTarget {
 public:
  explicit DeitAttentionImpl(const DeitConfig& config);
  // x (B, N, C) -> (B, N, C)
  torch::Tensor forward(const torch::Tensor& x);
  void add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const;

  bool binary() const { return !query_binarizer.is_empty(); }

 private:
  void record(const torch::Tensor& probabilities, const torch::Tensor& shifted_attention,
              const torch::Tensor& quantized, const torch::Tensor& shifted_value) const;

 public:

  DeitConfig config;
  BinaryLinear qkv{nullptr};
  BinaryLinear proj{nullptr};
  ElasticBinarizer query_binarizer{nullptr};  // shift (H, 1, d) + alpha
  ElasticBinarizer key_binarizer{nullptr};
  torch::Tensor value_shift;                  // (H, 1, d)
  GsbValueQuantizer value_quantizer{nullptr};  // one component = sign V (baseline)
  GsbAttentionQuantizer attention_quantizer{nullptr};
  torch::Tensor attention_bias;  // GSB's post-softmax P (H, N, N), optional
};
TORCH_MODULE(DeitAttention);

}  // namespace binvit::nn
