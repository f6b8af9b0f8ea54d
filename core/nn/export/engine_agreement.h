#pragma once
// Agreement of the packed engine with the LibTorch model it was exported from, on the same
// images (PERFORMANCE.md "Agreement"): per layer the number of differing bits of every binarized
// activation (binary linear inputs, q and k signs, attention maps, value signs and groups) and of
// differing integers of every binary product (linear counts, Q.K^T, the A.V terms), the largest
// relative difference of the logits, and top-1 agreement. The LibTorch side comes from the
// model's inspection capture; the q/k signs and the integer products are recomputed from the
// captured binarized tensors with torch ops, independently of the engine's kernels.

#include "core/nn/models/classifier_model.h"
#include "core/nn/models/segmentation_model.h"
#include "core/runtime/engine/engine.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace binvit::nn {

struct LayerAgreement {
  std::string name;  // the engine's trace name, e.g. "blocks.0.attn.attention_map.1"
  bool bits = true;  // binarized activation (true) or integer product (false)
  int64_t elements = 0;
  int64_t differing = 0;
};

struct AgreementReport {
  // End to end: the engine runs on its own from the images, so a float rounding difference that
  // moves a value across a binarizer's threshold shows up here and propagates downstream.
  std::vector<LayerAgreement> layers;
  // Layer by layer: every binarizing op of the engine is fed the LibTorch model's input of that
  // layer, so any difference is a difference of the rules (thresholds, ties, scales, scopes).
  std::vector<LayerAgreement> layerwise;
  double max_relative_difference = 0.0;
  int64_t images = 0;
  int64_t top1_agreeing = 0;
  // Segmentation: pixels compared and those with the same argmax class (images then counts
  // images and top1_agreeing stays 0).
  int64_t pixels = 0;
  int64_t pixels_agreeing = 0;

  int64_t differing_bits() const;       // end to end
  int64_t differing_counts() const;     // end to end
  int64_t layerwise_differing() const;  // bits and counts
  double top1_agreement() const {
    return images ? static_cast<double>(top1_agreeing) / images : 0.0;
  }
  double pixel_agreement() const {
    return pixels ? static_cast<double>(pixels_agreeing) / static_cast<double>(pixels) : 0.0;
  }
  // The bars: no differing bit or count (end to end and layer by layer), logits within
  // 1e-4, top-1 (segmentation: per-pixel argmax) agreement >= 99.9 %.
  bool passes() const;
};

// Runs the model (eval mode, no grad, capture on) and the engine twice (on its own, and with each
// binarizing op fed the model's input) on `images` (B, C, H, W, normalised) and adds the
// comparison to `report`.
void compare_engine_with_model(ClassifierModel& model, runtime::engine::Engine& engine,
                               const torch::Tensor& images, AgreementReport& report);

// The same for a segmentation model: its per-pixel logits, and per-pixel argmax agreement.
void compare_engine_with_model(SegmentationModel& model, runtime::engine::Engine& engine,
                               const torch::Tensor& images, AgreementReport& report);

// The relative difference used above: max |engine - model| / max |model| over one image's logits.
double relative_difference(const torch::Tensor& engine_logits, const torch::Tensor& model_logits);

}  // namespace binvit::nn
