#include "core/inspect/attention_rollout.h"

namespace binvit::inspect {
namespace {

torch::Tensor row_normalised(const torch::Tensor& m) {
  return m / m.sum(-1, /*keepdim=*/true).clamp_min(1e-12);
}

}  // namespace

torch::Tensor attention_rollout(const std::vector<torch::Tensor>& attention_per_layer,
                                double residual_weight) {
  TORCH_CHECK(!attention_per_layer.empty(), "attention rollout needs at least one layer");
  TORCH_CHECK(residual_weight >= 0.0 && residual_weight <= 1.0,
              "rollout residual weight must be in [0, 1], got ", residual_weight);
  torch::NoGradGuard no_grad;
  torch::Tensor rollout;
  for (size_t layer = 0; layer < attention_per_layer.size(); ++layer) {
    const torch::Tensor& a = attention_per_layer[layer];
    TORCH_CHECK((a.dim() == 3 || a.dim() == 2) && a.size(-1) == a.size(-2),
                "rollout layer ", layer, " must be (H, N, N) or (N, N), got ", a.sizes());
    // Quantized attention can hold values outside [0, 1]; clamp negatives so rows stay a
    // distribution.
    const torch::Tensor heads_mean = (a.dim() == 3 ? a.mean(0) : a).to(torch::kDouble).clamp_min(0);
    const torch::Tensor identity = torch::eye(heads_mean.size(0), heads_mean.options());
    const torch::Tensor factor = row_normalised(
        (1.0 - residual_weight) * row_normalised(heads_mean) + residual_weight * identity);
    TORCH_CHECK(!rollout.defined() || rollout.size(0) == factor.size(0),
                "rollout layer ", layer, " has ", factor.size(0), " tokens, earlier layers ",
                rollout.size(0));
    rollout = rollout.defined() ? factor.matmul(rollout) : factor;
  }
  return rollout.to(torch::kFloat);
}

}  // namespace binvit::inspect
