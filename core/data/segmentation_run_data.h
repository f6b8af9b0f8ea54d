#pragma once
// The parts a segmentation run trains and evaluates on (ADE20K, or an images/masks folder pair),
// with transforms that move each image and its mask together.

#include "core/data/data_config.h"
#include "core/data/segmentation_dataset.h"
#include "core/data/transforms/segmentation_transforms.h"

#include <memory>
#include <string>
#include <vector>

namespace binvit::data {

struct SegmentationRunData {
  std::shared_ptr<const SegmentationDataset> train;
  std::shared_ptr<const SegmentationDataset> eval;
  std::string eval_name;  // "validation"
  SegmentationTransformPtr train_transform;
  SegmentationTransformPtr eval_transform;
};

// ADE20K trains on `training` and evaluates on `validation`, or on a seeded `val_percent` share of
// `training` when one is set; a segmentation folder has no split of its own and needs
// `val_percent`. Pairs are resized to image_size (masks nearest) and normalised; with an
// augmentation other than "none", training pairs are also flipped left-right at random. Throws
// std::invalid_argument naming the field, DataError naming the file.
SegmentationRunData open_segmentation_run_data(const DataConfig& config, uint64_t seed);

// The image half of those pipelines after the resize: grey to RGB for a colour model
// (`channels` 3), then normalisation. Inference and inspection prepare images with it too.
TransformPtr segmentation_image_transforms(int channels, const std::vector<double>& mean,
                                           const std::vector<double>& std);

}  // namespace binvit::data
