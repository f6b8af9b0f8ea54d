#pragma once
// Semantic segmentation with the packed engine: the images go in as the segmentation evaluation
// pipeline prepares them (resized to the model's square input, bilinear; grey to RGB for a
// colour model; normalised), the engine gives per-pixel logits, and their argmax is scaled back
// to each image's own size (nearest), ready for an overlay.

#include "core/runtime/engine/engine.h"

#include <torch/torch.h>
#include <opencv2/core.hpp>

#include <vector>

namespace binvit::deploy {

// (B, C, S, S) float for the engine or the LibTorch model; S = preprocessing.image_size.
torch::Tensor preprocess_for_segmentation(const std::vector<cv::Mat>& images,
                                          const runtime::engine::Preprocessing& preprocessing);

// The class of each of `pixels` rows of `classes` logits (the first largest, as torch.argmax),
// as a side x side CV_32SC1 map.
cv::Mat argmax_labels(const float* logits, int side, int classes);

struct SegmentedImage {
  cv::Mat labels;                   // CV_32SC1 at the image's own size
  std::vector<double> class_share;  // per class: its share of the model-resolution pixels
};

// Throws std::invalid_argument when the engine's model is not a segmentation model.
std::vector<SegmentedImage> segment_images(runtime::engine::Engine& engine,
                                           const std::vector<cv::Mat>& images);

}  // namespace binvit::deploy
