#pragma once
// Evaluation of a segmentation model over a dataset: the per-pixel confusion, per-class IoU,
// mIoU and pixel accuracy (ALGORITHMS.md 3.8), ignoring pixels labelled 255.

#include "core/data/segmentation_dataset.h"
#include "core/data/transforms/segmentation_transforms.h"
#include "core/nn/models/segmentation_model.h"
#include "core/train/segmentation_metrics.h"
#include "core/train/stage_task.h"

#include <torch/types.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace binvit::train {

// Adds a batch: logits (N, classes, H, W), masks (N, H, W) int64. Throws std::invalid_argument
// for a mask value that is neither a class nor the ignore label.
void add_to_confusion(SegmentationConfusion& confusion, const torch::Tensor& logits,
                      const torch::Tensor& masks);

SegmentationConfusion evaluate_segmentation(nn::SegmentationModel& model,
                                            const data::SegmentationDataset& dataset,
                                            const data::SegmentationTransformPtr& transform,
                                            const EvaluationOptions& options);

// {"count", "pixels", "miou", "pixel_accuracy", "class_iou"} (null for a class that never
// occurs); the shape metrics.jsonl and reports use.
nlohmann::json segmentation_scores_json(const SegmentationConfusion& confusion, int64_t images);
// Per-class IoU as JSON, NaN (a class never seen) as null.
nlohmann::json class_iou_json(const std::vector<double>& iou);
// "class,iou" rows (empty IoU for a class never seen), written atomically.
void write_class_iou_csv(const std::filesystem::path& path, const std::vector<double>& iou,
                         const std::vector<std::string>& class_names);

}  // namespace binvit::train
