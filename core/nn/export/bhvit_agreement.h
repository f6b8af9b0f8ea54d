#pragma once
// The BHViT part of engine verification (engine_agreement.h): which engine trace entries a BHViT
// model's inspection capture is compared with, and which model tensors replace the engine's
// inputs of its binarizing ops for the layer-by-layer pass.

#include "core/nn/export/engine_agreement.h"
#include "core/nn/inspection_capture.h"
#include "core/nn/models/bhvit.h"
#include "core/runtime/engine/trace.h"

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace binvit::nn {

// Binary linears and convolutions: ".input" bits and ".product" counts (the convolution in the
// model's (B, C, H, W) layout). MSMHA: ".query" and ".key" signs recomputed from the captured
// projections, ".scores" (Q.K^T), ".value_sign", and per QD level ".qd_map.<s>" and
// ".values.<s>" (map . sign V), all recomputed with torch ops from the captured tensors.
// `model`: a Bhvit or a BhvitSegmentation (their backbones' module paths are the same).
void compare_bhvit_traces(torch::nn::Module& model, const InspectionCapture& capture,
                          const runtime::engine::Trace& trace, std::vector<LayerAgreement>& layers);

// The model's float input of every binarizing engine op, as (rows, channels) in the engine's
// row order, keyed by the name under which the engine offers that input.
std::map<std::string, torch::Tensor> bhvit_engine_inputs(const InspectionCapture& capture);

}  // namespace binvit::nn
