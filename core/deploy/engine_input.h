#pragma once
// Images into the packed engine and the LibTorch model alike: the evaluation transforms a model
// was exported with (its .bvit's preprocessing). Uses LibTorch: not for Qt code.

#include "core/data/transforms/transform.h"
#include "core/runtime/engine/engine.h"

#include <torch/torch.h>
#include <opencv2/core.hpp>

#include <vector>

namespace binvit::deploy {

// The "gsb-eval" pipeline for `preprocessing`.
data::TransformPtr eval_transforms(const runtime::engine::Preprocessing& preprocessing);

// Images through those transforms, stacked: (B, C, H, W) float, contiguous.
torch::Tensor preprocess(const std::vector<cv::Mat>& images,
                         const runtime::engine::Preprocessing& preprocessing);

// The engine's logits for (B, C, H, W) images: B x classes.
std::vector<float> run_engine(runtime::engine::Engine& engine, const torch::Tensor& images);

}  // namespace binvit::deploy
