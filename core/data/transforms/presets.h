#pragma once
// The named pipelines of the GSB recipe (DeiT's data recipe, ALGORITHMS.md 2.5):
//   gsb-train: [grey -> RGB] -> RandomResizedCrop(size, 0.08-1, 3/4-4/3, bicubic), or for inputs
//              of 32 px or less RandomCrop(size, padding 4) as DeiT does -> HorizontalFlip(0.5)
//              -> RandAugment(n 2, m 9, mstd 0.5) -> Normalize -> RandomErasing(0.25, pixel)
//   basic-train: [grey -> RGB] -> RandomResizedCrop, or RandomCrop(size, padding 2) for small
//              inputs -> HorizontalFlip(0.5) -> Normalize (for runs of a few epochs)
//   gsb-eval:  [grey -> RGB] -> Resize(size / 0.875, bicubic) -> CenterCrop(size), or for inputs
//              of 32 px or less Resize(size x size) -> Normalize

#include "core/data/transforms/rand_augment.h"
#include "core/data/transforms/transform.h"

#include <string>
#include <vector>

namespace binvit::data {

struct PipelineOptions {
  int image_size = 224;
  int channels = 3;  // the model's input channels; grey images become RGB when 3
  std::vector<double> mean = {0.485, 0.456, 0.406};  // ImageNet, as the recipe
  std::vector<double> std = {0.229, 0.224, 0.225};
  RandAugmentOptions rand_augment;  // its fill colour is set from `mean`
  double erase_probability = 0.25;
  double crop_fraction = 0.875;  // eval: resize to size / crop_fraction, then center crop
};

TransformPtr gsb_train_transforms(const PipelineOptions& options);
TransformPtr gsb_eval_transforms(const PipelineOptions& options);
TransformPtr basic_train_transforms(const PipelineOptions& options);

// By name ("gsb-train", "gsb-eval"); throws std::invalid_argument listing the names otherwise.
TransformPtr make_transforms(const std::string& preset, const PipelineOptions& options);
std::vector<std::string> transform_preset_names();

}  // namespace binvit::data
