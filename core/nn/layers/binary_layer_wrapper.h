#pragma once
// BHViT's "layer-wise residual" binary layer (ALGORITHMS.md 3.2):
//   y = RPReLU( Norm( BinLinear(x + b) ) + shortcut(x) )
// with a learnable per-channel shift b, a centred-sign binary linear with ApproxSign inputs,
// BatchNorm over channels, and the channel shortcut (identity, repeat or average pool).

#include "core/nn/layers/binary_linear.h"
#include "core/nn/layers/rprelu.h"

#include <torch/torch.h>

namespace binvit::nn {

struct BinaryLayerWrapperOptions {
  BinaryLayerWrapperOptions(int64_t in_features, int64_t out_features)
      : in_features_(in_features), out_features_(out_features) {}
  TORCH_ARG(int64_t, in_features);
  TORCH_ARG(int64_t, out_features);
  TORCH_ARG(bool, bias) = true;
  TORCH_ARG(WeightBinarization, weight_mode) = WeightBinarization::CentredSign;
  TORCH_ARG(ActivationBinarization, activation_mode) = ActivationBinarization::ApproxSign;
};

class BinaryLayerWrapperImpl : public torch::nn::Module {
 public:
  explicit BinaryLayerWrapperImpl(const BinaryLayerWrapperOptions& options);
  // x (..., in_features) -> (..., out_features)
  torch::Tensor forward(const torch::Tensor& x);

  BinaryLayerWrapperOptions options;
  torch::Tensor shift;  // b, (in_features)
  BinaryLinear linear{nullptr};
  torch::nn::BatchNorm1d norm{nullptr};
  RPReLU activation{nullptr};
};
TORCH_MODULE(BinaryLayerWrapper);

}  // namespace binvit::nn
