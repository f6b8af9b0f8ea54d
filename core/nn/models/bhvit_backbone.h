#pragma once
// The BHViT backbone (ALGORITHMS.md 3.1): stem, then per stage its blocks, with downsampling
// between stages. Shared by the classifier and the segmentation model, which reads every
// stage's output.

#include "core/nn/models/bhvit_block.h"
#include "core/nn/models/bhvit_config.h"
#include "core/nn/models/bhvit_downsampling.h"
#include "core/nn/models/bhvit_stem.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitBackboneImpl : public torch::nn::Module {
 public:
  explicit BhvitBackboneImpl(const BhvitConfig& config);
  // images -> the output tokens (B, side_s^2, C_s) of every stage, before its downsampling.
  std::vector<torch::Tensor> forward_stages(const torch::Tensor& images);
  // images -> the last stage's tokens.
  torch::Tensor forward(const torch::Tensor& images) { return forward_stages(images).back(); }
  // Rows named after the modules below the backbone (stem, stages.s.i..., downsampling.s).
  void add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const;
  std::vector<torch::Tensor> binary_block_weights() const;

  BhvitConfig config;
  BhvitStem stem{nullptr};
  torch::nn::ModuleList stages{nullptr};        // per stage, a ModuleList of BhvitBlock
  torch::nn::ModuleList downsampling{nullptr};  // BhvitDownsampling after every stage but the last
};
TORCH_MODULE(BhvitBackbone);

// Mean over the binary layers of the blocks (MSGDC convs, Q/K/V, attention output, MLP linears)
// of mean(| |w| - 1 |) on their latent weights: BHViT's weight-oscillation regulariser L_re
// (ALGORITHMS.md 3.7). It pulls latent weights towards +-1, away from the sign boundary, where
// Adam makes them flip back and forth.
torch::Tensor weight_oscillation_loss(const std::vector<torch::Tensor>& latent_weights);

}  // namespace binvit::nn
