#pragma once
// Exports a BHViT classifier (core/nn/models/bhvit.h) to the `.bvit` graph of BHViT's ops
// (core/runtime/engine/model_graph.h): the stem, MSGDC and MSMHA blocks with the shift-enhanced
// binary MLP, binary or float downsampling, the final norm, mean pooling and the head. BatchNorms
// are written folded (layers/token_batch_norm.h), binary weights as packed signs with one scale
// per output channel. Op names are the LibTorch module paths, so that verification can match
// every binarizing op with the layer the model's capture recorded.

#include "core/nn/export/bvit_export.h"
#include "core/nn/models/bhvit.h"
#include "core/nn/models/bhvit_segmentation.h"

#include <string>

namespace binvit::nn {

// The file's bytes. Throws std::invalid_argument when a part is not exportable (a binary layer
// that is not centred-sign x ApproxSign, an uninitialised QD quantizer).
std::string export_bhvit_bytes(Bhvit& model, const BvitExportOptions& options);

// The segmentation variant: the same backbone, then the FPN head (lateral 1x1 convs after each
// stage, nearest x2 top-down sums, 3x3 fuse conv + folded BatchNorm + ReLU, 1x1 classifier,
// bilinear resize to the input size); the graph's task is "segmentation".
std::string export_bhvit_segmentation_bytes(BhvitSegmentation& model,
                                            const BvitExportOptions& options);

}  // namespace binvit::nn
