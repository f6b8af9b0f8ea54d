#pragma once
// Over which elements GSB takes the extreme value its thresholds are relative to (ALGORITHMS.md
// 2.4). `batch` reproduces the released code (a prediction depends on its batch-mates); `image`
// (the default) and `row` make inference independent of the batch.

#include <torch/torch.h>

#include <string>

namespace binvit::nn::functional {

enum class ThresholdScope { Batch, Image, Row };

ThresholdScope parse_threshold_scope(const std::string& name);  // "batch" | "image" | "row"
std::string to_string(ThresholdScope scope);

// Maximum / minimum over the scope, shaped to broadcast against t (dim 0 is the image, the
// last dim is the row).
torch::Tensor scope_max(const torch::Tensor& t, ThresholdScope scope);
torch::Tensor scope_min(const torch::Tensor& t, ThresholdScope scope);

}  // namespace binvit::nn::functional
