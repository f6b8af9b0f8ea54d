#pragma once
// One BHViT block (ALGORITHMS.md 3.3-3.5) on tokens x (B, side^2, C):
//   h   = x + Mixer(Norm(x))            Mixer = MSGDC (early stages) or MSMHA (late stages)
//   u   = Norm(h)
//   out = h + MLP(u) + sum of the six scaled shift branches of u

#include "core/nn/models/bhvit_config.h"
#include "core/nn/models/bhvit_mlp.h"
#include "core/nn/models/bhvit_msgdc.h"
#include "core/nn/models/bhvit_msmha.h"
#include "core/nn/models/bhvit_shift_branches.h"
#include "core/nn/summary/model_summary.h"

#include <torch/torch.h>

namespace binvit::nn {

class BhvitBlockImpl : public torch::nn::Module {
 public:
  BhvitBlockImpl(const BhvitConfig& config, int64_t stage);
  torch::Tensor forward(const torch::Tensor& x);
  void add_costs(const std::string& prefix, std::vector<LayerCost>& rows) const;
  // The latent weights of the block's binary layers (for the regulariser of ALGORITHMS.md 3.7).
  std::vector<torch::Tensor> binary_weights() const;

  int64_t side;
  torch::nn::BatchNorm1d norm_before{nullptr};
  BhvitMsgdc msgdc{nullptr};      // MSGDC stages
  BhvitMsmha attention{nullptr};  // MSMHA stages
  torch::nn::BatchNorm1d norm_after{nullptr};
  BhvitMlp mlp{nullptr};
  BhvitShiftBranches shifts{nullptr};  // optional (config.shift_branches)
};
TORCH_MODULE(BhvitBlock);

}  // namespace binvit::nn
