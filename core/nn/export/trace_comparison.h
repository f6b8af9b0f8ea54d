#pragma once
// The element-by-element comparison of an engine trace with the LibTorch model's tensors, shared
// by the per-family comparers of engine_agreement.cpp (DeiT) and bhvit_agreement.cpp.

#include "core/nn/export/engine_agreement.h"
#include "core/runtime/engine/trace.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace binvit::nn::detail {

// Adds to the row `name` of `layers` (created on first use) how many of the trace entry's values
// differ from `expected` (any shape whose element order is the trace's): bits are compared with
// expected > 0, counts with the rounded integers of `expected`.
void compare(std::vector<LayerAgreement>& layers, const runtime::engine::Trace& trace,
             const std::string& name, const torch::Tensor& expected, bool bits);

// +-1 (or {0,1}) from a binarized tensor whose non-zero values are +-alpha (or alpha).
inline torch::Tensor signs_of(const torch::Tensor& binarized) { return torch::sign(binarized); }

// a . b^T (or a . b) in double, exact for the integer counts of binary products.
inline torch::Tensor exact_matmul(const torch::Tensor& a, const torch::Tensor& b) {
  return torch::matmul(a.to(torch::kDouble), b.to(torch::kDouble));
}

}  // namespace binvit::nn::detail
