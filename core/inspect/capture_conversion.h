#pragma once
// Turning the model's inspection capture (LibTorch tensors, core/nn/inspection_capture.h) into the
// torch-free records of inspection_result.h. Includes LibTorch: for core/inspect sources and
// tests only.

#include "core/inspect/inspection_result.h"
#include "core/nn/inspection_capture.h"

#include <torch/torch.h>

#include <vector>

namespace binvit::inspect {

// A tensor's values as floats in row-major order (empty for an undefined tensor).
std::vector<float> to_floats(const torch::Tensor& t);

// The layout of a record of ONE image. `patch_grid` is the DeiT patch grid side from the model
// config (0: infer it as the largest square that leaves at most two prefix tokens). Throws
// std::invalid_argument when the record's shapes fit no layout.
AttentionLayout layout_of(const nn::AttentionRecord& record, int patch_grid);

// One record of ONE image (batch dimension 1, or windows for BHViT) as an AttentionLayer.
AttentionLayer to_attention_layer(const nn::AttentionRecord& record, int patch_grid,
                                  int head_dim_hint);

}  // namespace binvit::inspect
