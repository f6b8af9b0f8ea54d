#include "core/nn/models/bhvit_shift_branches.h"

#include "core/nn/functional/token_layout.h"
#include "core/nn/functional/token_shift.h"

namespace binvit::nn {

BhvitShiftBranchesImpl::BhvitShiftBranchesImpl(int64_t channels) {
  h3 = register_module("h3", LayerScale(channels, 0.0));
  w3 = register_module("w3", LayerScale(channels, 0.0));
  c3 = register_module("c3", LayerScale(channels, 0.0));
  h5 = register_module("h5", LayerScale(channels, 0.0));
  w5 = register_module("w5", LayerScale(channels, 0.0));
  c5 = register_module("c5", LayerScale(channels, 0.0));
}

torch::Tensor BhvitShiftBranchesImpl::forward(const torch::Tensor& u, int64_t side) {
  namespace F = functional;
  const torch::Tensor map = F::tokens_to_map(u, side);
  const auto branch = [](LayerScale& scale, const torch::Tensor& shifted) {
    return scale->forward(F::map_to_tokens(shifted));
  };
  return branch(h3, F::rolled_mean(map, 1, 2)) + branch(w3, F::rolled_mean(map, 1, 3)) +
         branch(c3, F::channel_split_roll(map, 1)) + branch(h5, F::rolled_mean(map, 2, 2)) +
         branch(w5, F::rolled_mean(map, 2, 3)) + branch(c5, F::channel_split_roll(map, 2));
}

LayerCost BhvitShiftBranchesImpl::cost(const std::string& name, int64_t side) const {
  const int64_t channels = h3->scale.size(0);
  return plain_layer_cost(name, "ShiftBranches", count_parameters(*this), 0, 0, "A32",
                          {side * side, channels});
}

}  // namespace binvit::nn
