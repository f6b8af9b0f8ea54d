#include "core/nn/functional/threshold_scope.h"

#include <stdexcept>

namespace binvit::nn::functional {
namespace {

torch::Tensor per_image(const torch::Tensor& t, bool maximum) {
  const torch::Tensor flat = t.reshape({t.size(0), -1});
  const torch::Tensor extreme = maximum ? flat.amax(1) : flat.amin(1);
  std::vector<int64_t> shape(static_cast<size_t>(t.dim()), 1);
  shape[0] = t.size(0);
  return extreme.reshape(shape);
}

torch::Tensor extreme_over_scope(const torch::Tensor& t, ThresholdScope scope, bool maximum) {
  TORCH_CHECK(t.dim() >= 2, "threshold scopes need a batched tensor, got shape ", t.sizes());
  switch (scope) {
    case ThresholdScope::Batch:
      return maximum ? t.max() : t.min();
    case ThresholdScope::Image:
      return per_image(t, maximum);
    case ThresholdScope::Row:
      return maximum ? t.amax(-1, /*keepdim=*/true) : t.amin(-1, /*keepdim=*/true);
  }
  throw std::logic_error("unknown threshold scope");
}

}  // namespace

ThresholdScope parse_threshold_scope(const std::string& name) {
  if (name == "batch") return ThresholdScope::Batch;
  if (name == "image") return ThresholdScope::Image;
  if (name == "row") return ThresholdScope::Row;
  throw std::invalid_argument("threshold scope must be one of batch, image, row; got '" + name +
                              "'");
}

std::string to_string(ThresholdScope scope) {
  switch (scope) {
    case ThresholdScope::Batch:
      return "batch";
    case ThresholdScope::Image:
      return "image";
    case ThresholdScope::Row:
      return "row";
  }
  return "unknown";
}

torch::Tensor scope_max(const torch::Tensor& t, ThresholdScope scope) {
  return extreme_over_scope(t, scope, true);
}

torch::Tensor scope_min(const torch::Tensor& t, ThresholdScope scope) {
  return extreme_over_scope(t, scope, false);
}

}  // namespace binvit::nn::functional
